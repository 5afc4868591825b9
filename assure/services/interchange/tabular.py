"""Registers as tables: their columns, reading CSV and XLSX files, and formula escaping.

Formula escaping is one rule with its inverse: a spreadsheet program runs a cell that starts
with `=`, `+`, `-`, `@`, a tab or a carriage return, so every text cell we write that starts so
gets a leading apostrophe (`safe_cell`), and a CSV file we read has that apostrophe taken off
again (`unescape_cell`), so an export re-imports unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assure.core.clock import parse_uk_date
from assure.core.errors import AssureError, ValidationError

MAX_BYTES = 50 * 1024 * 1024

# kind -> (required columns, optional columns), in the order a template lists them
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "people": (("name",), ("role", "organisation", "email", "login", "access")),
    "actions": (
        ("action", "owner", "due_date"),
        (
            "ref",
            "meeting_date",
            "raised_on",
            "agenda_item",
            "status",
            "closed_on",
            "revised_due_date",
            "update",
            "version",
        ),
    ),
    "findings": (
        ("report", "ref", "kind", "text"),
        (
            "report_kind",
            "report_published",
            "parent_ref",
            "force_lead",
            "opcc_lead",
            "target_date",
            "status",
            "threats",
        ),
    ),
    "evidence": (("title", "date"), ("kind", "source", "summary", "threats", "dimensions")),
    "priorities": (("theme", "priority"), ("opcc_lead", "force_lead", "rag")),
    "assessments": (("threat", "year", "dimension", "level", "rationale"), ()),
}
KINDS = tuple(COLUMNS)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Rows = Iterator[tuple[int, list[Any]]]


def check_kind(kind: str) -> None:
    """Raise ValidationError unless `kind` names a register that can be imported and exported."""
    if kind not in COLUMNS:
        raise ValidationError("KIND", f"{kind!r} is not one of {', '.join(KINDS)}")


def template_columns(kind: str) -> list[str]:
    """Every column an import of `kind` reads, required ones first."""
    required, optional = COLUMNS[kind]
    return [*required, *optional]


# --- formula escaping --------------------------------------------------------------------------


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a leading =, +, -, @, tab or CR gets an apostrophe.

    So does one that starts so after apostrophes ("'=x"): unescaped it would read back as the
    formula "=x"; escaped it reads back as "'=x", and a spreadsheet shows it as "'=x" too.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The inverse of safe_cell() for text read back from a CSV file."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_START):
        return value[1:]
    return value


# --- reading files -----------------------------------------------------------------------------


def read_table(path: Path) -> tuple[list[str], Rows]:
    """Header and (line number, cells) of a CSV (UTF-8, with or without BOM) or XLSX file.

    Raises AssureError for a missing, empty, oversized, binary or non-UTF-8 file.
    """
    if not path.is_file():
        raise AssureError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise AssureError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise AssureError(f"{path}: {size:,} bytes is more than the {MAX_BYTES:,} allowed")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def _read_csv(path: Path) -> tuple[list[str], Rows]:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise AssureError(f"{path}: this is not a text CSV file (binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssureError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8' and try again"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise AssureError(f"{path}: the file is empty") from None

    def rows() -> Rows:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield reader.line_num, [unescape_cell(c) for c in cells]

    return header, rows()


def _read_xlsx(path: Path) -> tuple[list[str], Rows]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        raise AssureError(f"{path}: not an Excel workbook") from None
    sheet = book.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [str(c or "") for c in next(iterator)]
    except StopIteration:
        raise AssureError(f"{path}: the first sheet is empty") from None

    def rows() -> Rows:
        for number, cells in enumerate(iterator, start=2):
            values = ["" if c is None else c for c in cells]
            if any(str(v).strip() for v in values):
                yield number, values

    return header, rows()


def check_header(kind: str, header: list[str]) -> list[str]:
    """The header's column names, normalised; raise AssureError for unknown or missing ones."""
    required, optional = COLUMNS[kind]
    names = [h.strip().lower().replace(" ", "_") for h in header]
    unknown = [h for h in names if h and h not in required + optional]
    if unknown:
        raise AssureError(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} for {kind}; "
            f"the columns are {', '.join(required + optional)}"
        )
    missing = [c for c in required if c not in names]
    if missing:
        raise AssureError(
            f"missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
        )
    return names


# --- cells -------------------------------------------------------------------------------------


def text_of(value: Any) -> str:
    """A cell as text: dates in ISO form, whole floats without their `.0`, trimmed."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def date_of(value: Any, column: str) -> date | None:
    """A cell as a date (a date cell, or text in any form parse_uk_date reads), or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = text_of(value)
    return parse_uk_date(text, column) if text else None


def list_of(value: Any) -> list[str]:
    """A `;`-separated cell as its parts."""
    return [p.strip() for p in text_of(value).split(";") if p.strip()]
