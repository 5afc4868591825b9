"""People: owners of actions, findings and priorities, and the users of assure."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

ACCESS_ROLES = ("officer", "commissioner", "viewer")


class Person(SQLModel, table=True):
    """Someone who owns work or uses assure. `access` is what assure lets them do."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    role: str = ""  # job title, e.g. "Assistant Chief Constable"
    organisation: str = ""  # e.g. "OPCC", "Anyshire Constabulary"
    email: str = Field(default="", index=True)
    login: str | None = Field(default=None, index=True)  # OS login that maps to this person
    access: str = "viewer"  # officer, commissioner or viewer
    active: bool = True
    version: int = 1
