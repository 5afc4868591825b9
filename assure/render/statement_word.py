"""The statement as a Word document: headings, tables that lay out the same in Word and
LibreOffice (fixed column widths, header rows that repeat, rows that never split across pages),
the banner in the page header, page numbers in the footer, British English throughout."""

from __future__ import annotations

import io
import re
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any

from assure.render import mdsubset
from assure.render.banner import MARKER, Banner, signed
from assure.render.mdsubset import Run

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docx.document import Document as DocxDocument

FIXED_TIME = datetime(2000, 1, 1)  # the package's stated times: never when it was written

# --- Word --------------------------------------------------------------------------------------


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


_BOLD = "<w:rPr><w:b/></w:rPr>"


def _w_runs(runs: list[Run], clean: bool) -> str:
    return "".join(f"<w:r>{_BOLD if bold else ''}{_w_t(text, clean)}</w:r>" for text, bold in runs)


# Word refuses the C0 controls but \t \n \r, and XML the two non-characters U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _w_t(text: str, clean: bool) -> str:
    """A w:t element as lxml writes it: escaped, and self-closing when empty. `clean` says the
    whole document holds no character Word refuses, so no run needs filtering."""
    if not clean:
        text = _CONTROL.sub("", text)
    if not text:
        return '<w:t xml:space="preserve"/>'
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        text = escape(text, quote=False).replace("\r", "&#13;")
    return f'<w:t xml:space="preserve">{text}</w:t>'


def _w_paragraph(runs: list[Run], clean: bool, style: str | None = None) -> str:
    if style is None and not runs:
        return "<w:p/>"
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_w_runs(runs, clean)}</w:p>"


PAGE_MM, MARGIN_MM = 210, 20
TEXT_WIDTH = round((PAGE_MM - 2 * MARGIN_MM) * 1440 / 25.4)  # twips between the margins
CHAR = 100  # twips a character of 9-point table text takes, on average
WIDEST = 130  # twips a character can take in a wide substitute font (bold DejaVu Serif)
PADDING = 230  # twips of cell margin, left and right together


