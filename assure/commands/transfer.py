"""`assure import` and `assure export`: registers in and out of spreadsheets."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import typer

from assure.commands.common import AsOpt, DbOpt, TodayOpt, context, errors, fail

KIND_HELP = "people, actions, findings, evidence or priorities"


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def import_(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help=KIND_HELP),
    file: Path | None = typer.Argument(
        None, help="A CSV (UTF-8) or XLSX file.", show_default=False
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row; write nothing."),
    create_owners: bool = typer.Option(
        False, "--create-owners", help="Add people named as owners or leads who are not known yet."
    ),
    template: bool = typer.Option(
        False, "--template", help="Write an empty file with the columns instead (FILE or stdout)."
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
    as_: AsOpt = None,
) -> None:
    """Import a register from CSV or XLSX: every row is checked and all are written, or none.

    Columns (any order, any case): see `assure import KIND --template`. Dates may be written
    31/03/2026, 31 March 2026 or 2026-03-31. A row whose ref already exists updates it.
    """
    from assure.services.interchange import transfer

    if kind not in transfer.KINDS:
        fail(f"KIND: {kind!r} is not one of {', '.join(transfer.KINDS)}")
    if template:
        columns = transfer.template_columns(kind)
        if file is None:
            sys.stdout.write(",".join(columns) + "\n")
            return
        data = (
            transfer.to_xlsx(columns, [], kind)
            if file.suffix.lower() == ".xlsx"
            else transfer.to_csv(columns, [])
        )
        _write(file, data)
        typer.echo(f"wrote {file}")
        return
    if file is None:
        fail("give the FILE to import (or --template)")
    from assure.core.actor import resolve_actor
    from assure.core.config import load_settings
    from assure.core.db import write_session

    c = context(ctx, db, today)
    with errors():
        settings = load_settings()
        with write_session(c.engine()) as session:
            actor = resolve_actor(session, as_, settings.allow_as)
            progress = _progress() if sys.stderr.isatty() else None
            report = transfer.import_file(
                session,
                actor,
                kind,
                file,
                c.today,
                dry_run=dry_run,
                create_owners=create_owners,
                progress=progress,
            )
            if report.errors or dry_run:
                session.rollback()
            else:
                session.commit()
    if report.errors:
        shown = report.errors[: transfer.MAX_REPORTED]
        for error in shown:
            print(f"{file}: {error}", file=sys.stderr)
        more = len(report.errors) - len(shown)
        tail = f" ({more} more not shown)" if more else ""
        fail(f"{len(report.errors)} of {report.rows} rows refused{tail}; nothing was written")
    verb = "would be written (dry run: nothing written)" if dry_run else "written"
    typer.echo(f"{file}: {report.summary}; {verb}.")


def _progress() -> Callable[[int], None]:
    def say(rows: int) -> None:
        print(f"\r  checked {rows:,} rows", end="", file=sys.stderr, flush=True)

    return say


def export(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help=KIND_HELP),
    fmt: Format = typer.Option(Format.csv, "--format", help="csv, xlsx or json."),
    out: str | None = typer.Option(
        None,
        "--out",
        help="File to write (default exports/KIND-DATE.EXT; - for stdout).",
        show_default=False,
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Export a register; no spreadsheet cell can ever run as a formula."""
    from sqlmodel import Session

    from assure.core.config import EXPORTS_DIR
    from assure.services.interchange import transfer

    if kind not in transfer.KINDS:
        fail(f"KIND: {kind!r} is not one of {', '.join(transfer.KINDS)}")
    c = context(ctx, db, today)
    with errors(), Session(c.engine()) as session:
        columns, rows = transfer.export_rows(session, kind)
    if fmt is Format.xlsx:
        data = transfer.to_xlsx(columns, rows, kind)
    elif fmt is Format.json:
        data = transfer.to_json(columns, rows)
    else:
        data = transfer.to_csv(columns, rows)
    if out == "-":
        if fmt is Format.xlsx:
            fail("an .xlsx file cannot go to stdout; give --out FILE")
        sys.stdout.buffer.write(data)
        return
    path = Path(out) if out else EXPORTS_DIR / f"{kind}-{c.today.isoformat()}.{fmt.value}"
    _write(path, data)
    typer.echo(f"wrote {len(rows)} {kind} to {path}")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
