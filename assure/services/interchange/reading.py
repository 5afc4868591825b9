"""Reading a CSV, XLSX or JSON file within bounds: a hostile or odd file is refused in seconds,
in a line.

Every limit is a module constant (tests lower them). A file is checked whole before its first row
is handed on, so an import never writes a row of a file it will refuse: a CSV file is read twice
(once to check, once to use; the csv module makes that cheap and keeps memory flat), an XLSX file
once, into a list bounded by the row limit. An XLSX file's declared sizes are checked before
openpyxl opens it (zipfile never inflates a part past its declared size), and its first sheet is
read row by row as written, ignoring the dimension it declares.
"""

from __future__ import annotations

import csv
import functools
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from assure.core.errors import AssureError

MAX_BYTES = 50 * 1024 * 1024  # the file as it is on disk
MAX_UNZIPPED = 256 * 1024 * 1024  # an XLSX file's parts inflated, all together
MAX_PART = 64 * 1024 * 1024  # any inflated part but a worksheet: openpyxl holds these in memory
MAX_ROWS = 200_000  # rows with data under the header
MAX_BLANK_ROWS = 200_000  # empty rows, which a formatted but unused range can hold
MAX_COLUMNS = 256
MAX_CELL = 32_767  # characters; Excel's own limit for a cell
EXCEL_LAST_ROW = 1_048_576

SAVE_AS = "save it as 'CSV UTF-8 (Comma delimited)' and try again"
_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"

Rows = Iterator[tuple[int, list[Any]]]


class Table(NamedTuple):
    """A file's header and its data rows (line or row number, cells), and what it was."""

    header: list[str]
    rows: Rows
    source: str  # "csv", "xlsx" or "json"


def read_rows(path: Path) -> Table:
    """The header and data rows of a CSV (UTF-8) or XLSX file, every row checked first.

    Blank rows are left out and each row is cut to the header's width. Raises AssureError, one
    line naming the file, for a missing, empty, oversized, binary, UTF-16, legacy-Excel or
    non-UTF-8 file; for more rows or blank rows than allowed; for an over-long cell; and for
    data in a column without a header.
    """
    if not path.is_file():
        raise AssureError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise AssureError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise AssureError(f"{path}: {size:,} bytes is more than the {MAX_BYTES:,} allowed")
    with path.open("rb") as file:
        head = file.read(8192)
    if path.suffix.lower() == ".json":
        table = _checked(path, _json_records(path))
        header = next(table)[1]
        return Table(header, iter(list(table)), "json")
    if head.startswith(b"PK\x03\x04"):
        table = _checked(path, _xlsx_records(path))
        header = next(table)[1]
        return Table(header, iter(list(table)), "xlsx")
    _refuse_odd_text(path, head)
    checking = _checked(path, _csv_records(path))
    header = next(checking)[1]
    for _ in checking:  # the whole file is checked before a row is used
        pass
    rows = _checked(path, _csv_records(path))
    next(rows)
    return Table(header, rows, "csv")


