"""Use cases of registers in and out: import, export, the board pack, backup and restore.

Each asks the policy first, opens its own unit of work and returns plain dataclasses; writing
the bytes (CSV, XLSX, Word) is the caller's, through assure.render. Backup and restore work on
the database file itself, so they take its path or URL rather than a Store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assure.core import policy
from assure.core.actor import Actor
from assure.core.config import Settings
from assure.core.db import Store
from assure.core.errors import AssureError
from assure.services import setup
from assure.services.interchange import backup as backups
from assure.services.interchange import boardpack, exporting, importing, tabular
from assure.services.interchange.backup import RestoreReport
from assure.services.interchange.boardpack import BoardPack
from assure.services.interchange.importing import ImportReport

KINDS = tabular.KINDS
MAX_REPORTED = importing.MAX_REPORTED


@dataclass(frozen=True)
class Table:
    """A register as rows under its import columns."""

    kind: str
    columns: list[str]
    rows: list[list[Any]]


class _Discard(Exception):
    """Raised inside an import's unit of work to roll it back and still return its report."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.kind)
        self.report = report


def import_template(kind: str) -> Table:
    """The empty table an import of `kind` reads (its columns, required first).

    Asks no policy and opens no database: it says only what the columns are.
    """
    tabular.check_kind(kind)
    return Table(kind, tabular.template_columns(kind), [])


def import_register(
    store: Store,
    actor: Actor,
    today: date,
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    create_owners: bool = False,
    progress: importing.Progress | None = None,
) -> ImportReport:
    """Check every row of the file at `path` and write them all, or none.

    Nothing is written when any row is refused (`report.errors` says which and why) or on a
    dry run. Raises PermissionDenied, ValidationError for an unknown kind, and AssureError for
    a file that cannot be read.
    """
    policy.require(actor, "import")
    tabular.check_kind(kind)
    if kind == "assessments":
        policy.require(actor, "record-assessment")
    try:
        with store.writing() as session:
            report = importing.import_file(
                session, actor, kind, path, today, create_owners=create_owners, progress=progress
            )
            if report.errors or dry_run:
                raise _Discard(report)
    except _Discard as discarded:
        return discarded.report
    return report


def export_register(store: Store, actor: Actor, kind: str) -> Table:
    """The register `kind` under its import columns, so the file re-imports unchanged."""
    policy.require(actor, "export")
    tabular.check_kind(kind)
    with store.reading() as session:
        columns, rows = exporting.export_rows(session, kind)
    return Table(kind, columns, rows)


def board_pack(
    store: Store, actor: Actor, today: date, settings: Settings, meeting: date | None = None
) -> BoardPack:
    """The action log for the meeting on `meeting` (default: the next one from `today`).

    Raises ValidationError when no meeting is given and none is scheduled.
    """
    policy.require(actor, "export")
    with store.reading() as session:
        day = meeting or boardpack.next_meeting_date(session, today, settings)
        return boardpack.build(session, day, settings)


def database_file(db: str | None) -> Path:
    """The SQLite file behind `db` (a path or URL); raise AssureError for another database."""
    path = setup.sqlite_file(db)
    if path is None:
        raise AssureError(
            "backup and restore work on SQLite files; for PostgreSQL use pg_dump and pg_restore"
        )
    return path


def check_source(db: str | None) -> str:
    """The schema revision of the database file `db`, checked before a backup copies it.

    Asks no policy: it comes before the actor is identified, because identifying reads the
    register of people, which a damaged or incomplete database may not have. Raises
    AssureError for a database that is not an SQLite file, is missing, damaged or incomplete.
    """
    return backups.check_source(database_file(db))


def backup(
    db: str | None, actor: Actor, target: Path | None = None, checked: str | None = None
) -> Path:
    """Write a consistent copy of the database file `db`; return where it was written.

    `checked` is the revision `check_source` just found. Raises AssureError for a database
    that is not an SQLite file, does not exist or fails its check, or a target that exists.
    """
    policy.require(actor, "backup")
    path = database_file(db)
    if target is not None and target.exists():
        raise AssureError(f"{target} already exists; choose a new file name")
    return backups.backup(path, target, checked)


def check_backup(actor: Actor, source: Path) -> str:
    """The schema revision of an assure backup, before anyone is asked to confirm a restore.

    Raises AssureError for anything that is not an assure backup this version knows.
    """
    policy.require(actor, "restore")
    return backups.check_backup_file(source)


def restore(db: str | None, actor: Actor, source: Path) -> RestoreReport:
    """Replace the database file `db` with the backup `source`, keeping a copy of the old one."""
    policy.require(actor, "restore")
    return backups.restore(database_file(db), source)
