"""The board pack, opened from the files it writes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from sqlmodel import select

from assure.core import db
from assure.models import Action
from assure.services.board import actions as board
from tests.conftest import OFFICER, TODAY, run_cli


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
    assert "02 June 2026" in result.stdout  # the next meeting from the demo's calendar
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
    assert len(book.sheetnames) == 4
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
