"""Registers as tables: their columns, reading CSV and XLSX files, and formula escaping.

Formula escaping is one rule with its inverse: a spreadsheet program runs a cell that starts
with `=`, `+`, `-`, `@`, a tab or a carriage return, so every text cell we write that starts so
gets a leading apostrophe (`safe_cell`), and a CSV file we read has that apostrophe taken off
again (`unescape_cell`), so an export re-imports unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assure.core.clock import check_year, parse_uk_date
from assure.core.errors import AssureError, ValidationError
from assure.services.interchange.reading import read_rows

# kind -> (required columns, optional columns), in the order a template lists them
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "people": (("name",), ("role", "organisation", "email", "login", "access", "version")),
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
            "version",
        ),
    ),
    "evidence": (
        ("title", "date"),
        ("kind", "source", "summary", "threats", "dimensions", "version"),
    ),
    "priorities": (("theme", "priority"), ("opcc_lead", "force_lead", "rag", "version")),
    "assessments": (("threat", "year", "dimension", "level", "rationale"), ("version",)),
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

    The file is checked whole first (see `reading`); a CSV file's cells have their protective
    apostrophe taken off. Raises AssureError, one line, for a file that cannot or may not be read.
    """
    table = read_rows(path)
    if table.source != "csv":  # only CSV text carries the protective apostrophe
        return table.header, table.rows
    return table.header, ((n, [unescape_cell(c) for c in cells]) for n, cells in table.rows)


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
        return check_year(value.date(), column, text_of(value))
    if isinstance(value, date):
        return check_year(value, column, text_of(value))
    text = text_of(value)
    return parse_uk_date(text, column) if text else None


def list_of(value: Any) -> list[str]:
    """A `;`-separated cell as its parts."""
    return [p.strip() for p in text_of(value).split(";") if p.strip()]
