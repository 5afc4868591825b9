"""The board pack as Markdown, Word and Excel (one table per section)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from assure.core.clock import govuk_date
from assure.services.interchange.boardpack import BoardPack, PackRow

LIVE = ["Ref", "Action", "Owner", "Due", "Original due", "Status", "Latest update"]
EXT = ["Ref", "Action", "Owner", "Original due", "Now due", "Asks for", "Asked on", "Reason"]
LATE = ["Ref", "Action", "Owner", "Original due", "Days late", "Extended to", "Status"]


def _d(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def _live_row(r: PackRow) -> list[Any]:
    original = r.original_due if r.original_due != r.due else None
    return [r.ref, r.title, r.owner, r.due, original, r.status, r.latest_update]


def sections(pack: BoardPack) -> list[tuple[str, str, list[str], list[list[Any]]]]:
    """(title, note, columns, rows) for each section, in order."""
    since = f"since {govuk_date(pack.previous)}" if pack.previous else "so far"
    return [
        (
            "Live actions",
            "Open, in progress, or proposed as complete and awaiting the board's sign-off.",
            LIVE,
            [_live_row(r) for r in pack.live],
        ),
        (
            f"Completed {since}",
            "Closed by the board after the previous meeting.",
            LIVE,
            [_live_row(r) for r in pack.completed],
        ),
        (
            "Extension requests for decision",
            "The original due date is kept whatever the board decides.",
            EXT,
            [
                [
                    e.ref,
                    e.title,
                    e.owner,
                    e.original_due,
                    e.current_due,
                    e.requested_due,
                    e.requested_on,
                    e.reason,
                ]
                for e in pack.extensions
            ],
        ),
        (
            "Overdue against the original due date",
            "Extended actions count as late against the date first agreed.",
            LATE,
            [
                [
                    r.ref,
                    r.title,
                    r.owner,
                    r.original_due,
                    r.days_late,
                    r.due if r.due != r.original_due else None,
                    r.status,
                ]
                for r in pack.overdue
            ],
        ),
    ]


def title(pack: BoardPack) -> str:
    return f"{pack.board}: action log for the meeting on {govuk_date(pack.meeting, weekday=True)}"


def _cell(value: Any) -> str:
    if isinstance(value, date):
        return _d(value)
    return "" if value is None else str(value)


def _md_escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(pack: BoardPack) -> str:
    lines = [f"# {title(pack)}", ""]
    for heading, note, columns, rows in sections(pack):
        lines += [f"## {heading} ({len(rows)})", "", note, ""]
        if not rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + " --- |" * len(columns))
        lines += ["| " + " | ".join(_md_escape(_cell(v)) for v in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def docx(pack: BoardPack) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    doc.add_heading(title(pack), level=0)
    for heading, note, columns, rows in sections(pack):
        doc.add_heading(f"{heading} ({len(rows)})", level=1)
        doc.add_paragraph(note)
        if not rows:
            doc.add_paragraph("None.")
            continue
        table = doc.add_table(rows=len(rows) + 1, cols=len(columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, columns, strict=True):
            cell.paragraphs[0].add_run(name).bold = True
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = _cell(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx(pack: BoardPack) -> bytes:
    from assure.render.tables import to_xlsx_sheets

    return to_xlsx_sheets(
        [(heading[:31], columns, rows) for heading, _, columns, rows in sections(pack)]
    )
