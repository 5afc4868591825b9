"""Tables as files: CSV, JSON and Excel workbooks in which no cell can run as a formula."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from assure.services.interchange.tabular import safe_cell

Sheet = tuple[str, list[str], list[list[Any]]]  # (title, columns, rows)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def to_csv(columns: list[str], rows: list[list[Any]]) -> bytes:
    """UTF-8 CSV with a BOM (which tells Excel it is UTF-8); formula starts are escaped."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(_iso(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_json(columns: list[str], rows: list[list[Any]]) -> bytes:
    """A JSON list of objects keyed by column, dates in ISO form."""
    items = [{c: _iso(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    return (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode()


def to_xlsx(columns: list[str], rows: list[list[Any]], title: str) -> bytes:
    """A workbook in which no cell is a formula: text is stored as text, dates as dates."""
    return to_xlsx_sheets([(title, columns, rows)])


def to_xlsx_sheets(sheets: list[Sheet]) -> bytes:
    """to_xlsx() with one sheet per (title, columns, rows)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    taken: list[str] = []
    for title, columns, rows in sheets:
        taken.append(sheet_title(title, taken))
        _sheet(book, taken[-1], columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SHEET_TITLE = 31  # the most characters Excel allows in a sheet's name
_NOT_IN_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(title: str, taken: list[str]) -> str:
    """`title` as a sheet name Excel accepts: the characters it refuses made spaces, cut at a
    word to 31 characters, and numbered if an earlier sheet has the name."""
    words = " ".join(title.translate(_NOT_IN_TITLES).split()) or "Sheet"
    name = _cut(words, SHEET_TITLE)
    number = 1
    while name.casefold() in {t.casefold() for t in taken}:
        number += 1
        name = f"{_cut(words, SHEET_TITLE - len(str(number)) - 3)} ({number})"
    return name


def _cut(text: str, most: int) -> str:
    if len(text) <= most:
        return text
    head = text[: most + 1].rsplit(" ", 1)[0]
    return head if 0 < len(head) <= most else text[:most]


def _sheet(book: Any, title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """A sheet laid out to read and to print: columns as wide as their text (long text
    wrapped, its row made tall enough), the header row frozen, bold, filtered and repeated on
    every printed page, printed landscape one page wide. (A write-only sheet takes its layout
    before its rows.)"""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(columns)))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    widths = column_widths(columns, rows)
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        # the workbook's own font made bold: a font without a name shows in LibreOffice's
        # serif default beside the Calibri body
        cell.font = Font(name="Calibri", size=11, family=2, scheme="minor", bold=True)
        header.append(cell)
    sheet.append(header)
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    # a date centred: right-aligned, as a number is, it runs into the text of the next column
    centred = Alignment(horizontal="center")
    centred_top = Alignment(horizontal="center", vertical="top")
    for number, row in enumerate(rows, 2):
        cells = [_cell(sheet, value, centred) for value in row]
        long = [
            isinstance(cell.value, str) and len(cell.value) > width - 1
            for cell, width in zip(cells, widths, strict=False)
        ]
        if any(long):  # wrapped, and the row made taller (not every program does it itself)
            lines = [_lines(c.value, w) for c, w, x in zip(cells, widths, long, strict=False) if x]
            sheet.row_dimensions[number].height = LINE_POINTS * max(lines)
            for cell, wrapped in zip(cells, long, strict=False):  # the others at the top
                cell.alignment = wrap if wrapped else centred_top if cell.is_date else top
        sheet.append(cells)


LINE_POINTS = 15  # the height of a line of 11-point text


def _lines(text: str, width: int) -> int:
    """About how many lines `text` takes wrapped in a column `width` characters wide (a
    substitute font can be a fifth wider than Calibri)."""
    per_line = max(1, int(width * 0.8))
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


MIN_WIDTH, MAX_WIDTH = 8, 50  # in characters; longer text wraps


def column_widths(columns: list[str], rows: list[list[Any]]) -> list[int]:
    """Each column's width in characters: its longest line, header included (with room for the
    filter button), between MIN_WIDTH and MAX_WIDTH; a date takes its dd/mm/yyyy."""
    widths = [len(name) + 3 for name in columns]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            size = 10 if isinstance(value, date) else _longest_line(value)
            if size > widths[i]:
                widths[i] = size
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 1)) for w in widths]


def _longest_line(value: Any) -> int:
    if value is None:
        return 0
    text = str(value)
    return max(len(line) for line in text.split("\n")) if "\n" in text else len(text)


def _cell(sheet: Any, value: Any, centred: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        cell.alignment = centred
    elif isinstance(value, int) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = "" if value is None else str(value)
        cell.data_type = "s"  # never "f": a leading = stays text
    return cell
