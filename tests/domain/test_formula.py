"""Spreadsheet formula injection: a cell that Excel would run is written as text.

OWASP's list of formula starts is =, +, -, @, tab and carriage return. Both places that write
CSV for people to open (register exports and the reminder digest) are held to it.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assure.render import digest, tables
from assure.services.interchange.tabular import safe_cell, unescape_cell
from assure.services.reminders.due import DueItem
from tests.rules.strategies import RULES

STARTS = ("=", "+", "-", "@", "\t", "\r")
NAMES = {"=": "equals", "+": "plus", "-": "minus", "@": "at", "\t": "tab", "\r": "CR"}
PLAIN = [
    "Plain",
    "Report 999 times",
    "a=b",
    "1+2",
    "x-y",
    "user@example.org",
    "'quoted",
    "",
    "X-ray unit",
    "XX=YY",
]


@pytest.mark.parametrize("start", STARTS, ids=NAMES.get)
def test_a_formula_start_is_escaped(start: str) -> None:
    text = f'{start}HYPERLINK("http://evil.example")'
    assert safe_cell(text) == "'" + text
    assert safe_cell(start) == "'" + start


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


@pytest.mark.parametrize("text", ["'quoted", "'X-ray unit'", "'XX=YY"])
def test_an_apostrophe_before_plain_text_is_kept_on_reading_back(text: str) -> None:
    assert unescape_cell(text) == text


@pytest.mark.parametrize("value", [-5, 0, 3.5, None, date(2026, 5, 1), True])
def test_values_that_are_not_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) is value


@RULES
@given(st.text(max_size=30))
def test_any_text_is_escaped_exactly_when_it_starts_a_formula(text: str) -> None:
    # apostrophes in front count too: "'=x" must come back as "'=x", not as the formula "=x"
    formula = text.lstrip("'")[:1] in STARTS
    assert safe_cell(text) == ("'" + text if formula else text)


@RULES
@given(st.text(alphabet=st.sampled_from(["'", "=", "-", "\t", "a", " ", "1"]), max_size=8))
def test_any_text_reads_back_as_it_was_written(text: str) -> None:
    written = safe_cell(text)
    assert written[:1] not in STARTS  # never runs as a formula
    assert unescape_cell(written) == text


@pytest.mark.parametrize("text", ["'=SUM(A1)", "'-5", "''@x", "'\tcmd"])
def test_an_apostrophe_typed_before_a_formula_survives_export_and_import(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert unescape_cell(safe_cell(text)) == text


def read_back(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data, newline="")))


def test_an_exported_csv_reads_back_with_every_formula_as_text() -> None:
    rows = [[start + "1+2", "Plain", -5, date(2026, 3, 31)] for start in STARTS]
    back = read_back(tables.to_csv(["a", "b", "c", "d"], rows).decode("utf-8-sig"))
    assert back[0] == ["a", "b", "c", "d"]
    assert [row[0] for row in back[1:]] == ["'" + start + "1+2" for start in STARTS]
    assert all(row[1:] == ["Plain", "-5", "2026-03-31"] for row in back[1:])


def test_the_reminder_csv_reads_back_with_every_formula_as_text() -> None:
    day = date(2026, 5, 1)
    items = [
        DueItem("action", f"BCB-{n}", start + "cmd", "@owner", "", day, day, 0, "open", "=src", n)
        for n, start in enumerate(STARTS)
    ]
    back = read_back(digest.csv_text(items))
    rows = [dict(zip(back[0], row, strict=True)) for row in back[1:]]
    assert [r["title"] for r in rows] == ["'" + start + "cmd" for start in STARTS]
    assert {(r["owner"], r["source"], r["days_overdue"]) for r in rows} == {
        ("'@owner", "'=src", "0")
    }