def _refuse_odd_text(path: Path, head: bytes) -> None:
    """Refuse a legacy workbook, UTF-16 text, or a file named as a workbook that is not one."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or path.suffix.lower() == ".xls":
        raise AssureError(f"{path}: a legacy Excel .xls workbook; {SAVE_AS} (or as .xlsx)")
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 1 and b"\x00" in head[:2])
    if utf16:
        raise AssureError(f"{path}: UTF-16 text ('Unicode Text'); {SAVE_AS}")
    if b"\x00" in head:
        raise AssureError(f"{path}: binary data, not a text CSV file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise AssureError(f"{path}: not an Excel workbook (it is not a zip file)")


# --- CSV ---------------------------------------------------------------------------------------


def _csv_lines(path: Path, file: Iterable[bytes]) -> Iterator[str]:
    """Each line of a file as text; refuse a NUL byte or a line that is not UTF-8."""
    for number, raw in enumerate(file, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if b"\x00" in raw:
            raise AssureError(f"{path}: line {number} holds a NUL byte (binary data)")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise AssureError(
                f"{path}: line {number} is not UTF-8 text (Excel's plain 'CSV' is "
                f"Windows-1252); {SAVE_AS}"
            ) from None


def _csv_records(path: Path) -> Rows:
    with path.open("rb") as file:
        reader = csv.reader(_csv_lines(path, file))
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise AssureError(_too_long(path, reader.line_num)) from None
            raise AssureError(f"{path}: line {reader.line_num}: {exc}") from None


# --- XLSX --------------------------------------------------------------------------------------


def _check_parts(path: Path) -> None:
    """Refuse a workbook whose parts, inflated, would be too big, before anything inflates them."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            worksheets = _worksheets(path, archive)
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError):
        raise AssureError(f"{path}: not an Excel workbook") from None
    total = sum(p.file_size for p in parts)
    if total > MAX_UNZIPPED:
        raise AssureError(
            f"{path}: {total:,} bytes unzipped is more than the {MAX_UNZIPPED:,} allowed"
        )
    for part in parts:
        if part.filename not in worksheets and part.file_size > MAX_PART:
            raise AssureError(
                f"{path}: its part {part.filename} is {part.file_size:,} bytes unzipped, "
                f"more than the {MAX_PART:,} allowed"
            )
    with zipfile.ZipFile(path) as archive:
        for name in worksheets & set(archive.namelist()):
            if _row_tags(archive, name) > 1 + MAX_ROWS + MAX_BLANK_ROWS:
                raise AssureError(f"{path}: more than {MAX_ROWS:,} rows; split the file")


def _row_tags(archive: zipfile.ZipFile, name: str) -> int:
    """How many rows a worksheet part writes: counted as bytes, far faster than parsing them.

    Only a quick refusal for a sheet plainly too long; the rows are counted again as they are read.
    """
    count, tail = 0, b""
    with archive.open(name) as part:
        while chunk := part.read(1 << 20):
            text = tail + chunk
            count += text.count(b"<row ") + text.count(b"<row>")
            tail = text[-4:]  # "<row" split across chunks: too short to be counted twice
    return count


def _worksheets(path: Path, archive: zipfile.ZipFile) -> set[str]:
    """The names of the parts the package says are worksheets (openpyxl streams only those)."""
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > MAX_PART:
        raise AssureError(f"{path}: its list of parts is {info.file_size:,} bytes unzipped")
    root = ElementTree.fromstring(archive.read(info))
    return {
        str(e.get("PartName", "")).lstrip("/")
        for e in root.iter(_CONTENT_TYPES)
        if e.get("ContentType") == _WORKSHEET
    }


