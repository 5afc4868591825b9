"""The Business Coordination Board: meetings, agenda items, the action log and extensions."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from assure.models.base import utcnow


class Meeting(SQLModel, table=True):
    """A meeting of the board on a date."""

    id: int | None = Field(default=None, primary_key=True)
    board: str = "Business Coordination Board"
    held_on: date = Field(index=True)
    title: str = ""
    version: int = 1


class AgendaItem(SQLModel, table=True):
    """An item on a meeting's agenda; actions come out of items."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    number: int = 1
    title: str
    version: int = 1


class Action(SQLModel, table=True):
    """An action on the board's log. `due_date` is the original date and never changes."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(unique=True, index=True)
    title: str
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agendaitem.id")
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    raised_on: date | None = None  # None: not known (an imported row gave no date)
    due_date: date
    revised_due_date: date | None = None
    status: str = Field(default="open", index=True)
    completion_proposed_on: date | None = None
    closed_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class Extension(SQLModel, table=True):
    """A request to move an action's due date, and the decision on it."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    requested_on: date
    requested_due: date
    reason: str
    previous_due: date
    decision: str = "requested"  # requested, granted, refused
    decided_on: date | None = None
    decided_by: str = ""
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")


class ActionThreat(SQLModel, table=True):
    action_id: int = Field(foreign_key="action.id", primary_key=True)
    threat_id: int = Field(foreign_key="threat.id", primary_key=True)


class ActionPriority(SQLModel, table=True):
    action_id: int = Field(foreign_key="action.id", primary_key=True)
    priority_id: int = Field(foreign_key="priority.id", primary_key=True)


class ActionFinding(SQLModel, table=True):
    action_id: int = Field(foreign_key="action.id", primary_key=True)
    finding_id: int = Field(foreign_key="finding.id", primary_key=True)
