"""The statement as Markdown (from the office's Jinja2 template), HTML and Word.

The Markdown is the statement: it is what is stored, hashed and approved. HTML and Word are
rendered from it (assure.render.mdsubset reads the template's Markdown), so user text escaped
once for Markdown renders as text everywhere. Each export carries the statement's SHA-256 and a
banner on every page: "DRAFT" or "Approved by NAME on DATE".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assure.core.config import DATA_DIR
from assure.render import mdsubset
from assure.render.mdsubset import Run
from assure.render.wording import (  # the template's filters
    andjoin,
    assurance,
    cites,
    clause,
    count,
    day,
    md_escape,
    mid,
    sentence,
    words,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from assure.services.statement.model import StatementData
TEMPLATES = DATA_DIR / "templates"
MARKER = "assure-statement-sha256"


@dataclass(frozen=True)
class Banner:
    """What every page says about the statement's standing."""

    sha256: str
    status: str  # draft or approved (superseded prints as approved, then superseded)
    approved_by: str = ""
    approved_on: date | None = None

    @property
    def text(self) -> str:
        if self.status == "draft" or self.approved_on is None:
            return "DRAFT: not approved"
        words = f"Approved by {self.approved_by} on {day(self.approved_on)}"
        return words + (" (since superseded)" if self.status == "superseded" else "")


# --- Markdown ----------------------------------------------------------------------------------


def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # Markdown: every value goes through the md filter instead
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_escape, day=day, cites=cites, clause=clause, n=count, sentence=sentence, mid=mid,
        andjoin=andjoin, assurance=assurance, words=words,
    )  # fmt: skip
    return env


def markdown(data: StatementData) -> str:
    """The statement's text, written by data/templates/statement.md.j2."""
    text: str = environment().get_template("statement.md.j2").render(d=data)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def markdown_file(content: str, banner: Banner) -> str:
    """The .md export: the banner and the hash in a comment line, then the statement."""
    return f"> **{banner.text}**\n\n<!-- {MARKER}: {banner.sha256} -->\n\n{content}"


def content_of_markdown_file(text: str) -> tuple[str | None, str]:
    """(recorded hash, statement text) of an exported .md file."""
    match = re.search(rf"<!-- {MARKER}: ([0-9a-f]{{64}}) -->\n\n", text)
    if not match:
        return None, text
    return match[1], text[match.end() :]


# --- HTML --------------------------------------------------------------------------------------


def _html_runs(runs: list[Run]) -> str:
    return "".join(
        f"<strong>{escape(text)}</strong>" if bold else escape(text) for text, bold in runs
    )


