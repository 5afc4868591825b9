"""The board pack as Markdown, Word and Excel (one table per section)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from assure.core.clock import govuk_date
from assure.render import word
from assure.services.interchange.boardpack import BoardPack, PackRow

LIVE = ["Ref", "Action", "Owner", "Due", "Original due", "Status", "Latest update"]
EXT = ["Ref", "Action", "Owner", "Original due", "Now due", "Asks for", "Asked on", "Reason"]
LATE = ["Ref", "Action", "Owner", "Original due", "Days late", "Extended to", "Status"]


def _d(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def _live_row(r: PackRow) -> list[Any]:
    original = r.original_due if r.original_due != r.due else None
    return [r.ref, r.title, r.owner, r.due, original, r.status, r.latest_update]


@dataclass(frozen=True)
class Section:
    heading: str
    sheet: str  # its worksheet's name: Excel allows 31 characters
    note: str
    columns: list[str]
    rows: list[list[Any]]


def sections(pack: BoardPack) -> list[Section]:
    """The pack's four sections, in order."""
    since = f"since {govuk_date(pack.previous)}" if pack.previous else "so far"
    return [
        Section(
            "Live actions",
            "Live actions",
            "Open, in progress, or proposed as complete and awaiting the board's sign-off.",
            LIVE,
            [_live_row(r) for r in pack.live],
        ),
        Section(
            f"Completed {since}",
            "Completed",
            "Closed by the board after the previous meeting.",
            LIVE,
            [_live_row(r) for r in pack.completed],
        ),
        Section(
            "Extension requests for decision",
            "Extension requests",
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
        Section(
            "Overdue against the original due date",
            "Overdue",
            "Extended actions count as late against the date first agreed. Days late are "
            f"counted to the day of the meeting, {govuk_date(pack.meeting)}.",
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
    for section in sections(pack):
        lines += [f"## {section.heading} ({len(section.rows)})", "", section.note, ""]
        if not section.rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(section.columns) + " |")
        lines.append("|" + " --- |" * len(section.columns))
        lines += [
            "| " + " | ".join(_md_escape(_cell(v)) for v in row) + " |" for row in section.rows
        ]
        lines.append("")
    return "\n".join(lines)


PAGE_MM, MARGIN_MM = 297, 15  # A4 landscape: the action log is wide


def docx(pack: BoardPack) -> bytes:
    """The pack in Word: A4 landscape, tables whose columns fit their longest word (a ref never
    wraps), whose header row repeats and whose rows never split, and page numbers."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_MM), Mm(210)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    word.page_footer(section, f"{pack.board} action log, {govuk_date(pack.meeting)}")
    word.british(doc)
    doc.core_properties.title = title(pack)
    doc.add_heading(title(pack), level=0)
    width = word.text_width(PAGE_MM, MARGIN_MM)
    for part in sections(pack):
        doc.add_heading(f"{part.heading} ({len(part.rows)})", level=1)
        doc.add_paragraph(part.note)
        if not part.rows:
            doc.add_paragraph("None.")
            continue
        cells = [[[(name, True)] for name in part.columns]]
        cells += [[[(_cell(v), False)] for v in row] for row in part.rows]
        doc.add_paragraph()._p.addprevious(word.table_element(cells, width, _whole(part)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _whole(part: Section) -> set[int]:
    """The columns kept whole however long the text beside them: the ref, dates and numbers."""
    return {0} | {
        c
        for c in range(len(part.columns))
        if all(row[c] is None or isinstance(row[c], date | int) for row in part.rows)
    }


def xlsx(pack: BoardPack) -> bytes:
    from assure.render.tables import to_xlsx_sheets

    return to_xlsx_sheets([(part.sheet, part.columns, part.rows) for part in sections(pack)])
