"""A register exported as .xlsx reads like the board pack (widths, real dates in dd/mm/yyyy, a
frozen and filtered header) and still imports back unchanged."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from assure.render import tables
from tests.transfer.test_transfer import audit_count, cli

KINDS = ["people", "actions", "findings", "evidence", "priorities", "assessments"]
DATED = {"actions": "due_date", "findings": "report_published", "evidence": "date"}


@pytest.fixture(scope="module")
def demo(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.db"
    shutil.copy(demo_db, path)
    return path


def _shown(value: object) -> int:
    """How many characters a cell shows: a date as dd/mm/yyyy."""
    return len("dd/mm/yyyy") if isinstance(value, datetime) else len(str(value or ""))


@pytest.mark.parametrize("kind", KINDS)
def test_an_xlsx_export_is_laid_out_and_re_imports_unchanged(
    demo: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"{kind}.xlsx"
    result = cli(demo, "export", kind, "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.title == kind
    assert sheet.freeze_panes == "A2" and sheet.max_row > 2
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    for number, name in enumerate(header):
        width = sheet.column_dimensions[get_column_letter(number + 1)].width
        assert tables.MIN_WIDTH <= width <= tables.MAX_WIDTH, name
        longest = max(_shown(r[number].value) for r in rows)
        assert width > min(longest, tables.MAX_WIDTH - 1), name  # whole, or wrapped at most
    if kind in DATED:
        cells = [r[header.index(DATED[kind])] for r in rows]
        assert all(isinstance(c.value, datetime) for c in cells)  # a date, not text
        assert {c.number_format for c in cells} == {"DD/MM/YYYY"}
        # centred: right-aligned, a date runs into the text of the column after it
        assert {c.alignment.horizontal for c in cells} == {"center"}
    before = audit_count(demo)
    again = cli(demo, "import", kind, str(out))
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 updated" in again.stdout
    assert audit_count(demo) == before
