"""The Police and Crime Plan: priority leads, RAG, update due dates and progress updates."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from assure.core import audit, validate
from assure.core.actor import Actor
from assure.core.errors import NotFound, ValidationError
from assure.models import Plan, Priority, Theme
from assure.services import people, updates


def current_plan(session: Session, today: date) -> Plan | None:
    """Return the plan in force today, else the latest one."""
    plans = list(session.exec(select(Plan).order_by(Plan.starts_on.desc())))  # type: ignore[attr-defined]
    for plan in plans:
        if plan.starts_on <= today <= plan.ends_on:
            return plan
    return plans[0] if plans else None


def themes_of(session: Session, plan: Plan) -> list[Theme]:
    return list(
        session.exec(select(Theme).where(Theme.plan_id == plan.id).order_by(col(Theme.position)))
    )


def priorities_of(session: Session, theme: Theme) -> list[Priority]:
    return list(
        session.exec(
            select(Priority).where(Priority.theme_id == theme.id).order_by(col(Priority.position))
        )
    )


def get_priority(session: Session, priority_id: int) -> Priority:
    priority = session.get(Priority, priority_id)
    if priority is None:
        raise NotFound(f"no priority {priority_id}")
    return priority


def find_priority(session: Session, theme_title: str, title: str) -> Priority | None:
    """Return the priority with this title under the theme (titles match ignoring case)."""
    for theme in session.exec(select(Theme)):
        if theme.title.lower() == theme_title.strip().lower() or theme.code == theme_title.strip():
            for priority in session.exec(select(Priority).where(Priority.theme_id == theme.id)):
                if (
                    priority.title.lower() == title.strip().lower()
                    or priority.code == title.strip()
                ):
                    return priority
    return None


def set_leads(
    session: Session,
    actor: Actor,
    priority: Priority,
    *,
    opcc_lead: str | None = None,
    force_lead: str | None = None,
    rag: str | None = None,
    update_due: date | str | None = None,
    expected_version: int | None = None,
) -> Priority:
    """Change a priority's leads, RAG or next update date."""
    changes: dict[str, object] = {}
    if opcc_lead is not None:
        changes["opcc_lead_id"] = (
            people.get_person(session, opcc_lead, "opcc_lead").id if opcc_lead else None
        )
    if force_lead is not None:
        changes["force_lead_id"] = (
            people.get_person(session, force_lead, "force_lead").id if force_lead else None
        )
    if rag is not None:
        changes["rag"] = validate.term(session, "rag", rag, "rag")
    if update_due is not None:
        changes["update_due"] = validate.as_date(update_due, "update_due", allow_none=True)
    audit.change(session, priority, changes, actor, expected_version)
    return priority


def add_priority_update(
    session: Session,
    actor: Actor,
    priority: Priority,
    text: str,
    today: date,
    rag: str | None = None,
    next_due: date | str | None = None,
) -> None:
    """Record a progress update on a priority, with its new RAG and next update date."""
    updates.add_update(session, actor, priority, text, today)
    changes: dict[str, object] = {}
    if rag:
        changes["rag"] = validate.term(session, "rag", rag, "rag")
    if next_due:
        due = validate.must_date(next_due, "next_due")
        if due <= today:
            raise ValidationError("next_due", "the next update must be due after today")
        changes["update_due"] = due
    audit.change(session, priority, changes, actor)
