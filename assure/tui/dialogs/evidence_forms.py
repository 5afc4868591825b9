"""The forms of an item of evidence: record it, and correct it and what it is linked to.

Both build a FormModal whose submit calls a use case and returns the item's row, so the
Evidence screen can redraw it and keep its cursor on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assure.services import catalogue
from assure.services.board import usecases as board
from assure.services.evidence import usecases as evidence
from assure.services.evidence.queries import EvidenceRow
from assure.tui.dialogs.action_forms import options
from assure.tui.dialogs.form import Field, FormModal

if TYPE_CHECKING:
    from assure.tui.app import AssureApp

Choices = dict[str, list[catalogue.Choice]]


def choices(app: AssureApp, finding_id: int | None = None) -> Choices:
    """Everything the forms offer (run in a worker: it reads the database)."""
    return {
        "threats": catalogue.threats(app.store, app.actor, app.today),
        "dimensions": catalogue.dimensions(app.store, app.actor),
        "kind": [
            catalogue.Choice(c.label, c.value)
            for c in catalogue.vocabulary(app.store, app.actor, "evidence-kind").choices
        ],
        "meeting": [
            catalogue.Choice(f"{m.held_on:%d/%m/%Y} {m.title or m.board}", m.id)
            for m in board.meetings(app.store, app.actor, app.today, 40)
        ],
        "finding": catalogue.open_findings(app.store, app.actor, also=finding_id),
    }


def _kept(choices: list[catalogue.Choice], value: int | None, noun: str) -> list[tuple[str, Any]]:
    """The options, with the record's current link among them even if it is not offered."""
    found = options(choices)
    if value is not None and all(v != value for _, v in found):
        found.append((f"{noun} {value} (as recorded)", value))
    return found


def _fields(found: Choices, item: evidence.EvidenceView | None) -> list[Field]:
    meeting_id = item.meeting_id if item else None
    finding_id = item.finding_id if item else None
    kinds = options(found["kind"])
    default_kind = "other" if any(k[1] == "other" for k in kinds) else ""
    return [
        Field("title", "Title", value=item.title if item else "", required=True),
        Field("occurred_on", "Date", "date", required=True,
              value=f"{item.occurred_on:%d/%m/%Y}" if item else ""),
        Field("kind", "Kind", "select", options=kinds, value=item.kind if item else default_kind),
        Field("source", "Source (paper, report, link)", value=item.source if item else ""),
        Field("summary", "Summary", "long", value=item.summary if item else ""),
        Field("threats", "Threats it bears on", "multi", options=options(found["threats"]),
              selected=item.threat_ids if item else ()),
        Field("dimensions", "Dimensions", "multi", options=options(found["dimensions"]),
              selected=item.dimension_ids if item else ()),
        Field("meeting", "From the board meeting", "select",
              options=_kept(found["meeting"], meeting_id, "meeting"), value=meeting_id or ""),
        Field("action", "From the action (its ref)", value=item.action_ref if item else "",
              placeholder="e.g. BCB-2026-04-01"),
        Field("finding", "From the HMICFRS finding", "select",
              options=_kept(found["finding"], finding_id, "finding"), value=finding_id or ""),
    ]  # fmt: skip


def _values(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": v["title"],
        "occurred_on": v["occurred_on"],
        "kind": v["kind"] or "other",
        "source": v["source"],
        "summary": v["summary"],
        "threat_ids": v["threats"],
        "dimension_ids": v["dimensions"],
        "meeting_id": v["meeting"] or None,
        "action_ref": v["action"],
        "finding_id": v["finding"] or None,
    }


def record(app: AssureApp, found: Choices) -> FormModal[EvidenceRow]:
    """Record new evidence, linked to the threats and dimensions it bears on."""
    return FormModal(
        "Record evidence",
        _fields(found, None),
        lambda v: evidence.record_evidence(app.store, app.actor, **_values(v)),
        says=lambda row: f"Recorded E{row.id}.",
    )


def edit(app: AssureApp, item: evidence.EvidenceView, found: Choices) -> FormModal[EvidenceRow]:
    """Correct an item of evidence and its links; refused if someone saved it meanwhile."""
    return FormModal(
        f"Edit E{item.id}",
        _fields(found, item),
        lambda v: evidence.edit_evidence(
            app.store, app.actor, item.id, version=item.version, **_values(v)
        ),
        says=lambda row: f"Saved E{row.id}.",
    )
