"""Hostile and odd files given to `assure import`: each is refused quickly, in one line, unwritten.

The small hostile files are built for real (a 2 KB workbook declaring a million rows, a workbook
with one huge shared string, a CSV one row over the limit); limits that would need a huge file
are lowered for the tests that read a file in-process.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from assure.core.errors import AssureError
from assure.services.interchange import reading
from assure.services.interchange.tabular import read_table
from tests.conftest import TODAY, run_cli

HEADER = ["action", "owner", "due_date"]
ROW = ["Check the rota", "Lisa Grant", "01/06/2026"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="{PKG}/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1"
 Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>
<sheet name="Actions" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG}/relationships">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def _cells(number: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def workbook(
    path: Path, rows: dict[int, list[str]], dimension: str = "", shared_mb: int = 0
) -> Path:
    """Write an .xlsx by hand: its rows numbered as given, its dimension as declared, and a
    shared strings part holding one string of `shared_mb` MB (streamed, so the test stays small).
    """
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(_cells(n, values) for n, values in rows.items())
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
    sheet += f"{declared}<sheetData>{body}</sheetData></worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode())
            chunk = b"A" * (1024 * 1024)
            for _ in range(shared_mb):
                strings.write(chunk)
            strings.write(b"</t></si></sst>")
    return path


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(demo: Path, path: Path) -> str:
    """Import `path`, check it was refused in one line with the database unchanged; the line."""
    before = digest(demo)
    result = run_cli("import", "actions", str(path), "--db", str(demo), "--today", str(TODAY))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert digest(demo) == before
    return lines[0]


def imported(demo: Path, path: Path) -> subprocess.CompletedProcess[str]:
    result = run_cli("import", "actions", str(path), "--db", str(demo), "--today", str(TODAY))
    assert result.returncode == 0, result.stderr
    return result


# --- through the command line, with the real limits ---------------------------------------------


def test_a_declared_million_rows_is_ignored(demo: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "claims.xlsx", {1: HEADER, 2: ROW}, dimension="A1:Z1048576")
    assert path.stat().st_size < 4096
    assert "1 rows: 1 created" in imported(demo, path).stdout


def test_a_row_numbered_last_in_excel_is_read_without_the_rows_between(
    demo: Path, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "far.xlsx", {1: HEADER, 1_048_576: ROW})
    assert "1 rows: 1 created" in imported(demo, path).stdout


def test_a_row_numbered_past_excel_is_refused(demo: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "past.xlsx", {1: HEADER, 99_999_999: ROW})
    assert "row 99,999,999 is past Excel's last row" in refused(demo, path)


def test_a_huge_shared_string_is_refused_before_it_is_inflated(demo: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "bomb.xlsx", {1: HEADER, 2: ROW}, shared_mb=80)
    assert path.stat().st_size < 2 * 1024 * 1024
    line = refused(demo, path)
    assert "xl/sharedStrings.xml is 83,886,1" in line and "unzipped" in line


def test_one_row_more_than_the_limit_is_refused(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_bytes(csv_bytes([HEADER] + [ROW] * (reading.MAX_ROWS + 1)))
    assert f"more than {reading.MAX_ROWS:,} rows; split the file" in refused(demo, path)


def test_a_file_over_the_size_limit_is_refused_unread(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.truncate(reading.MAX_BYTES + 1)  # sparse: nothing is written to disk
    assert f"is more than the {reading.MAX_BYTES:,} allowed" in refused(demo, path)


@pytest.mark.parametrize("length", [reading.MAX_CELL + 1, 131_073])
def test_a_cell_over_the_length_limit_is_refused(demo: Path, tmp_path: Path, length: int) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(csv_bytes([HEADER, ROW, ["x" * length, "Lisa Grant", "01/06/2026"]]))
    assert f"line 3: a cell is longer than {reading.MAX_CELL:,} characters" in refused(demo, path)


def test_an_open_quotation_mark_is_named(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_bytes(csv_bytes([HEADER]) + b'"x' + csv_bytes([ROW] * 20_000))
    assert "quotation mark left open" in refused(demo, path)


def test_a_nul_byte_after_the_first_8_kb_is_refused(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(csv_bytes([HEADER] + [ROW] * 400) + b"x\x00,Lisa Grant,01/06/2026\n")
    assert path.stat().st_size > 8192
    assert "line 402 holds a NUL byte" in refused(demo, path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_text_is_refused_with_advice(demo: Path, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes(csv_bytes([HEADER, ROW]).decode().encode(encoding))
    assert "UTF-16 text" in (line := refused(demo, path)) and "CSV UTF-8" in line


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("old.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("html.xls", b"<table><tr><td>action</td></tr></table>"),
    ],
)
def test_a_legacy_workbook_is_refused_with_advice(
    demo: Path, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    line = refused(demo, path)
    assert "legacy Excel .xls workbook" in line and "CSV UTF-8" in line


def test_a_windows_1252_csv_is_refused_with_advice(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "action,owner,due_date\nBudget \u00a3500 \u2019ring-fenced\u2019,Lisa Grant,01/06/2026\n"
    path.write_bytes(text.encode("cp1252"))
    line = refused(demo, path)
    assert "line 2 is not UTF-8 text" in line and "Windows-1252" in line and "CSV UTF-8" in line


def test_a_csv_named_as_a_workbook_is_refused(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "named.xlsx"
    path.write_bytes(csv_bytes([HEADER, ROW]))
    assert "not an Excel workbook" in refused(demo, path)


@pytest.mark.parametrize(
    ("rows", "column"),
    [
        ([[*HEADER[:2], "", HEADER[2]], [*ROW[:2], "red", ROW[2]]], 3),
        ([HEADER, [*ROW, "", "stray"]], 5),
    ],
)
def test_data_in_a_column_without_a_header_is_refused(
    demo: Path, tmp_path: Path, rows: list[list[str]], column: int
) -> None:
    path = tmp_path / "headless.csv"
    path.write_bytes(csv_bytes(rows))
    assert f"line 2: column {column} has no header" in refused(demo, path)


def test_dates_that_are_not_day_first_or_plausible_are_named(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    dates = ["06/13/2026", "1/2/3/2027", "31/12/9999", "06/12/2026"]
    path.write_bytes(csv_bytes([HEADER] + [[f"Task {d}", "Lisa Grant", d] for d in dates]))
    before = digest(demo)
    result = run_cli("import", "actions", str(path), "--db", str(demo), "--today", str(TODAY))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "line 2, due_date: '06/13/2026' reads as a date only month first" in result.stderr
    assert "line 3, due_date: '1/2/3/2027' has 4 numbers" in result.stderr
    assert "line 4, due_date: '31/12/9999': the year 9999 is outside 1990-2100" in result.stderr
    assert "line 5" not in result.stderr  # 6 December 2026, day first
    assert digest(demo) == before


# --- in-process, with the limits lowered ----------------------------------------------------------


def _refusal(path: Path) -> str:
    with pytest.raises(AssureError) as caught:
        _, rows = read_table(path)
        list(rows)
    return str(caught.value)


def test_workbook_rows_stop_at_the_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    path = workbook(tmp_path / "rows.xlsx", {1: HEADER} | {n: ROW for n in range(2, 5)})
    assert len(list(read_table(path)[1])) == 3
    path = workbook(tmp_path / "more.xlsx", {1: HEADER} | {n: ROW for n in range(2, 6)})
    assert "more than 3 rows" in _refusal(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_blank_rows_are_skipped_up_to_a_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, suffix: str
) -> None:
    monkeypatch.setattr(reading, "MAX_BLANK_ROWS", 2)
    rows = [HEADER, ROW, [], ["", " "], ROW]
    path = tmp_path / f"blank.{suffix}"
    if suffix == "csv":
        path.write_bytes(csv_bytes(rows))
    else:
        workbook(path, dict(enumerate(rows, start=1)))
    assert [n for n, _ in read_table(path)[1]] == [2, 5]
    rows.insert(2, [" "])
    if suffix == "csv":
        path.write_bytes(csv_bytes(rows))
    else:
        workbook(path, dict(enumerate(rows, start=1)))
    assert "more than 2 empty rows" in _refusal(path)


def test_a_workbook_over_the_unzipped_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(reading, "MAX_UNZIPPED", 100_000)
    monkeypatch.setattr(reading, "MAX_PART", 50_000)
    rows = {1: HEADER} | {n: ROW for n in range(2, 1000)}
    path = workbook(tmp_path / "wide.xlsx", rows, shared_mb=0)
    assert "bytes unzipped is more than the 100,000 allowed" in _refusal(path)
    monkeypatch.setattr(reading, "MAX_UNZIPPED", 10_000_000)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > reading.MAX_PART
    assert len(list(read_table(path)[1])) == 998  # a worksheet is streamed, not held in memory


def test_a_workbook_cell_over_the_length_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(reading, "MAX_CELL", 10)
    path = workbook(tmp_path / "long.xlsx", {1: HEADER, 2: ["x" * 11, "Lisa Grant", "1/6/2026"]})
    assert "line 2: a cell is longer than 10 characters" in _refusal(path)


def test_a_csv_is_checked_whole_before_its_first_row_is_used(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(csv_bytes([HEADER, ROW, ROW, [*ROW, "late"]]))
    with pytest.raises(AssureError, match="line 4: column 4 has no header"):
        read_table(path)


def test_a_plainly_too_long_sheet_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "long.xlsx", {1: HEADER} | {n: ROW for n in range(2, 30_002)})
    with zipfile.ZipFile(path) as archive:  # several MB of XML: rows cross the read chunks
        assert reading._row_tags(archive, "xl/worksheets/sheet1.xml") == 30_001
    reading._check_parts(path)
    monkeypatch.setattr(reading, "MAX_ROWS", 20_000)
    monkeypatch.setattr(reading, "MAX_BLANK_ROWS", 9_999)
    with pytest.raises(AssureError, match="more than 20,000 rows"):
        reading._check_parts(path)
