"""Choices for pickers and labels for codes: people, and the vocabularies of the reference data.

Screens show statuses, kinds and RAG by the labels in `data/reference/vocabularies.toml`; they
never re-type a vocabulary. Each function here is a read use case: a Store in, plain values out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from assure.core import lifecycle, policy
from assure.core.actor import Actor
from assure.core.db import Store
from assure.models import (
    AgendaItem,
    AssuranceLevel,
    Dimension,
    Finding,
    Inspection,
    Meeting,
    Person,
    Priority,
    Term,
    Theme,
)
from assure.services.evidence import spr


@dataclass(frozen=True)
class Choice:
    """One option of a picker: what the person sees, and the value a use case takes."""

    label: str
    value: str | int


@dataclass(frozen=True)
class Vocabulary:
    """A vocabulary's codes in order, with their labels."""

    name: str
    choices: tuple[Choice, ...]

    def label(self, code: str) -> str:
        """Return the label of `code`, or the code itself when the vocabulary lacks it."""
        return next((c.label for c in self.choices if c.value == code), code)


def people_options(session: Session) -> list[tuple[str, str]]:
    """(label, name) of every active person, for owner and lead pickers."""
    rows = session.execute(
        select(col(Person.name), col(Person.organisation))
        .where(col(Person.active))
        .order_by(col(Person.name))
    )
    return [(f"{name} ({org})" if org else name, name) for name, org in rows]


def people(store: Store, actor: Actor) -> list[Choice]:
    """Every active person, labelled with their organisation, valued by name."""
    policy.require(actor, "read")
    with store.reading() as session:
        return [Choice(label, name) for label, name in people_options(session)]


def vocabulary_of(session: Session, name: str) -> Vocabulary:
    """Return a vocabulary from the reference data, in its order."""
    terms = session.execute(
        select(col(Term.code), col(Term.label))
        .where(col(Term.vocabulary) == name)
        .order_by(col(Term.position), col(Term.id))
    )
    return Vocabulary(name, tuple(Choice(label, code) for code, label in terms))


def vocabulary(store: Store, actor: Actor, name: str) -> Vocabulary:
    """Return a vocabulary (action-status, finding-status, rag, evidence-kind, ...)."""
    policy.require(actor, "read")
    with store.reading() as session:
        return vocabulary_of(session, name)


def threats(store: Store, actor: Actor, today: date) -> list[Choice]:
    """The threats of the edition in force today, valued by id."""
    policy.require(actor, "read")
    with store.reading() as session:
        edition = spr.edition_in_force(session, today)
        return [Choice(t.name, t.id or 0) for t in spr.threats_of(session, edition)]


def dimensions(store: Store, actor: Actor, by: str = "id") -> list[Choice]:
    """The assessment dimensions in order, valued by id (or by code with `by="code"`)."""
    policy.require(actor, "read")
    value = col(Dimension.code) if by == "code" else col(Dimension.id)
    with store.reading() as session:
        rows = session.execute(select(col(Dimension.name), value).order_by(col(Dimension.position)))
        return [Choice(name, key) for name, key in rows]


def levels(store: Store, actor: Actor) -> list[Choice]:
    """The assurance levels, highest first, valued by code."""
    policy.require(actor, "read")
    with store.reading() as session:
        rows = session.execute(
            select(col(AssuranceLevel.name), col(AssuranceLevel.code)).order_by(
                col(AssuranceLevel.position)
            )
        )
        return [Choice(name, code) for name, code in rows]


def agenda_items(store: Store, actor: Actor, limit: int = 20) -> list[Choice]:
    """Agenda items of the most recent meetings, labelled with their meeting's date."""
    policy.require(actor, "read")
    with store.reading() as session:
        recent = (
            select(col(Meeting.id)).order_by(col(Meeting.held_on).desc()).limit(limit).subquery()
        )
        rows = session.execute(
            select(col(AgendaItem.id), col(Meeting.held_on), col(AgendaItem.number),
                   col(AgendaItem.title))
            .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
            .where(col(Meeting.id).in_(select(recent)))
            .order_by(col(Meeting.held_on).desc(), col(AgendaItem.number))
        )  # fmt: skip
        return [Choice(f"{day:%d/%m/%Y} {n}. {title}", iid) for iid, day, n, title in rows]


def priorities(store: Store, actor: Actor) -> list[Choice]:
    """The plan's priorities in order, valued by id."""
    policy.require(actor, "read")
    with store.reading() as session:
        rows = session.execute(
            select(col(Priority.id), col(Priority.title))
            .join(Theme, col(Theme.id) == col(Priority.theme_id))
            .order_by(col(Theme.position), col(Priority.position))
        )
        return [Choice(title, pid) for pid, title in rows]


def open_findings(store: Store, actor: Actor, also: int | None = None) -> list[Choice]:
    """HMICFRS findings still being worked on (and finding `also`, which a form already
    names), labelled by report and ref, valued by id."""
    policy.require(actor, "read")
    with store.reading() as session:
        rows = session.execute(
            select(col(Finding.id), col(Finding.ref), col(Inspection.title))
            .join(Inspection, col(Inspection.id) == col(Finding.inspection_id))
            .where(
                col(Finding.status).not_in(sorted(lifecycle.FINDING_NOT_DUE))
                | (col(Finding.id) == also)
            )
            .order_by(col(Inspection.published_on).desc(), col(Finding.ref))
        )
        return [Choice(f"{ref}: {title}", fid) for fid, ref, title in rows]
