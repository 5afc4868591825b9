"""The office itself: the names the app and the published documents use."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Office(SQLModel, table=True):
    """One row: the force, the police area, the Commissioner and the office, as named once."""

    id: int | None = Field(default=None, primary_key=True)
    force_name: str
    area_name: str
    pcc_name: str = ""
    office_name: str = ""
    version: int = 1
