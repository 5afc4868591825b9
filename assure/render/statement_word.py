"""The statement as a Word document: headings, tables that lay out the same in Word and
LibreOffice (fixed column widths, header rows that repeat, rows that never split across pages),
the banner in the page header, page numbers in the footer, British English throughout."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import TYPE_CHECKING

from assure.render import mdsubset, word
from assure.render.banner import MARKER, Banner, signed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docx.document import Document as DocxDocument

FIXED_TIME = datetime(2000, 1, 1)  # the package's stated times: never when it was written

# --- Word --------------------------------------------------------------------------------------


PAGE_MM, MARGIN_MM = 210, 20
TEXT_WIDTH = word.text_width(PAGE_MM, MARGIN_MM)  # twips between the margins


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
    word.page_footer(section, title)


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
    word.british(doc)
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
    body = _body_xml(mdsubset.parsed(text), clean=word.CONTROL.search(text) is None)
    doc.element.body.insert(0, parse_xml(_PLACEHOLDER))  # stands in for the body until saved
    out = io.BytesIO()
    doc.save(out)
    return _reproducible(out.getvalue(), body.encode())


# The body goes into word/document.xml as text where this paragraph was saved: parsing several
# megabytes of WordprocessingML into lxml and serialising it back takes longer than writing it.
_PLACEHOLDER = f'<w:p xmlns:w="{word.W_NS}"><w:r><w:t>{MARKER}-body</w:t></w:r></w:p>'
_PLACEHOLDER_SAVED = f"<w:p><w:r><w:t>{MARKER}-body</w:t></w:r></w:p>".encode()


def _body_xml(blocks: Sequence[mdsubset.Block], clean: bool) -> str:
    """The statement's blocks as WordprocessingML, written as lxml would serialise them."""
    body_xml: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            style = "Title" if block.level == 1 else f"Heading{min(block.level - 1, 3)}"
            body_xml.append(word.w_paragraph(block.runs, clean, style))
        elif block.kind == "item":
            body_xml.append(word.w_paragraph(block.runs, clean, "ListBullet"))
        elif block.kind == "paragraph":
            body_xml.append(word.w_paragraph(block.runs, clean))
        else:
            body_xml.append(word.w_table(block.rows, clean, TEXT_WIDTH))
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
            target.writestr(stamped, data, compresslevel=1)  # a third of level 6's time
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
