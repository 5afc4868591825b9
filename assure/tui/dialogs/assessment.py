"""The assessment form: a threat's level on one dimension for any financial year, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assure.core.clock import FinancialYear
from assure.services import catalogue
from assure.services.evidence import usecases as evidence
from assure.tui.dialogs.action_forms import options
from assure.tui.dialogs.form import Field, FormModal

if TYPE_CHECKING:
    from assure.tui.app import AssureApp

Choices = dict[str, list[catalogue.Choice]]


def choices(app: AssureApp) -> Choices:
    """What the form offers: the dimensions (by code) and the levels (a use case; call it off the
    UI thread)."""
    return {
        "dimension": catalogue.dimensions(app.store, app.actor, by="code"),
        "level": catalogue.levels(app.store, app.actor),
    }


def assessment_form(
    app: AssureApp, threat_id: int, found: Choices, *, dimension: str = "", year: str = ""
) -> FormModal[evidence.AssessmentRow]:
    """The form that records (or changes) an assessment through evidence.record_assessment,
    opened on `year` (this financial year unless given) and `dimension` (none chosen unless
    given)."""
    fields = [
        Field("year", "Financial year (e.g. 2025-26)",
              value=year or FinancialYear.of(app.today).label, required=True),
        Field("dimension", "Dimension", "select", options=options(found["dimension"]),
              value=dimension, required=True),
        Field("level", "Assurance", "select", options=options(found["level"]), required=True),
        Field("rationale", "Why (cite the evidence)", required=True),
    ]  # fmt: skip

    def submit(v: dict[str, str]) -> evidence.AssessmentRow:
        chosen = FinancialYear.parse(v["year"])  # a bad year is refused under its field
        return evidence.record_assessment(
            app.store, app.actor, app.today, threat_id=threat_id, year=chosen,
            dimension_code=v["dimension"], level_code=v["level"], rationale=v["rationale"],
        )  # fmt: skip

    return FormModal(
        "Record an assessment",
        fields,
        submit,
        says=lambda a: f"{a.threat}, {a.dimension}, {a.year}: assessment recorded.",
    )
