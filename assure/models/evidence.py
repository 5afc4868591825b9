"""Evidence, assessments, dated updates and statements: what the SPR statement is built from."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from assure.models.base import utcnow


class Evidence(SQLModel, table=True):
    """A dated record that something happened which bears on one or more threats."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    kind: str = "other"
    occurred_on: date = Field(index=True)
    source: str = ""
    summary: str = ""
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    action_id: int | None = Field(default=None, foreign_key="action.id")
    finding_id: int | None = Field(default=None, foreign_key="finding.id")
    recorded_by: str = ""
    recorded_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class EvidenceThreat(SQLModel, table=True):
    evidence_id: int = Field(foreign_key="evidence.id", primary_key=True)
    threat_id: int = Field(foreign_key="threat.id", primary_key=True, index=True)


class EvidenceDimension(SQLModel, table=True):
    evidence_id: int = Field(foreign_key="evidence.id", primary_key=True)
    dimension_id: int = Field(foreign_key="dimension.id", primary_key=True)


class Assessment(SQLModel, table=True):
    """The assurance level for a threat on one dimension in one financial year."""

    __table_args__ = (UniqueConstraint("threat_id", "year", "dimension_id"),)
    id: int | None = Field(default=None, primary_key=True)
    threat_id: int = Field(foreign_key="threat.id", index=True)
    year: int = Field(index=True)  # start year of the financial year
    dimension_id: int = Field(foreign_key="dimension.id")
    level_id: int = Field(foreign_key="assurancelevel.id")
    rationale: str = ""
    assessed_by: str = ""
    assessed_on: date
    version: int = 1


class Update(SQLModel, table=True):
    """A dated progress note on an action, finding or priority, with any status change."""

    __tablename__ = "progress_update"
    id: int | None = Field(default=None, primary_key=True)
    record_type: str = Field(index=True)  # action, finding, priority
    record_id: int = Field(index=True)
    on: date
    author: str = ""
    text: str
    status_from: str | None = None
    status_to: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Statement(SQLModel, table=True):
    """A built statement for a year; approved ones are frozen with a SHA-256 of the content."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    edition_id: int = Field(foreign_key="edition.id")
    status: str = "draft"  # draft, approved, superseded
    content: str
    manifest: str = "[]"  # JSON: [{"id": 12, "sha256": "..."}]
    sha256: str = ""
    built_at: datetime = Field(default_factory=utcnow)
    approved_by: str = ""
    approved_on: date | None = None
    superseded_by_id: int | None = Field(default=None, foreign_key="statement.id")
