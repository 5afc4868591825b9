"""The board pack, opened from the files it writes."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlmodel import select

from assure.core import db
from assure.models import Action
from assure.render import boardpack as render
from assure.render import tables, word
from assure.services.board import actions as board
from tests.conftest import OFFICER, TODAY, run_cli
from tests.statement.test_statement_documents import tool


def pack(path: Path, out: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("board-pack", "--db", str(path), "--today", TODAY.isoformat(), "--out",
                   str(out), *args)  # fmt: skip


def test_board_pack_sections_in_word_and_excel(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    eng = db.make_engine(str(path))
    with db.session_scope(eng) as s:
        live = s.exec(select(Action).where(Action.ref == "BCB-2026-04-01")).one()
        board.request_extension(s, OFFICER, live, date(2026, 9, 1), "Tracker being rebuilt", TODAY)
        done = s.exec(select(Action).where(Action.ref == "BCB-2025-12-02")).one()
        board.accept_completion(s, OFFICER, done, "Accepted", TODAY)
    eng.dispose()
    result = pack(path, tmp_path / "pack.docx")
    assert result.returncode == 0, result.stderr
    assert "for the meeting on 2 June 2026" in result.stdout  # the next from the demo's calendar
    doc = Document(str(tmp_path / "pack.docx"))
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert any(h.startswith("Live actions") for h in headings)
    assert any(h.startswith("Completed since 21 April 2026 (1)") for h in headings)
    assert "Extension requests for decision (1)" in headings
    assert any(h.startswith("Overdue against the original due date") for h in headings)
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "Tracker being rebuilt" in cells and "BCB-2025-12-02" in cells
    result = pack(path, tmp_path / "pack.xlsx", "--format", "xlsx", "--meeting", "14/07/2026")
    assert result.returncode == 0, result.stderr
    book = load_workbook(tmp_path / "pack.xlsx")
    assert book.sheetnames == ["Live actions", "Completed", "Extension requests", "Overdue"]
    overdue = list(book.worksheets[3].iter_rows(min_row=2, values_only=True))
    refs = {row[0] for row in overdue}
    # extended from 24 March to 8 May: still late against the date first agreed
    assert "BCB-2026-01-01" in refs
    row = next(r for r in overdue if r[0] == "BCB-2026-01-01")
    assert row[4] == (date(2026, 7, 14) - date(2026, 3, 24)).days and row[5] is not None


def test_bad_meeting_date_is_refused(demo_db: Path, tmp_path: Path) -> None:
    result = pack(demo_db, tmp_path / "x.docx", "--meeting", "31/02/2026")
    assert result.returncode == 2 and "--meeting" in result.stderr
    assert not (tmp_path / "x.docx").exists()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHEETS = ["Live actions", "Completed", "Extension requests", "Overdue"]


@pytest.fixture(scope="module")
def packs(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's pack for 2 June 2026, in Word and Excel."""
    out = tmp_path_factory.mktemp("packs")
    for fmt in ("docx", "xlsx"):
        result = pack(demo_db, out / f"pack.{fmt}", "--format", fmt)
        assert result.returncode == 0, result.stderr
    return out


def test_excel_sheets_are_laid_out_to_read(packs: Path) -> None:
    book = load_workbook(packs / "pack.xlsx")
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        assert sheet.print_title_rows == "$1:$1"  # the header on every printed page
        assert sheet.page_setup.orientation == "landscape"
    live = book["Live actions"]
    header = [c.value for c in live[1]]
    assert header[:4] == ["Ref", "Action", "Owner", "Due"] and all(c.font.b for c in live[1])
    rows = list(live.iter_rows(min_row=2))
    # in the body's typeface: a font without a name shows as LibreOffice's serif default
    assert {c.font.name for c in live[1]} == {rows[0][0].font.name} == {"Calibri"}
    widths = {c: live.column_dimensions[get_column_letter(c + 1)].width for c in range(4)}
    assert widths[0] > max(len(r[0].value) for r in rows)  # refs whole: no "###", no cut
    assert widths[1] == tables.MAX_WIDTH  # the action's text: as wide as allowed, then wrapped
    due = [r[3] for r in rows]
    assert all(isinstance(c.value, datetime) and c.number_format == "DD/MM/YYYY" for c in due)
    assert {c.alignment.horizontal for c in due} == {"center"}  # apart from the next column
    assert widths[3] >= len("dd/mm/yyyy")
    long = [r for r in rows if len(r[1].value) >= tables.MAX_WIDTH]
    assert long and all(r[1].alignment.wrap_text for r in long)
    assert all(live.row_dimensions[r[1].row].height > tables.LINE_POINTS for r in long)
    statuses = {r[5].value for r in rows}
    assert statuses <= {"Open", "In progress", "Awaiting sign-off"} and "In progress" in statuses


