"""The Police and Crime Plan: themes, priorities with their leads, RAG and threat links."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel, UniqueConstraint


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    title: str
    starts_on: date
    ends_on: date


class Theme(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    code: str
    title: str
    summary: str = ""
    position: int = 0
    version: int = 1


class Priority(SQLModel, table=True):
    """A plan priority; `update_due` is when its next progress update is owed."""

    __table_args__ = (UniqueConstraint("theme_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    theme_id: int = Field(foreign_key="theme.id", index=True)
    code: str
    title: str
    summary: str = ""
    position: int = 0
    opcc_lead_id: int | None = Field(default=None, foreign_key="person.id")
    force_lead_id: int | None = Field(default=None, foreign_key="person.id")
    rag: str = "not-rated"  # red, amber, green, not-rated
    update_due: date | None = None
    version: int = 1


class PriorityThreat(SQLModel, table=True):
    priority_id: int = Field(foreign_key="priority.id", primary_key=True)
    threat_id: int = Field(foreign_key="threat.id", primary_key=True)
