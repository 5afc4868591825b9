"""WordprocessingML the Word documents share: text runs, tables that lay out the same in Word
and LibreOffice (fixed column widths, header rows that repeat, rows that never split across
pages), page-number fields and British English."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from assure.render.mdsubset import Run

if TYPE_CHECKING:
    from collections.abc import Collection

    from docx.document import Document as DocxDocument


def text_width(page_mm: int, margin_mm: int) -> int:
    """Twips between the margins of a page `page_mm` wide."""
    return round((page_mm - 2 * margin_mm) * 1440 / 25.4)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


_BOLD = "<w:rPr><w:b/></w:rPr>"


def w_runs(runs: list[Run], clean: bool) -> str:
    return "".join(f"<w:r>{_BOLD if bold else ''}{w_t(text, clean)}</w:r>" for text, bold in runs)


# Word refuses the C0 controls but \t \n \r, and XML the two non-characters U+FFFE and U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def w_t(text: str, clean: bool) -> str:
    """A w:t element as lxml writes it: escaped, and self-closing when empty. `clean` says the
    whole document holds no character Word refuses, so no run needs filtering."""
    if not clean:
        text = CONTROL.sub("", text)
    if not text:
        return '<w:t xml:space="preserve"/>'
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        text = escape(text, quote=False).replace("\r", "&#13;")
    return f'<w:t xml:space="preserve">{text}</w:t>'


def w_paragraph(runs: list[Run], clean: bool, style: str | None = None) -> str:
    if style is None and not runs:
        return "<w:p/>"
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{w_runs(runs, clean)}</w:p>"


CHAR = 100  # twips a character of 9-point table text takes, on average
WIDEST = 130  # twips a character can take in a wide substitute font (bold DejaVu Serif)
PADDING = 230  # twips of cell margin, left and right together
BREAKABLE = PADDING + WIDEST * 31  # a column whose words are longer than this may break them


def column_widths(rows: list[list[str]], total: int, keep: Collection[int] = ()) -> list[int]:
    """Twips for each column of a table `total` twips wide: wide enough for its longest word (so
    no word breaks), the rest of the width shared by how much text each column holds. When even
    the longest words do not fit, every column is scaled down; or, given columns to `keep`
    whole, words of over 30 characters in the others may break and, if that is not enough, the
    other columns with the longest words give way (see `_squeezed`)."""
    count = max(len(row) for row in rows)
    cells = [[row[c] if c < len(row) else "" for row in rows] for c in range(count)]
    least = [
        PADDING + WIDEST * (1 + max(map(len, " ".join(col).split()), default=1)) for col in cells
    ]
    if keep:  # a web address may break rather than take the width of the columns beside it
        least = [low if c in keep else min(low, BREAKABLE) for c, low in enumerate(least)]
    wish = [
        max(low, PADDING + CHAR * min(60, max(map(len, col))))
        for low, col in zip(least, cells, strict=True)
    ]
    if sum(least) >= total:
        if keep:
            return _squeezed(least, total, keep)
        return [low * total // sum(least) for low in least]
    spare, extra = total - sum(least), [w - low for w, low in zip(wish, least, strict=True)]
    if sum(extra) <= spare:  # everything fits on one line: share out what is left evenly
        return [w + (spare - sum(extra)) // count for w in wish]
    return [low + spare * e // sum(extra) for low, e in zip(least, extra, strict=True)]


def _squeezed(least: list[int], total: int, keep: Collection[int]) -> list[int]:
    """`least` cut down to `total`: the columns in `keep` (a ref, a date) whole, and of the
    others only the widest give way, all to one width, so a pasted web address breaks in its own
    column rather than narrowing every other; scaled down together when even `keep` cannot fit."""
    kept = sum(low for c, low in enumerate(least) if c in keep)
    others = sorted(low for c, low in enumerate(least) if c not in keep)
    left = total - kept
    if not others or left < PADDING * len(others) + WIDEST * 4 * len(others):
        return [low * total // sum(least) for low in least]
    cap = left
    for n, low in enumerate(others):
        if low * (len(others) - n) > left:
            cap = left // (len(others) - n)
            break
        left -= low
    return [low if c in keep else min(low, cap) for c, low in enumerate(least)]


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


def w_table(
    rows: list[list[list[Run]]], clean: bool, total: int, keep: Collection[int] = ()
) -> str:
    """A table with fixed column widths (see column_widths); its first row repeats on every
    page, no row splits. Written piece by piece into one list: the evidence appendix has
    thousands of rows."""
    widths = column_widths([[_plain(cell) for cell in row] for row in rows], total, keep)
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
                append(w_t(text, clean))
                append("</w:r>")
            append("</w:p></w:tc>")
        append("</w:tr>")
    append("</w:tbl>")
    return "".join(out)


def british(doc: DocxDocument) -> None:
    """Mark the document's default and every style's language as British English."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")
    for lang in doc.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "en-GB")
    doc.core_properties.language = "en-GB"


def page_footer(section: Any, text: str) -> None:
    """The section's footer: `text`, then "Page N of M", centred (Word fills in the numbers)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(f"{text}. Page ")
    field(foot, "PAGE")
    foot.add_run(" of ")
    field(foot, "NUMPAGES")


def field(paragraph: Any, instruction: str) -> None:
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


def table_element(rows: list[list[list[Run]]], total: int, keep: Collection[int] = ()) -> Any:
    """w_table() as an element to place in a python-docx document (any text cleaned)."""
    from docx.oxml import parse_xml

    xml = w_table(rows, clean=False, total=total, keep=keep)
    return parse_xml(xml.replace("<w:tbl>", f'<w:tbl xmlns:w="{W_NS}">', 1))