def test_excel_sheet_names_fit_and_say_what_they_hold() -> None:
    long = "Actions raised at the Business Coordination Board"
    data = tables.to_xlsx_sheets([(long, ["a"], []), (long, ["a"], []), ("Q1/Q2: [draft]", [], [])])
    assert load_workbook(io.BytesIO(data)).sheetnames == [
        "Actions raised at the Business",  # cut at a word, within Excel's 31 characters
        "Actions raised at the (2)",
        "Q1 Q2 draft",  # no character Excel refuses
    ]


def test_word_tables_fit_their_refs_repeat_headers_and_number_pages(packs: Path) -> None:
    doc = Document(str(packs / "pack.docx"))
    tables_ = list(doc.element.body.iter(f"{W}tbl"))
    assert len(tables_) == 2  # live and overdue: the demo has no completions or requests
    for table in tables_:
        rows = list(table.iter(f"{W}tr"))
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        grid = [int(g.get(f"{W}w")) for g in table.iter(f"{W}gridCol")]
        assert sum(grid) <= word.text_width(render.PAGE_MM, render.MARGIN_MM)
        # the Ref column holds "BCB-2026-03-03" on one line; the Action column is the widest
        assert grid[0] >= word.PADDING + word.WIDEST * len("BCB-2026-03-03")
        assert grid[1] == max(grid)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Days late are counted to the day of the meeting, 2 June 2026." in text
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "In progress" in cells and not {"in-progress", "complete", "open"} & cells
    footer = doc.sections[0].footer._element
    fields = [i.text.strip() for i in footer.iter(f"{W}instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert doc.core_properties.language == "en-GB"
    langs = [lang.get(f"{W}val") for lang in doc.styles.element.iter(f"{W}lang")]
    assert langs and set(langs) == {"en-GB"}  # spelling is checked in British English


URL = "https://anyshire.sharepoint.com/sites/opcc/Shared%20Documents/Board/2026/psu-numbers-v3.docx"


def test_a_web_address_in_an_update_breaks_in_its_own_column(demo_db: Path, tmp_path: Path) -> None:
    """A word wider than the page (a pasted link) narrows only its own column: the refs, the
    dates and the action's words stay whole."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    eng = db.make_engine(str(path))
    with db.session_scope(eng) as s:
        action = s.exec(select(Action).where(Action.ref == "BCB-2026-03-03")).one()
        board.progress(s, OFFICER, action, f"Numbers at {URL} for the board", TODAY)
    eng.dispose()
    result = pack(path, tmp_path / "pack.docx")
    assert result.returncode == 0, result.stderr
    live = next(Document(str(tmp_path / "pack.docx")).element.body.iter(f"{W}tbl"))
    grid = [int(g.get(f"{W}w")) for g in live.iter(f"{W}gridCol")]
    assert sum(grid) <= word.text_width(render.PAGE_MM, render.MARGIN_MM)
    whole = [word.PADDING + word.WIDEST * (1 + len(w)) for w in ("BCB-2026-03-03", "dd/mm/yyyy")]
    assert grid[0] >= whole[0] and grid[3] >= whole[1] and grid[4] >= whole[1]  # ref, dates
    assert grid[1] >= word.PADDING + word.WIDEST * (1 + len("self-assessment"))  # the action's
    assert grid[6] == max(grid)  # the update's column takes what is left, and its link breaks
    printed = _printed(tmp_path / "pack.docx", tmp_path)
    assert printed.count("BCB-2026-03-03") == 2 and "Numbers at" in printed  # live, overdue
    assert "###" not in printed and "self-assessment" in printed


def _printed(document: Path, folder: Path) -> str:
    """The document's text as LibreOffice prints it (to PDF in `folder`, read by pdftotext)."""
    soffice, pdftotext = tool("soffice"), tool("pdftotext")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(document)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / f"{document.stem}.pdf"
    return subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _calc() -> None:
    """LibreOffice with Calc, or skip (fail in CI, which installs it)."""
    tool("soffice")
    if not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc is not installed in CI")
        pytest.skip("LibreOffice Calc is not installed here (libreoffice-calc-nogui)")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_prints_the_pack_with_no_ref_broken(
    packs: Path, tmp_path: Path, fmt: str
) -> None:
    if fmt == "xlsx":
        _calc()
    printed = _printed(packs / f"pack.{fmt}", tmp_path)
    refs = set(re.findall(r"BCB-\d{4}-\d{2}-\d{2}", printed))
    assert {"BCB-2025-12-02", "BCB-2026-03-03", "BCB-2026-04-02"} <= refs
    assert "###" not in printed
    if fmt == "xlsx":  # one page wide: every column of a row on the row's own page
        line = next(x for x in printed.splitlines() if "BCB-2025-12-01" in x)
        assert "Lisa Grant" in line and "10/02/2026" in line
