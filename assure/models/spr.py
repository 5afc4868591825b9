"""The Strategic Policing Requirement as data: editions, threats, dimensions, assurance levels."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel, UniqueConstraint


class Edition(SQLModel, table=True):
    """A set of national threats the office assures against, in force from a date."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    in_force_from: date
    is_default: bool = False
    source: str = ""


class Threat(SQLModel, table=True):
    """One national threat of an edition."""

    __table_args__ = (UniqueConstraint("edition_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    edition_id: int = Field(foreign_key="edition.id", index=True)
    code: str
    name: str
    summary: str = ""
    position: int = 0


class Dimension(SQLModel, table=True):
    """An assessment dimension (the four Cs by default)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    summary: str = ""
    position: int = 0


class AssuranceLevel(SQLModel, table=True):
    """A step on the ordered assurance scale; position 1 is the strongest."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    summary: str = ""
    position: int = 0


class Term(SQLModel, table=True):
    """A label in a status vocabulary (action status, finding status, RAG, kinds)."""

    __table_args__ = (UniqueConstraint("vocabulary", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    vocabulary: str = Field(index=True)
    code: str
    label: str
    summary: str = ""
    position: int = 0
