"""The statement's judgements: a threat's overall assurance, and the statement's conclusion.

Pure functions of the levels given and the gaps named, so they can be tested (and mutated) alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

INCOMPLETE = "incomplete"
NOT_ASSESSED = "not assessed"
NO_OVERALL = (INCOMPLETE, NOT_ASSESSED)


@dataclass(frozen=True)
class Level:
    """A level given on one dimension; a larger `position` is a lower level of assurance."""

    name: str
    position: int


@dataclass(frozen=True)
class Judgement:
    """The statement's conclusion: whether the Commissioner is assured, and on how many threats
    an overall view was reached."""

    assured: bool
    reached: int
    total: int


def overall_level(levels: Sequence[Level | None]) -> str:
    """A threat's overall assurance: the lowest level given on any of its dimensions.

    "incomplete" when some dimension is not assessed (None), "not assessed" when none is.
    """
    assessed = [level for level in levels if level is not None]
    if not assessed:
        return NOT_ASSESSED
    if len(assessed) < len(levels):
        return INCOMPLETE
    return max(assessed, key=lambda level: level.position).name


def judgement(overalls: Sequence[str], gaps: Sequence[str]) -> Judgement:
    """Assured only when every threat has an overall level and no gap is named."""
    reached = sum(1 for overall in overalls if overall not in NO_OVERALL)
    return Judgement(reached == len(overalls) and not gaps, reached, len(overalls))
