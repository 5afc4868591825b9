"""`assure import` and `assure export`: registers in and out of spreadsheets."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer

from assure.commands.common import AsOpt, DbOpt, TodayOpt, context, errors, fail

KIND_HELP = "people, actions, findings, evidence, priorities or assessments"


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def import_(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help=KIND_HELP),
    file: Path | None = typer.Argument(
        None, help="A CSV (UTF-8), XLSX or JSON file.", show_default=False
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
    """Import a register from CSV, XLSX or JSON: every row is checked and all are written, or
    none.

    Columns (any order, any case): see `assure import KIND --template`. Dates may be written
    31/03/2026, 31 March 2026 or 2026-03-31. A row whose ref already exists updates it.
    """
    from assure.services.interchange import usecases as interchange

    if kind not in interchange.KINDS:
        fail(f"KIND: {kind!r} is not one of {', '.join(interchange.KINDS)}")
    if template:
        _template(interchange.import_template(kind).columns, kind, file)
        return
    if file is None:
        fail("give the FILE to import (or --template)")
    c = context(ctx, db, today)
    with errors(), _progress(file) as say:
        report = interchange.import_register(
            c.store(),
            c.actor(as_),
            c.today,
            kind,
            file,
            dry_run=dry_run,
            create_owners=create_owners,
            progress=say,
        )
    if report.errors:
        shown = report.errors[: interchange.MAX_REPORTED]
        for error in shown:
            print(f"{file}: {error}", file=sys.stderr)
        more = len(report.errors) - len(shown)
        tail = f" ({more} more not shown)" if more else ""
        fail(f"{len(report.errors)} of {report.rows} rows refused{tail}; nothing was written")
    verb = "would be written (dry run: nothing written)" if dry_run else "written"
    typer.echo(f"{file}: {report.summary}; {verb}.")


def _template(columns: list[str], kind: str, file: Path | None) -> None:
    """Write the empty file an import reads: to FILE (CSV or XLSX by its suffix) or stdout."""
    from assure.render import tables

    if file is None:
        sys.stdout.write(",".join(columns) + "\n")
        return
    if file.suffix.lower() == ".xlsx":
        data = tables.to_xlsx(columns, [], kind)
    else:
        data = tables.to_csv(columns, [])
    _write(file, data)
    typer.echo(f"wrote {file}")


@contextmanager
def _progress(file: Path) -> Iterator[Callable[[str, int, int], None]]:
    """How a long import tells stderr how far it has got: a bar on a terminal, lines otherwise."""
    if not sys.stderr.isatty():

        def line(stage: str, done: int, total: int) -> None:
            if stage == "checked":
                print(f"{file}: checked {done:,} of {total:,} rows", file=sys.stderr, flush=True)
            elif done == 0:  # one line as the writing starts: it takes seconds, not minutes
                print(f"{file}: writing {total:,} new actions", file=sys.stderr, flush=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"Checking {file.name}", total=None)

        def tick(stage: str, done: int, total: int) -> None:
            what = f"Checking {file.name}: {done:,} of {total:,} rows" if stage == "checked" else (
                f"Writing {done:,} of {total:,} new actions")  # fmt: skip
            bar.update(task, description=what, completed=done, total=total)

        yield tick


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
    from assure.core.config import EXPORTS_DIR
    from assure.render import tables
    from assure.services.interchange import usecases as interchange

    if kind not in interchange.KINDS:
        fail(f"KIND: {kind!r} is not one of {', '.join(interchange.KINDS)}")
    c = context(ctx, db, today)
    with errors():
        table = interchange.export_register(c.store(), c.actor(), kind)
    if out == "-" and fmt is Format.xlsx:
        fail("an .xlsx file cannot go to stdout; give --out FILE")
    writers = {
        Format.csv: lambda: tables.to_csv(table.columns, table.rows),
        Format.json: lambda: tables.to_json(table.columns, table.rows),
        Format.xlsx: lambda: tables.to_xlsx(table.columns, table.rows, kind),
    }
    data = writers[fmt]()
    if out == "-":
        sys.stdout.buffer.write(data)
        return
    path = Path(out) if out else EXPORTS_DIR / f"{kind}-{c.today.isoformat()}.{fmt.value}"
    _write(path, data)
    typer.echo(f"wrote {len(table.rows)} {kind} to {path}")


def _write(path: Path, data: bytes) -> None:
    """Write the file whole and private, or exit 2 with one line and nothing written."""
    from assure.core.files import write_atomic

    with errors():
        write_atomic(path, data)
