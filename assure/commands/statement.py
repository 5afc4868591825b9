"""`assure statement build|approve|verify`: the annual SPR assurance statement."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assure.commands.common import AsOpt, DbOpt, TodayOpt, context, errors, fail

if TYPE_CHECKING:
    from collections.abc import Callable

    from assure.services.statement.usecases import StoredStatement, Verdict

app = typer.Typer(
    help="Build, approve and verify the annual SPR assurance statement.", no_args_is_help=True
)


class Format(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    all = "all"


YearArg = typer.Argument(..., help="Financial year, e.g. 2025-26 (2025/26 and 2025 work too)")


@app.command("build")
def build(
    ctx: typer.Context,
    year: str = YearArg,
    fmt: Format = typer.Option(Format.all, "--format", help="md, html, docx or all."),
    out: Path | None = typer.Option(
        None, "--out", help="Folder for the files (default exports/).", show_default=False
    ),
    draft: bool = typer.Option(
        False, "--draft", help="Build a new draft even when the year is already approved."
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
    as_: AsOpt = None,
) -> None:
    """Write the statement for a financial year and print the paths and the gaps.

    A year that is approved gets its approved text unless --draft is given; otherwise a new
    draft is built from the evidence recorded now and stored with its manifest.
    """
    from assure.core.clock import FinancialYear
    from assure.core.config import EXPORTS_DIR
    from assure.render import statement as render
    from assure.render import wording
    from assure.services.statement import usecases as statement

    c = context(ctx, db, today)
    folder = out or EXPORTS_DIR
    kinds = list(render.KINDS) if fmt is Format.all else [fmt.value]
    with errors():  # a full disk or a read-only folder: one line, no file, no draft stored
        fy = FinancialYear.parse(year)
        actor = c.actor(as_)
        settings = c.settings(actor)
        built = statement.build(
            c.store(), actor, fy, settings, c.today, render.markdown, draft,
            files=lambda stored: render.write_files(stored, folder, kinds),
        )  # fmt: skip
    row = built.statement
    if built.frozen:
        typer.echo(
            f"{fy.label} was approved by {row.approved_by} on {wording.day(row.approved_on)}: "
            "writing the approved text (use --draft for a new draft)."
        )
    for path in built.files:
        typer.echo(f"wrote {path}")
    typer.echo(f"statement {row.status}, sha256 {row.sha256}")
    _gaps(built.gaps, built.frozen)


def _gaps(gaps: list[str], frozen: bool) -> None:
    if gaps:
        typer.echo(f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} in the evidence:")
        for gap in gaps:
            typer.echo(f"  - {gap}")
    elif not frozen:
        typer.echo("No gaps: every threat and dimension has evidence and an assessment.")


@app.command("approve")
def approve(
    ctx: typer.Context,
    year: str = YearArg,
    by: str = typer.Option(..., "--by", help="Who approves it (the Commissioner's name)."),
    supersede: bool = typer.Option(
        False, "--supersede", help="Replace an earlier approval (both are kept)."
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
    as_: AsOpt = None,
) -> None:
    """Freeze the year's latest draft: its text and SHA-256 never change again.

    A commissioner approves in their own name; an officer records the approval of the
    commissioner named by --by (who must be a commissioner in People).
    """
    from assure.core.clock import FinancialYear
    from assure.render import wording
    from assure.services.statement import usecases as statement

    c = context(ctx, db, today)
    with errors():
        fy = FinancialYear.parse(year)
        row = statement.approve(
            c.store(), c.actor(as_), fy, by, c.today, supersede, files=_approved_files
        )
    typer.echo(
        f"Approved the {fy.label} statement by {row.approved_by} on "
        f"{wording.day(row.approved_on)}; sha256 {row.sha256}."
    )


@app.command("verify")
def verify(
    ctx: typer.Context,
    target: str = typer.Argument(..., help="An exported .md, .html or .docx file, or a year"),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Check a statement against its recorded hash: exit 0 when it matches, 1 when it does not."""
    from assure.core.clock import FinancialYear
    from assure.services.statement import usecases as statement

    c = context(ctx, db, today)
    path = Path(target)
    with errors():
        if not path.exists():
            if target.endswith((".md", ".html", ".htm", ".docx")):
                fail(f"{target}: no such file")
            fy = FinancialYear.parse(target, "FILE_OR_YEAR")
            verdict = statement.verify_year(c.store(), c.actor(), fy)
            _say(verdict, lambda row: f"the stored {row.status} statement for {fy.label}", target)
            return
        kind = _kind(path, target)
        data = path.read_bytes()
        recorded = _recorded(data, kind, target)
        verdict = statement.verify_file(
            c.store(), c.actor(), recorded, data,
            lambda row, status: _expected(row, status, kind), kind,
        )  # fmt: skip
    _say(verdict, lambda row: _filed(target, row, verdict.filed_as, verdict.ok), target)


def _approved_files(row: StoredStatement) -> dict[str, bytes]:
    """The approved statement's exports, whose hashes approval records."""
    return {kind: _expected(row, "approved", kind) for kind in ("md", "html", "docx")}


def _kind(path: Path, target: str) -> str:
    """The export format a file's name says it is."""
    kind = {".md": "md", ".html": "html", ".htm": "html", ".docx": "docx"}.get(path.suffix.lower())
    if kind is None:
        fail(f"{target}: verify reads .md, .html or .docx files")
    return kind


def _recorded(data: bytes, kind: str, target: str) -> str | None:
    """The statement hash the file records."""
    from assure.render import statement as render

    try:
        return render.recorded_hash(data, kind)
    except ValueError:
        fail(f"{target}: not a Word document")


def _expected(row: StoredStatement, status: str, kind: str) -> bytes:
    """The file of this format for the stored statement `row` under the banner of `status`."""
    from assure.render import statement as render

    approved = status != "draft"
    banner = render.Banner(
        row.sha256, status, row.approved_by if approved else "",
        row.approved_on if approved else None,
    )  # fmt: skip
    return render.file_bytes(row.content, banner, kind)


def _filed(target: str, row: StoredStatement, filed_as: str, ok: bool) -> str:
    """What the file was compared with: the statement's file as it stood (draft, approved...)
    when it matched, every file the statement has had when it did not."""
    if not ok:
        return f"{target}, against every file of the {row.status} {row.year} statement,"
    now = "" if filed_as == row.status else f", now {row.status}"
    return f"{target} is the {filed_as} file of the {row.year} statement{now}"


def _say(verdict: Verdict, what: Callable[[StoredStatement], str], target: str) -> None:
    """Print the verdict, saying what was compared with what; exit 1 unless it matched."""
    row = verdict.matched
    if row is None:
        typer.echo(f"NO MATCH: {target} names no statement stored in this database.")
        raise typer.Exit(1)
    if verdict.ok:
        typer.echo(f"MATCH: {what(row)} (sha256 {row.sha256}).")
        return
    typer.echo(f"NO MATCH: {what(row)} differs from the text recorded with sha256 {row.sha256}.")
    raise typer.Exit(1)
