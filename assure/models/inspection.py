"""HMICFRS: inspection reports, graded areas and findings (causes of concern and the rest)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel, UniqueConstraint


class Inspection(SQLModel, table=True):
    """An HMICFRS report. The s55 response due date is derived, never stored."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(unique=True)
    kind: str = "peel"  # peel, thematic, national, joint
    published_on: date
    response_published_on: date | None = None
    link: str = ""
    response_owner_id: int | None = Field(default=None, foreign_key="person.id")
    # s55(4)-(6): the steps of the PCC's response, each dated when it is done
    comments_invited_on: date | None = None  # the Chief Constable's comments invited
    comments_due_on: date | None = None  # ... by the date the PCC set
    comments_received_on: date | None = None
    response_link: str = ""  # where the published response is
    copies_sent_on: date | None = None  # copies to HMICFRS and the Home Secretary
    pcc_comments: str = ""  # s55(5): the PCC's comments on the report and response to the CC's
    version: int = 1


class Grade(SQLModel, table=True):
    """A PEEL graded area of a report."""

    __table_args__ = (UniqueConstraint("inspection_id", "area"),)
    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    area: str
    grade: str  # outstanding, good, adequate, requires-improvement, inadequate


class Finding(SQLModel, table=True):
    """A cause of concern, recommendation, area for improvement or innovative practice."""

    __table_args__ = (UniqueConstraint("inspection_id", "ref"),)
    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    ref: str
    kind: str  # cause-of-concern, recommendation, area-for-improvement, innovative-practice, ...
    parent_id: int | None = Field(default=None, foreign_key="finding.id")
    text: str
    force_lead_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    opcc_lead_id: int | None = Field(default=None, foreign_key="person.id")
    target_date: date | None = None
    status: str = Field(default="awaiting-review", index=True)
    status_reason: str = ""
    closed_on: date | None = None
    explanation: str = ""  # s55(5B): the action taken or proposed, or why none
    version: int = 1


class FindingThreat(SQLModel, table=True):
    finding_id: int = Field(foreign_key="finding.id", primary_key=True)
    threat_id: int = Field(foreign_key="threat.id", primary_key=True)