def _xlsx_records(path: Path) -> Rows:
    """The first sheet's rows as written: no padding to a declared size, no rows made up."""
    _check_parts(path)
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        raise AssureError(f"{path}: not an Excel workbook") from None
    try:
        # openpyxl's reader parts, not load_workbook: that sizes every sheet without a declared
        # dimension by parsing it whole (openpyxl writes none), only for rows read here anyway
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
    except Exception:
        reader.archive.close()
        raise AssureError(f"{path}: not an Excel workbook") from None
    try:
        with reader.archive.open(_first_worksheet(path, reader)) as source:
            book = reader.wb
            parser = _sheet_parser()(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for number, cells in parser.parse():
                yield number, _row_values(path, number, cells)
    except AssureError:
        raise
    except Exception as exc:  # a damaged part: openpyxl and zipfile raise many kinds
        raise AssureError(
            f"{path}: the first sheet cannot be read ({type(exc).__name__})"
        ) from None
    finally:
        reader.archive.close()


def _first_worksheet(path: Path, reader: Any) -> str:
    """The part holding the workbook's first worksheet (chart sheets have no rows)."""
    for _sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            return str(rel.target)
    raise AssureError(f"{path}: the workbook has no worksheet")


@functools.cache
def _sheet_parser() -> type:
    """openpyxl's worksheet parser, reading an inline string as its plain text.

    openpyxl builds a rich-text object for every inline string cell (the kind openpyxl itself
    writes) to take its text: 90% of the time to read a sheet of them. The text is the string's
    `t` and each run's `t`, as openpyxl's `Text.content` joins them; phonetic runs are left out.
    """
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    text, run = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"

    class SheetParser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            inline = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
            if inline is None:
                return super().parse_cell(element)  # type: ignore[no-any-return]
            element.remove(inline)  # the cell's place and style read as before, its value here
            cell: dict[str, Any] = super().parse_cell(element)
            runs = [r.findtext(text) or "" for r in inline if r.tag == run]
            cell.update(value="".join([inline.findtext(text) or "", *runs]), data_type="s")
            return cell

    return SheetParser


def _row_values(path: Path, number: int, cells: list[dict[str, Any]]) -> list[Any]:
    if number > EXCEL_LAST_ROW:
        raise AssureError(f"{path}: row {number:,} is past Excel's last row")
    filled = {c["column"]: c["value"] for c in cells if c["value"] is not None}
    width = max(filled, default=0)
    if width > MAX_COLUMNS:
        raise AssureError(f"{path}: row {number} has data past column {MAX_COLUMNS}")
    return [filled.get(column, "") for column in range(1, width + 1)]


# --- JSON --------------------------------------------------------------------------------------


def _json_records(path: Path) -> Rows:
    """A JSON list of flat objects (what `assure export --format json` writes) as rows: the
    header is every key in the order first met, each object a row numbered from 1."""
    import json

    try:
        items = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise AssureError(f"{path}: not UTF-8 text; save it as UTF-8 and try again") from None
    except json.JSONDecodeError as exc:
        raise AssureError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise AssureError(f"{path}: not a list of objects, one for each row")
    keys: dict[str, None] = {}
    for item in items:
        keys.update(dict.fromkeys(item))
    header = list(keys)
    yield 0, header
    for number, item in enumerate(items, 1):
        for key, value in item.items():
            if isinstance(value, dict | list):
                raise AssureError(f"{path}: object {number}: {key} holds a list or object")
        yield number, ["" if item.get(k) is None else item[k] for k in header]


# --- checks on every row -----------------------------------------------------------------------


def _checked(path: Path, records: Rows) -> Rows:
    """The header, then each data row cut to its width; raise AssureError at the first fault."""
    first = next(records, None)
    if first is None:
        raise AssureError(f"{path}: the file is empty")
    header = [_cell_text(path, first[0], c) for c in _trimmed(first[1])]
    if len(header) > MAX_COLUMNS:
        raise AssureError(f"{path}: more than {MAX_COLUMNS} columns")
    yield first[0], header
    width = len(header)
    headless = [i for i, name in enumerate(header) if not name.strip()]
    data = blank = 0
    for number, cells in records:
        if not any(_filled(c) for c in cells):
            blank += 1
            if blank > MAX_BLANK_ROWS:
                raise AssureError(
                    f"{path}: more than {MAX_BLANK_ROWS:,} empty rows; delete them and try again"
                )
            continue
        data += 1
        if data > MAX_ROWS:
            raise AssureError(f"{path}: more than {MAX_ROWS:,} rows; split the file")
        for cell in cells:
            _cell_text(path, number, cell)
        for i in [*headless, *range(width, len(cells))]:
            if i < len(cells) and _filled(cells[i]):
                raise AssureError(
                    f"{path}: line {number}: column {i + 1} has no header but holds "
                    f"{str(cells[i])[:40]!r}; name the column or delete it"
                )
        yield number, cells[:width]


def _trimmed(cells: list[Any]) -> list[Any]:
    end = len(cells)
    while end and not _filled(cells[end - 1]):
        end -= 1
    return cells[:end]


def _filled(value: Any) -> bool:
    return value is not None and bool(str(value).strip())


def _cell_text(path: Path, number: int, value: Any) -> str:
    """A cell as text, refused when it is over-long or holds a NUL character."""
    text = "" if value is None else str(value)
    if len(text) > MAX_CELL:
        raise AssureError(_too_long(path, number))
    if "\x00" in text:
        raise AssureError(f"{path}: line {number} holds a NUL character")
    return text


def _too_long(path: Path, number: int) -> str:
    return (
        f"{path}: line {number}: a cell is longer than {MAX_CELL:,} characters "
        "(is a quotation mark left open?)"
    )
