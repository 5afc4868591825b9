"""What the s55 clock says is still missing, step by step."""

from __future__ import annotations

from datetime import date

from assure.services.inspections.s55 import S55Steps

DAY = date(2026, 3, 2)


def steps(**done: object) -> S55Steps:
    base: dict[str, object] = {
        "comments_invited_on": None,
        "comments_due_on": None,
        "comments_received_on": None,
        "published_on": None,
        "response_link": "",
        "copies_sent_on": None,
        "recommendations": 2,
        "explained": 0,
    }
    base.update(done)
    return S55Steps(**base)  # type: ignore[arg-type]


def test_a_new_report_misses_every_step_in_the_acts_order() -> None:
    assert steps().missing() == [
        "invite the Chief Constable's comments",
        "record the Chief Constable's comments received",
        "explain the action on 2 recommendations",
        "publish the response",
        "send copies to HMICFRS and the Home Secretary",
    ]


def test_each_step_done_leaves_the_list() -> None:
    done = steps(
        comments_invited_on=DAY,
        comments_received_on=DAY,
        explained=2,
        published_on=DAY,
        response_link="https://example.org/response",
        copies_sent_on=DAY,
    )
    assert done.missing() == []


def test_one_recommendation_left_and_a_response_without_its_link() -> None:
    left = steps(comments_invited_on=DAY, comments_received_on=DAY, explained=1,
                 published_on=DAY, copies_sent_on=DAY)  # fmt: skip
    assert left.missing() == [
        "explain the action on 1 recommendation",
        "record where the response is published",
    ]


def test_a_report_without_recommendations_needs_no_explanations() -> None:
    assert not any("explain" in step for step in steps(recommendations=0).missing())
