"""The statement's judgements: a threat's overall assurance, the statement's conclusion, and
which open action follows up a gap.

Pure functions of the levels given and the gaps named, so they can be tested (and mutated) alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

INCOMPLETE = "incomplete"
NOT_ASSESSED = "not assessed"
NO_OVERALL = (INCOMPLETE, NOT_ASSESSED)
TOP_LEVELS = 2  # assured only when every threat stands at one of the scale's strongest two


@dataclass(frozen=True)
class Level:
    """A level given on one dimension; a larger `position` is a lower level of assurance."""

    name: str
    position: int


@dataclass(frozen=True)
class Judgement:
    """The statement's conclusion: whether the Commissioner is assured, on how many threats an
    overall view was reached, which threats stand at each level (strongest first, levels with
    no threat left out), and which threats have no overall level yet (with why)."""

    assured: bool
    reached: int
    total: int
    at_level: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unreached: tuple[tuple[str, str], ...] = ()

    def summary(self) -> str:
        """The judgement in a few lines, as a screen shows it before approval."""
        head = "Assured" if self.assured else "Not assured"
        lines = [f"{head}. An overall level on {self.reached} of {self.total} threats."]
        lines += [f"{level}: {', '.join(names)}" for level, names in self.at_level]
        lines += [f"No overall view ({why}): {name}" for name, why in self.unreached]
        return "\n".join(lines)


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


def judgement(
    threats: Sequence[tuple[str, str]], gaps: Sequence[str], scale: Sequence[str]
) -> Judgement:
    """The conclusion from each (threat, overall level) and the gaps named.

    `scale` is the assurance scale, strongest first. Assured only when there are threats, every
    one stands at one of the scale's top two levels, and no gap is named.
    """
    top = set(scale[:TOP_LEVELS])
    grouped = ((lv, tuple(name for name, overall in threats if overall == lv)) for lv in scale)
    at_level = tuple((lv, names) for lv, names in grouped if names)
    unreached = tuple((name, overall) for name, overall in threats if overall not in scale)
    assured = bool(threats) and not gaps and all(overall in top for _, overall in threats)
    return Judgement(assured, len(threats) - len(unreached), len(threats), at_level, unreached)


def names_gap(title: str, dimension: str) -> bool:
    """Whether an action's title names a gap on `dimension` of its threat: it mentions one of the
    dimension's words ("capacity" for "Capacity and contribution"); for a gap on the whole
    threat (no dimension: no evidence in the year), it mentions evidence."""
    words = title.lower()
    if not dimension:
        return "evidence" in words
    return any(word in words for word in dimension.lower().split() if len(word) > 3)
