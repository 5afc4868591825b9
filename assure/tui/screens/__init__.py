"""The screens of the app, each a mode reached by one key (and the command palette)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    summary: str
    module: str
    cls: str

    def factory(self) -> Any:
        return getattr(import_module(f"assure.tui.screens.{self.module}"), self.cls)()


SCREENS: dict[str, ScreenSpec] = {
    "home": ScreenSpec("h", "Home", "Overdue work, s55 clocks, coverage", "home", "HomeScreen"),
    "board": ScreenSpec("b", "Board", "Meetings and the action log", "board", "BoardScreen"),
    "threats": ScreenSpec(
        "t", "Threats", "The SPR threats and their evidence", "threats", "ThreatsScreen"
    ),
    "hmicfrs": ScreenSpec(
        "i", "HMICFRS", "Reports, grades and findings", "hmicfrs", "HmicfrsScreen"
    ),
    "plan": ScreenSpec("p", "Plan", "Plan priorities, leads and RAG", "plan", "PlanScreen"),
    "evidence": ScreenSpec(
        "e", "Evidence", "Record and find evidence", "evidence", "EvidenceScreen"
    ),
    "people": ScreenSpec("o", "People", "Owners, leads and their access", "people", "PeopleScreen"),
    "statement": ScreenSpec(
        "s", "Statement", "Gaps, preview, build and approve", "statement", "StatementScreen"
    ),
}

Factory = Callable[[], Any]
