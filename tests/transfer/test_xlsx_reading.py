"""The .xlsx reader gives the cell values openpyxl gives, faster: inline strings (what openpyxl and
assure write) are read as their plain text, and the first sheet is found without sizing it."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from assure.core.errors import AssureError
from assure.services.interchange import reading

# text a cell can hold: XML 1.0 characters (openpyxl refuses the rest), up to a short paragraph
_CELL_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and not s.startswith("="))  # "=..." is a formula to openpyxl


def _openpyxl_values(path: Path) -> list[list[object]]:
    book = load_workbook(path, data_only=True)
    try:
        return [
            ["" if v is None else v for v in row]
            for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)
        ]
    finally:
        book.close()


def _read(path: Path) -> list[list[object]]:
    return [cells for _number, cells in reading.read_rows(path).rows]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_CELL_TEXT, min_size=1, max_size=6))
def test_inline_strings_read_as_openpyxl_reads_them(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "texts.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Texts")
    sheet.append([f"column {i}" for i in range(len(texts))])
    sheet.append(texts)
    book.save(path)
    assert _read(path) == _openpyxl_values(path)


def test_a_rich_text_cell_reads_as_its_runs_joined(tmp_path: Path) -> None:
    path = tmp_path / "rich.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "due_date"])
    bold = InlineFont(b=True)
    sheet.append([CellRichText("Chase ", TextBlock(bold, "the force"), " by Friday"), None])
    sheet["B2"] = datetime(2026, 6, 2)
    book.save(path)
    assert _read(path) == [["Chase the force by Friday", datetime(2026, 6, 2)]]


def test_phonetic_runs_are_not_part_of_the_text(tmp_path: Path) -> None:
    """An inline string's rPh (a reading guide above East Asian text) is not its value."""
    plain = tmp_path / "plain.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("S")
    sheet.append(["title"])
    sheet.append(["東京"])
    book.save(plain)
    path = tmp_path / "phonetic.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</t></is>", b"</t><rPh sb='0' eb='2'><t>toukyou</t></rPh></is>"
                )
                assert b"rPh" in data
            target.writestr(item, data)
    assert _read(path) == [["東京"]] == _openpyxl_values(path)


def test_the_first_worksheet_is_read_after_a_chart_sheet(tmp_path: Path) -> None:
    path = tmp_path / "chart-first.xlsx"
    book = Workbook()
    book.create_chartsheet("Chart", 0)
    book["Sheet"].append(["title"])
    book["Sheet"].append(["After the chart"])
    book.save(path)
    assert _read(path) == [["After the chart"]]


def test_a_workbook_that_lists_no_worksheet_is_refused_in_a_line(tmp_path: Path) -> None:
    path = tmp_path / "charts-only.xlsx"
    book = Workbook()
    book.create_chartsheet("Chart", 0)
    del book["Sheet"]
    book.save(path)
    try:
        _read(path)
    except AssureError as exc:
        assert str(exc) == f"{path}: the workbook has no worksheet"
    else:
        raise AssertionError("a workbook without a worksheet was read")


def test_a_register_saved_by_libreoffice_imports_as_the_csv_it_came_from(tmp_path: Path) -> None:
    """A spreadsheet program's file: shared strings, a declared dimension, dates as date cells
    (read day first from the CSV, as a British user's Calc or Excel does)."""
    import sqlite3
    import subprocess

    from tests.conftest import TODAY, run_cli
    from tests.statement.test_statement_documents import tool
    from tests.transfer.test_boardpack import _calc

    _calc()
    source = tmp_path / "register.csv"
    rows = [
        f'"Chase the ""{n}"" return, then report",Owner {n % 3},{n:02d}/0{n % 9 + 1}/2026,open'
        for n in range(1, 13)
    ]
    source.write_text("action,owner,due_date,status\n" + "\n".join(rows) + "\n", encoding="utf-8")
    subprocess.run(
        [tool("soffice"), "--headless", "--infilter=CSV:44,34,76,1,,2057", "--convert-to",
         "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    sheet = tmp_path / "register.xlsx"
    with zipfile.ZipFile(sheet) as package:
        assert "xl/sharedStrings.xml" in package.namelist()
    register = []
    for name, path in (("csv", source), ("xlsx", sheet)):
        db = tmp_path / f"{name}.db"
        result = run_cli(
            "import", "actions", str(path), "--create-owners", "--db", str(db),
            "--today", TODAY.isoformat(),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(db) as con:
            register.append(
                con.execute(
                    "SELECT a.ref, a.title, a.due_date, a.status, p.name FROM action a "
                    "JOIN person p ON p.id = a.owner_id ORDER BY a.ref"
                ).fetchall()
            )
    assert len(register[0]) == 12 and register[0][0][1] == 'Chase the "1" return, then report'
    assert register[1] == register[0]