def column_widths(rows: list[list[str]], total: int = TEXT_WIDTH) -> list[int]:
    """Twips for each column: wide enough for its longest word (so no word breaks), the rest of
    the width shared by how much text each column holds; scaled to fit when even the longest
    words do not."""
    count = max(len(row) for row in rows)
    cells = [[row[c] if c < len(row) else "" for row in rows] for c in range(count)]
    least = [
        PADDING + WIDEST * (1 + max((len(w) for text in col for w in text.split()), default=1))
        for col in cells
    ]
    wish = [
        max(low, PADDING + CHAR * min(60, max(len(text) for text in col)))
        for low, col in zip(least, cells, strict=True)
    ]
    if sum(least) >= total:
        return [low * total // sum(least) for low in least]
    spare, extra = total - sum(least), [w - low for w, low in zip(wish, least, strict=True)]
    if sum(extra) <= spare:  # everything fits on one line: share out what is left evenly
        return [w + (spare - sum(extra)) // count for w in wish]
    return [low + spare * e // sum(extra) for low, e in zip(least, extra, strict=True)]


_SIZE = '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
_CELL_RUN = ("<w:r><w:rPr>" + _SIZE, "<w:r><w:rPr><w:b/>" + _SIZE)  # plain, bold


_CELL_START = (  # a cell of this many twips, its paragraph with no space around it
    '<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>'
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
)
_ROW_START = (  # a body row, the header row
    "<w:tr><w:trPr><w:cantSplit/></w:trPr>",
    "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
)


def _plain(cell: list[Run]) -> str:
    return cell[0][0] if len(cell) == 1 else "".join(t for t, _ in cell)


def _w_table(rows: list[list[list[Run]]], clean: bool) -> str:
    """A table with fixed column widths; its first row repeats on every page, no row splits.
    Written piece by piece into one list: the evidence appendix has thousands of rows."""
    widths = column_widths([[_plain(cell) for cell in row] for row in rows])
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:firstColumn="0" w:lastRow="0" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    append = out.append
    starts = [_CELL_START.format(w) for w in widths]
    for r, row in enumerate(rows):
        header = r == 0
        append(_ROW_START[header])
        for c, start in enumerate(starts):
            append(start)
            for text, bold in row[c] if c < len(row) else ():
                append(_CELL_RUN[bold or header])
                append(_w_t(text, clean))
                append("</w:r>")
            append("</w:p></w:tc>")
        append("</w:tr>")
    append("</w:tbl>")
    return "".join(out)


def _british(doc: DocxDocument) -> None:
    """Mark the document's default and every style's language as British English."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")
    for lang in doc.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "en-GB")
    doc.core_properties.language = "en-GB"


def _field(paragraph: Any, instruction: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)


def _page_furniture(doc: DocxDocument, banner: Banner, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(PAGE_MM)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(banner.text)
    run.bold = True
    run.font.size = Pt(11 if banner.status == "draft" else 9)
    if banner.status == "draft":
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(f"{title}. Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")


def docx(content: str, banner: Banner, title: str) -> bytes:
    """A Word document with real headings (Title, Heading 1-3), tables and page numbers; the
    contents are the template's plain list (no field for Word to update). The body is written
    as WordprocessingML in one piece: python-docx's per-run API takes seconds on the thousands
    of rows a national register produces."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    for style in ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid"):
        doc.styles[style]  # make sure the styles the body names exist (KeyError if not)
    _page_furniture(doc, banner, title)
    _british(doc)
    props = doc.core_properties
    props.title = title
    props.subject = "Strategic Policing Requirement assurance statement"
    props.author = "assure"
    props.comments = f"{MARKER}: {banner.sha256}"
    props.keywords = banner.text
    props.created = props.modified = FIXED_TIME  # the same bytes every time: see _reproducible
    props.revision = 1
    props.last_modified_by = "assure"
    text = signed(content, banner)
    body = _body_xml(mdsubset.parsed(text), clean=_CONTROL.search(text) is None)
    doc.element.body.insert(0, parse_xml(_PLACEHOLDER))  # stands in for the body until saved
    out = io.BytesIO()
    doc.save(out)
    return _reproducible(out.getvalue(), body.encode())


# The body goes into word/document.xml as text where this paragraph was saved: parsing several
# megabytes of WordprocessingML into lxml and serialising it back takes longer than writing it.
_PLACEHOLDER = f'<w:p xmlns:w="{_W}"><w:r><w:t>{MARKER}-body</w:t></w:r></w:p>'
_PLACEHOLDER_SAVED = f"<w:p><w:r><w:t>{MARKER}-body</w:t></w:r></w:p>".encode()


def _body_xml(blocks: Sequence[mdsubset.Block], clean: bool) -> str:
    """The statement's blocks as WordprocessingML, written as lxml would serialise them."""
    body_xml: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            style = "Title" if block.level == 1 else f"Heading{min(block.level - 1, 3)}"
            body_xml.append(_w_paragraph(block.runs, clean, style))
        elif block.kind == "item":
            body_xml.append(_w_paragraph(block.runs, clean, "ListBullet"))
        elif block.kind == "paragraph":
            body_xml.append(_w_paragraph(block.runs, clean))
        else:
            body_xml.append(_w_table(block.rows, clean))
            body_xml.append("<w:p/>")
    return "".join(body_xml)


def _reproducible(package: bytes, body: bytes) -> bytes:
    """The package with the body in place of its placeholder and every member stamped at one
    fixed time, so the same statement always makes the same bytes (a file can then be
    verified byte for byte)."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "word/document.xml":
                at = data.index(_PLACEHOLDER_SAVED)  # ValueError: python-docx wrote it otherwise
                data = data[:at] + body + data[at + len(_PLACEHOLDER_SAVED) :]
            stamped = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o600 << 16
            target.writestr(stamped, data)
    return out.getvalue()


def text_of_docx(data: bytes) -> tuple[str | None, str]:
    """(recorded hash, normalised body text) of a Word statement."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    match = re.search(rf"{MARKER}: ([0-9a-f]{{64}})", doc.core_properties.comments or "")
    parts: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            for para in child.iter(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
            ):
                text = "".join(
                    t.text or ""
                    for t in para.iter(
                        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
                    )
                )
                if text.strip():
                    parts.append(" ".join(text.split()))
    return (match[1] if match else None), "\n".join(parts)