def html_body(content: str) -> str:
    """The statement's blocks as HTML; every piece of text is escaped."""
    out: list[str] = []
    in_list = False
    for block in mdsubset.parse(content):
        if block.kind == "item" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "item" and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "heading":
            out.append(f"<h{block.level}>{_html_runs(block.runs)}</h{block.level}>")
        elif block.kind == "item":
            out.append(f"<li>{_html_runs(block.runs)}</li>")
        elif block.kind == "paragraph":
            out.append(f"<p>{_html_runs(block.runs)}</p>")
        else:
            head, *rows = block.rows
            out.append("<table><thead><tr>")
            out.extend(f"<th>{_html_runs(cell)}</th>" for cell in head)
            out.append("</tr></thead><tbody>")
            for row in rows:
                out.append("<tr>" + "".join(f"<td>{_html_runs(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def html(content: str, banner: Banner, title: str) -> str:
    """One self-contained HTML file that prints on A4 with the banner on every page."""
    from markupsafe import Markup

    env = environment()
    env.autoescape = True
    page: str = env.get_template("statement.html.j2").render(
        title=title, banner=banner.text, draft=banner.status == "draft", sha256=banner.sha256,
        marker=MARKER, body=Markup(html_body(content)),
    )  # fmt: skip
    return page


class _Text(HTMLParser):
    """The visible text of an HTML statement's <main>, one line per block."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "tr", "th", "td", "table"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.sha256: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and dict(attrs).get("name") == MARKER:
            self.sha256 = dict(attrs).get("content")
        if tag == "main":
            self.depth += 1
        elif self.depth and tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of_html(page: str) -> tuple[str | None, str]:
    """(recorded hash, normalised visible text) of an HTML statement."""
    parser = _Text()
    parser.feed(page)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return parser.sha256, "\n".join(line for line in lines if line)


# --- Word --------------------------------------------------------------------------------------


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w_runs(runs: list[Run]) -> str:
    return "".join(
        f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}"
        f'<w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r>'
        for text, bold in runs
    )


def _xml_text(text: str) -> str:
    # Word refuses control characters other than tab, newline and carriage return.
    clean = "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")
    return escape(clean, quote=False)


def _w_paragraph(runs: list[Run], style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_w_runs(runs)}</w:p>"


def _w_table(rows: list[list[list[Run]]]) -> str:
    width = max(len(r) for r in rows)
    grid = "".join("<w:gridCol/>" for _ in range(width))
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        header = "<w:trPr><w:tblHeader/></w:trPr>" if r == 0 else ""
        cells = [*row, *([[]] * (width - len(row)))]
        out.append(
            f"<w:tr>{header}"
            + "".join(
                "<w:tc>" + _w_paragraph([(text, bold or r == 0) for text, bold in cell]) + "</w:tc>"
                for cell in cells
            )
            + "</w:tr>"
        )
    out.append("</w:tbl>")
    return "".join(out)


def _field(paragraph: Any, instruction: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES, TOC) that Word fills in when it lays out the page."""
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
    placeholder.text = "1" if "PAGE" in instruction else "Update the table of contents (F9)."
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)


def _page_furniture(doc: DocxDocument, banner: Banner, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
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
    """A Word document with real headings (Title, Heading 1-3), tables, a contents field and
    page numbers. The body is written as WordprocessingML in one piece: python-docx's
    per-run API takes seconds on the thousands of rows a national register produces."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    for style in ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid"):
        doc.styles[style]  # make sure the styles the body names exist (KeyError if not)
    _page_furniture(doc, banner, title)
    props = doc.core_properties
    props.title = title
    props.subject = "Strategic Policing Requirement assurance statement"
    props.author = "assure"
    props.comments = f"{MARKER}: {banner.sha256}"
    props.keywords = banner.text
    body_xml: list[str] = []
    for block in mdsubset.parse(content):
        if block.kind == "heading":
            style = "Title" if block.level == 1 else f"Heading{min(block.level - 1, 3)}"
            body_xml.append(_w_paragraph(block.runs, style))
            if block.text == "Contents":
                body_xml.append("<w:p/>")  # the TOC field goes here, below
        elif block.kind == "item":
            body_xml.append(_w_paragraph(block.runs, "ListBullet"))
        elif block.kind == "paragraph":
            body_xml.append(_w_paragraph(block.runs))
        else:
            body_xml.append(_w_table(block.rows))
            body_xml.append("<w:p/>")
    fragment = parse_xml(f'<w:body xmlns:w="{_W}">{"".join(body_xml)}</w:body>')
    old_body = doc.element.body
    fragment.append(old_body[-1])  # the section properties (page size, header, footer) stay last
    doc.element.replace(old_body, fragment)  # one move: inserting child by child is quadratic
    toc_at = next((p for p in fragment.iterchildren(f"{{{_W}}}p") if len(p) == 0), None)
    if toc_at is not None:
        from docx.text.paragraph import Paragraph

        _field(Paragraph(toc_at, doc._body), 'TOC \\o "1-2" \\h \\z \\u')
    out = io.BytesIO()
    doc.save(out)
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


def write(path: Path, data: bytes) -> Path:
    """Write an export readable by its owner only, whole or not at all (AssureError if not)."""
    from assure.core.files import write_atomic

    return write_atomic(path, data)
