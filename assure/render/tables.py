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
    for title, columns, rows in sheets:
        _sheet(book, title, columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Any, title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(title[:31])
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, int) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = "" if value is None else str(value)
        cell.data_type = "s"  # never "f": a leading = stays text
    return cell
