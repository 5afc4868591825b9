"""The statement's judgements, alone: a threat's overall level and the statement's conclusion."""

from __future__ import annotations

from assure.services.statement.judgement import (
    INCOMPLETE,
    NOT_ASSESSED,
    Judgement,
    Level,
    judgement,
    names_gap,
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


SCALE = ["Substantial", "Reasonable", "Limited", "No assurance"]


def test_assured_only_with_every_threat_at_the_top_two_levels_and_no_gap() -> None:
    both_top = [("Terrorism", "Substantial"), ("CSA", "Reasonable")]
    assert judgement(both_top, [], SCALE).assured
    assert not judgement(both_top, ["CSA: no evidence"], SCALE).assured
    assert not judgement([("Terrorism", "Substantial"), ("CSA", "Limited")], [], SCALE).assured
    assert not judgement([("Terrorism", "No assurance")], [], SCALE).assured
    assert not judgement([("Terrorism", "Substantial"), ("CSA", INCOMPLETE)], [], SCALE).assured
    assert not judgement([], [], SCALE).assured


def test_the_top_two_follow_the_scale_given() -> None:
    assert judgement([("Terrorism", "Limited")], [], ["Limited", "Substantial"]).assured
    assert not judgement([("Terrorism", "Reasonable")], [], ["A", "B", "Reasonable"]).assured


def test_the_judgement_names_the_threats_at_each_level_strongest_first() -> None:
    found = judgement(
        [("Terrorism", "Limited"), ("SOC", "Substantial"), ("CSA", "Limited"),
         ("Cyber", INCOMPLETE), ("VAWG", NOT_ASSESSED), ("Disorder", "No assurance")],
        ["Cyber: consistency not assessed"],
        SCALE,
    )  # fmt: skip
    assert found == Judgement(
        False,
        4,
        6,
        (("Substantial", ("SOC",)), ("Limited", ("Terrorism", "CSA")),
         ("No assurance", ("Disorder",))),
        (("Cyber", INCOMPLETE), ("VAWG", NOT_ASSESSED)),
    )  # fmt: skip


def test_an_action_names_a_gap_by_a_word_of_its_dimension_or_by_evidence() -> None:
    assert names_gap("Assess the consistency of the cyber response", "Consistency")
    assert names_gap("Report PSU capacity against the requirement", "Capacity and contribution")
    assert not names_gap("Report PSU numbers", "Capacity and contribution")
    assert not names_gap("Brief the board on county lines", "Consistency")
    assert names_gap("Provide the evidence of cyber readiness", "")
    assert not names_gap("Assess cyber readiness", "")
    assert not names_gap("Brief the board on cyber", "")


def test_the_summary_says_the_judgement_then_the_threats_at_each_level() -> None:
    found = judgement(
        [("Terrorism", "Limited"), ("SOC", "Substantial"), ("Cyber", INCOMPLETE)], [], SCALE
    )
    assert found.summary().splitlines() == [
        "Not assured. An overall level on 2 of 3 threats.",
        "Substantial: SOC",
        "Limited: Terrorism",
        "No overall view (incomplete): Cyber",
    ]
    assert (
        judgement([("SOC", "Reasonable")], [], SCALE)
        .summary()
        .startswith("Assured. An overall level on 1 of 1 threats.")
    )


def test_short_words_of_a_heading_do_not_name_a_gap() -> None:
    assert not names_gap("Brief the board and the region", "Capacity and contribution")
    assert names_gap("Brief the board on contribution", "Capacity and contribution")
