"""The office's names: asked for once, kept in the database, used by the app and the documents.

A configuration file that names the office ([office] force_name or area_name) wins; otherwise
the names recorded here are used; a database with neither has not been named yet, and the app
asks for the names on its first run rather than show another force's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session, select

from assure.core import audit, config, policy, validate
from assure.core.actor import Actor
from assure.core.config import Settings
from assure.core.db import Store
from assure.models import Office


@dataclass(frozen=True)
class OfficeNames:
    force_name: str
    area_name: str
    pcc_name: str
    office_name: str
    version: int


def _names(row: Office) -> OfficeNames:
    return OfficeNames(row.force_name, row.area_name, row.pcc_name, row.office_name, row.version)


def names(store: Store, actor: Actor) -> OfficeNames | None:
    """The names recorded for this office, or None if it has not been named."""
    policy.require(actor, "read")
    with store.reading() as session:
        row = session.exec(select(Office)).first()
        return _names(row) if row is not None else None


def set_names(
    session: Session,
    actor: Actor,
    *,
    force_name: str,
    area_name: str,
    pcc_name: str = "",
    office_name: str = "",
    expected_version: int | None = None,
) -> Office:
    """Record the names, or change them (audited either way); raise ValidationError."""
    wanted = Office(
        force_name=validate.required(force_name, "force_name", 200),
        area_name=validate.required(area_name, "area_name", 200),
        pcc_name=validate.optional_text(pcc_name, "pcc_name", 200),
        office_name=validate.optional_text(office_name, "office_name", 300),
    )
    row = session.exec(select(Office)).first()
    if row is None:
        audit.create(session, wanted, actor)
        return wanted
    fields = wanted.model_dump(include={"force_name", "area_name", "pcc_name", "office_name"})
    audit.change(session, row, fields, actor, expected_version)
    return row


def name_office(
    store: Store,
    actor: Actor,
    *,
    force_name: str,
    area_name: str,
    pcc_name: str = "",
    office_name: str = "",
    version: int | None = None,
) -> OfficeNames:
    """Name the office (the first run) or correct its names; refused if changed since read."""
    policy.require(actor, "configure")
    with store.writing() as session:
        row = set_names(
            session, actor, force_name=force_name, area_name=area_name, pcc_name=pcc_name,
            office_name=office_name, expected_version=version,
        )  # fmt: skip
        session.flush()
        return _names(row)


def with_names(settings: Settings, found: OfficeNames | None) -> Settings:
    """The settings in force: the configuration's names if it gives them, else the recorded."""
    if settings.named or found is None:
        return settings
    return replace(
        settings,
        force_name=found.force_name,
        area_name=found.area_name,
        pcc_name=found.pcc_name or settings.pcc_name,
        office_name=found.office_name or _default_or(settings, found.area_name),
        named=True,
    )


def _default_or(settings: Settings, area_name: str) -> str:
    """The configured office name, or the default for the recorded area when none is set."""
    unset = settings.office_name == config.office_of(settings.area_name)
    return config.office_of(area_name) if unset else settings.office_name
