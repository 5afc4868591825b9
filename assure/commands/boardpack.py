"""`assure board-pack`: the action-log paper for the next board meeting."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from assure.commands.common import DbOpt, TodayOpt, context, errors, fail


class Format(StrEnum):
    docx = "docx"
    xlsx = "xlsx"
    md = "md"


def board_pack(
    ctx: typer.Context,
    meeting: str | None = typer.Option(
        None, "--meeting", help="The meeting's date (default: the next one).", show_default=False
    ),
    fmt: Format = typer.Option(Format.docx, "--format", help="docx, xlsx or md."),
    out: str | None = typer.Option(
        None,
        "--out",
        help="File to write (default exports/board-pack-DATE.EXT; - for md).",
        show_default=False,
    ),
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write the action log for a board meeting: live, completed since the last meeting,
    extension requests for decision, and overdue against the original due date."""
    from assure.core.clock import govuk_date, parse_uk_date
    from assure.core.config import EXPORTS_DIR
    from assure.core.files import write_atomic
    from assure.render import boardpack as render
    from assure.services.interchange import usecases as interchange

    c = context(ctx, db, today)
    with errors():
        actor = c.actor()
        settings = c.settings(actor)
        day = parse_uk_date(meeting, "--meeting") if meeting else None
        pack = interchange.board_pack(c.store(), actor, c.today, settings, day)
    day = pack.meeting
    if fmt is Format.md:
        data = render.markdown(pack).encode()
    elif fmt is Format.xlsx:
        data = render.xlsx(pack)
    else:
        data = render.docx(pack)
    if out == "-":
        if fmt is not Format.md:
            fail("only --format md can go to stdout; give --out FILE")
        sys.stdout.buffer.write(data)
        return
    path = Path(out) if out else EXPORTS_DIR / f"board-pack-{day.isoformat()}.{fmt.value}"
    with errors():
        write_atomic(path, data)
    counts = f"{len(pack.live)} live, {len(pack.completed)} completed, "
    counts += f"{len(pack.extensions)} extension requests, {len(pack.overdue)} overdue"
    typer.echo(f"wrote {path} for the meeting on {govuk_date(day)}: {counts}")
