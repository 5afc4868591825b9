"""The demo's s55 steps: what a careful office would have recorded for each report.

Older reports have every step done (comments invited and received, each recommendation
explained, the response published with its link, copies sent the same day); the newest report,
still inside its 56 days, has the Chief Constable's comments in and the response to write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import Session

from assure.core import audit
from assure.core.actor import Actor
from assure.models import Inspection
from assure.services.inspections import findings as inspections

EXPLANATIONS = {
    "CoC1-R1": "The force has recruited 40 call handlers and reports 999 answer times to the "
    "Business Coordination Board every month; the Commissioner will keep the item open until "
    "90% of calls are answered within 10 seconds.",
    "CoC1-R2": "A structured risk assessment at first contact is being introduced in the force "
    "control room; its first audit comes to the board six months after it starts.",
}
COMMENTS = (
    "I welcome this report and thank HMICFRS for its work. I share the inspectorate's concern "
    "about how quickly the force answers calls from the public.\n\n"
    "I have asked the Chief Constable for a plan against each recommendation and will hold the "
    "force to account for it at the Business Coordination Board until every step is complete."
)


def record(
    session: Session, actor: Actor, report: Inspection, today: date, day: Callable[[date], date]
) -> None:
    """Record the s55 steps the demo's story has reached for `report`; `day` moves a date onto
    a working day."""
    published = report.published_on
    steps: dict[str, object] = {
        "comments_invited_on": day(published + timedelta(days=3)),
        "comments_due_on": day(published + timedelta(days=31)),
    }
    received = day(published + timedelta(days=28))
    if received <= today:
        steps["comments_received_on"] = received
    responded = report.response_published_on
    if responded is not None:
        slug = re.sub(r"[^a-z0-9]+", "-", report.title.casefold()).strip("-")
        steps |= {
            "response_link": f"https://anyshire-pcc.example/hmicfrs/{slug}",
            "copies_sent_on": responded,
            "pcc_comments": COMMENTS,
        }
        for finding in inspections.findings_of(session, report):
            if finding.ref in EXPLANATIONS:
                audit.change(session, finding, {"explanation": EXPLANATIONS[finding.ref]}, actor)
    audit.change(session, report, steps, actor)
