"""The statement's judgements, alone: a threat's overall level and the statement's conclusion."""

from __future__ import annotations

from assure.services.statement.judgement import (
    INCOMPLETE,
    NOT_ASSESSED,
    Judgement,
    Level,
    judgement,
    overall_level,
)

SUBSTANTIAL = Level("Substantial", 2)
REASONABLE = Level("Reasonable", 3)
LIMITED = Level("Limited", 4)


def test_a_threats_overall_level_is_the_lowest_given_wherever_it_stands() -> None:
    assert overall_level([SUBSTANTIAL, LIMITED, REASONABLE]) == "Limited"
    assert overall_level([LIMITED, SUBSTANTIAL, SUBSTANTIAL]) == "Limited"
    assert overall_level([SUBSTANTIAL, SUBSTANTIAL, LIMITED]) == "Limited"
    assert overall_level([REASONABLE, SUBSTANTIAL]) == "Reasonable"


def test_one_level_on_every_dimension_is_that_level() -> None:
    assert overall_level([REASONABLE]) == "Reasonable"
    assert overall_level([SUBSTANTIAL, SUBSTANTIAL]) == "Substantial"


def test_a_dimension_not_assessed_makes_the_threat_incomplete_even_beside_low_levels() -> None:
    assert overall_level([LIMITED, None, LIMITED]) == INCOMPLETE
    assert overall_level([None, SUBSTANTIAL]) == INCOMPLETE


def test_no_dimension_assessed_is_not_assessed() -> None:
    assert overall_level([None, None, None, None]) == NOT_ASSESSED
    assert overall_level([]) == NOT_ASSESSED


def test_assured_only_with_every_threat_judged_and_no_gap() -> None:
    assert judgement(["Substantial", "Limited"], []) == Judgement(True, 2, 2)
    assert judgement(["Substantial", "Limited"], ["Cyber: no evidence"]) == Judgement(False, 2, 2)
    assert judgement(["Substantial", INCOMPLETE], []) == Judgement(False, 1, 2)
    assert judgement([NOT_ASSESSED, "Limited"], []) == Judgement(False, 1, 2)
    assert judgement([NOT_ASSESSED, INCOMPLETE], ["gap"]) == Judgement(False, 0, 2)
