"""`assure response build`: the PCC's s55 response paper to an HMICFRS report."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import typer

from assure.commands.common import AsOpt, DbOpt, TodayOpt, context, errors, fail

app = typer.Typer(
    help="The PCC's response to an HMICFRS report (Police Act 1996 s55).", no_args_is_help=True
)


class Format(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"
    all = "all"


@app.command("build")
def build(
    ctx: typer.Context,
    report: str = typer.Argument(
        ..., metavar="REPORT", help="The report's id, or a part of its title."
    ),
    fmt: Format = typer.Option(Format.docx, "--format", help="docx, md, html or all."),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="File to write, or a folder (default exports/; a folder for --format all).",
        show_default=False,
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
    as_: AsOpt = None,
) -> None:
    """Write the PCC's s55 response paper to a report, from the records.

    It holds the PCC's and the Chief Constable's comments, each recommendation with the action
    taken or proposed (or why none), and when the response was published and copied to HMICFRS
    and the Home Secretary. REPORT is the report's id or a part of its title naming one report.
    """
    from assure.core import files
    from assure.core.config import EXPORTS_DIR, load_settings
    from assure.render import response as render
    from assure.services.inspections import response

    if fmt is Format.all and out is not None and out.suffix and not out.is_dir():
        fail(f"--out: {out} looks like a file; --format all writes three files into a folder")
    c = context(ctx, db, today)
    with errors():
        settings = load_settings()
        paper = response.paper(c.store(), c.actor(as_), report)
    office = render.Office(settings.pcc_name, settings.office_name)
    writers = {
        "docx": lambda: render.docx(paper, office),
        "md": lambda: render.markdown(paper, office).encode(),
        "html": lambda: render.html(paper, office).encode(),
    }
    kinds = list(writers) if fmt is Format.all else [fmt.value]
    papers = {kind: writers[kind]() for kind in kinds}  # all rendered before any is written
    stem = f"s55-response-{paper.report_id}-{_slug(paper.title)}"
    for kind, data in papers.items():
        path = _target(out, EXPORTS_DIR, stem, kind, single=len(papers) == 1)
        with errors():
            files.write_atomic(path, data)  # whole or not at all
        typer.echo(f"wrote {path}")
    if paper.missing:
        typer.echo(f"s55 still to do: {'; '.join(paper.missing)}")
    else:
        typer.echo("Every s55 step is recorded.")


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].rstrip("-") or "report"


def _target(out: Path | None, exports: Path, stem: str, kind: str, single: bool) -> Path:
    """--out is the file when one format is written and it is not a folder; else the folder."""
    if out is not None and single and not out.is_dir() and out.suffix:
        return out
    return (out or exports) / f"{stem}.{kind}"
