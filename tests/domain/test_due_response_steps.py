"""The due list's s55 step item on every database (SQLite and PostgreSQL): once a response is
published, the steps still missing are chased, with the counts the SQL takes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from assure.core import audit
from assure.services import people
from assure.services.inspections import findings as inspections
from assure.services.reminders import due
from tests.conftest import OFFICER, TODAY


def test_a_published_response_is_chased_for_its_missing_steps(engine: Engine) -> None:
    published = TODAY - timedelta(days=60)
    with Session(engine) as s:
        people.add_person(s, OFFICER, "Sarah Okafor", email="sarah@x.example")
        report = inspections.add_inspection(
            s, OFFICER, title="PEEL 2026", kind="peel", published_on=published,
            response_owner="Sarah Okafor", response_published_on=published + timedelta(days=70),
        )  # fmt: skip
        for ref, explanation in (("R1", "Done in May."), ("R2", " "), ("R3", "")):
            found = inspections.add_finding(
                s, OFFICER, report, ref=ref, kind="recommendation", text=f"Do {ref}."
            )
            audit.change(s, found, {"explanation": explanation}, OFFICER)
        inspections.add_finding(s, OFFICER, report, ref="AFI1", kind="area-for-improvement",
                                text="Not a recommendation.")  # fmt: skip
        audit.change(
            s, report, {"comments_invited_on": published, "comments_received_on": published,
                        "response_link": "https://x.example/r"}, OFFICER,
        )  # fmt: skip
        s.commit()
        rid = report.id
        items = due.due_items(s, TODAY, 14)
    (item,) = [i for i in items if i.kind.startswith("response")]
    assert item.kind == "response-step" and item.ref == f"s55-{rid}"
    assert item.title == (
        "Finish the s55 response to PEEL 2026: explain the action on 2 recommendations; "
        "send copies to HMICFRS and the Home Secretary"
    )
    assert item.status == "published-late"
    assert item.due_date == published + timedelta(days=55) and item.days_overdue == 5
    assert (item.owner, item.owner_email) == ("Sarah Okafor", "sarah@x.example")
