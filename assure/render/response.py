"""The PCC's s55 response paper as Markdown, HTML (both from data/templates) and Word.

Every format says the same things in the same order, from one `Wording` built here from the
read model: the paper names what is recorded and says plainly what is not ("No explanation
recorded", "not yet sent"), so an unfinished paper can never pass for a finished one.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from assure.core.clock import govuk_date
from assure.core.config import DATA_DIR
from assure.render import word
from assure.services.inspections.response import BASIS, ResponsePaper

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table

TEMPLATES = DATA_DIR / "templates"
COLUMNS = ("Ref", "Recommendation", "Cause of concern", "Action taken or proposed, or why none")
WIDTHS_MM = (22, 52, 36, 60)  # A4 portrait with 20 mm margins leaves 170 mm
NO_EXPLANATION = "No explanation recorded"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


@dataclass(frozen=True)
class Office:
    """Who is responding (from the settings)."""

    pcc_name: str
    office_name: str  # whole, as it is printed


@dataclass(frozen=True)
class Wording:
    """The sentences every format prints, made once from the records."""

    heading: str
    banner: str  # "" once the response is published
    basis: str
    pcc_paragraphs: list[str]
    cc_comments: str
    publication: list[str]
    columns: tuple[str, ...] = COLUMNS
    no_explanation: str = NO_EXPLANATION
    no_recommendations: str = "The report makes no recommendations."


def day(value: date | None) -> str:
    """A date in the GOV.UK style: 1 April 2026."""
    return "" if value is None else govuk_date(value)


def wording(paper: ResponsePaper, office: Office) -> Wording:
    """What the paper says, in words, from what is recorded."""
    basis = (
        "Section 55 of the Police Act 1996 requires the police and crime commissioner to invite "
        "the Chief Constable's comments on an HMICFRS report and to publish, within 56 days "
        "beginning with the day the report was published, the commissioner's comments, the "
        "Chief Constable's comments and the commissioner's response to them, saying for each "
        "recommendation what action has been or will be taken, or why none. Copies go to HM "
        "Inspectorate of Constabulary and Fire & Rescue Services and to the Home Secretary. "
        f"For this report, published on {day(paper.published_on)}, the last day to publish is "
        f"{day(paper.last_day)}."
    )
    paragraphs = [
        " ".join(p.split()) for p in re.split(r"\n\s*\n", paper.pcc_comments) if p.strip()
    ] or ["No comments from the commissioner are recorded yet."]
    banner = ""
    if paper.response_published_on is None:
        banner = f"DRAFT: not yet published (due by {day(paper.last_day)})"
    return Wording(
        heading=f"Response of {office.pcc_name} to the HMICFRS report: {paper.title}",
        banner=banner,
        basis=basis,
        pcc_paragraphs=paragraphs,
        cc_comments=_cc_comments(paper),
        publication=_publication(paper),
    )


def _cc_comments(paper: ResponsePaper) -> str:
    invited = ""
    if paper.comments_invited_on is not None:
        invited = "The commissioner invited the Chief Constable's comments on "
        invited += day(paper.comments_invited_on)
        if paper.comments_due_on is not None:
            invited += f", asking for them by {day(paper.comments_due_on)}"
        invited += ". "
    if paper.comments_received_on is None:
        return invited + "The Chief Constable's comments have not been received yet."
    return invited + (
        f"The Chief Constable's comments were received on {day(paper.comments_received_on)} "
        "and are published with this response."
    )


def _publication(paper: ResponsePaper) -> list[str]:
    if paper.response_published_on is None:
        lines = [f"Response: not yet published; the last day is {day(paper.last_day)}."]
    else:
        late = (paper.response_published_on - paper.last_day).days
        timing = "on time" if late <= 0 else f"{late} day{'s' if late != 1 else ''} late"
        lines = [f"Response published on {day(paper.response_published_on)} ({timing})."]
    if paper.response_link:
        lines.append(f"Published at {paper.response_link}")
    sent = paper.copies_sent_on
    lines.append(
        "Copies sent to HMICFRS and the Home Secretary on " + day(sent) + "."
        if sent
        else "Copies to HMICFRS and the Home Secretary: not yet sent."
    )
    return lines


# --- Markdown and HTML (templates) ------------------------------------------------------------


def md_escape(value: object) -> str:
    """Text as Markdown that renders as exactly that text (one line)."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return "\\" + text if text[:1] in ("-", "+", "=") else text


def _environment(autoescape: bool) -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_escape, day=day)
    return env


def markdown(paper: ResponsePaper, office: Office) -> str:
    """The paper as Markdown (data/templates/response.md.j2)."""
    text: str = (
        _environment(False)
        .get_template("response.md.j2")
        .render(p=paper, o=office, w=wording(paper, office))
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html(paper: ResponsePaper, office: Office) -> str:
    """The paper as one HTML page that prints on A4 (data/templates/response.html.j2)."""
    page: str = (
        _environment(True)
        .get_template("response.html.j2")
        .render(p=paper, o=office, w=wording(paper, office))
    )
    return page


# --- Word --------------------------------------------------------------------------------------


def docx(paper: ResponsePaper, office: Office) -> bytes:
    """The paper as Word: real headings, a recommendations table whose header row repeats on
    every page and whose columns keep their widths, page numbers, and British English."""
    from docx import Document
    from docx.shared import Mm

    w = wording(paper, office)
    doc = Document()
    _british(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    word.page_footer(doc.sections[0], f"s55 response: {paper.title}")
    props = doc.core_properties
    props.title, props.author, props.language = w.heading, office.office_name, "en-GB"
    props.subject = f"Response under {BASIS}"
    doc.add_heading(w.heading, level=0)
    doc.add_paragraph(office.office_name)
    if w.banner:
        doc.add_paragraph().add_run(w.banner).bold = True
    facts = [
        ("Report", paper.title),
        ("Kind", paper.kind),
        ("Published by HMICFRS", day(paper.published_on)),
        *([("Report link", paper.link)] if paper.link else []),
        ("Response due by", day(paper.last_day)),
    ]
    _facts(doc, facts)
    doc.add_heading("Statutory basis", level=1)
    doc.add_paragraph(w.basis)
    doc.add_heading("The Police and Crime Commissioner's comments", level=1)
    for para in w.pcc_paragraphs:
        doc.add_paragraph(para)
    doc.add_heading("The Chief Constable's comments", level=1)
    doc.add_paragraph(w.cc_comments)
    doc.add_heading("Recommendations and the action taken", level=1)
    if paper.recommendations:
        _recommendations(doc, paper, w)
    else:
        doc.add_paragraph(w.no_recommendations)
    doc.add_heading("Publication and copies", level=1)
    for line in w.publication:
        doc.add_paragraph(line, style="List Bullet")
    if paper.missing:
        doc.add_paragraph(f"Still to do: {'; '.join(paper.missing)}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _british(doc: DocxDocument) -> None:
    """Mark the document's text as British English (the spelling checker follows it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    targets = [doc.styles["Normal"].element.get_or_add_rPr()]
    if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
        targets.append(rpr_default.find(qn("w:rPr")))
    for rpr in targets:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)


def _facts(doc: DocxDocument, facts: list[tuple[str, str]]) -> None:
    from docx.shared import Mm

    table = doc.add_table(rows=len(facts), cols=2)
    table.style = "Table Grid"
    _fixed(table, (50, 120))
    for row, (name, value) in zip(table.rows, facts, strict=True):
        row.cells[0].paragraphs[0].add_run(name).bold = True
        row.cells[1].text = value
        row.cells[0].width, row.cells[1].width = Mm(50), Mm(120)


def _recommendations(doc: DocxDocument, paper: ResponsePaper, w: Wording) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    table = doc.add_table(rows=1 + len(paper.recommendations), cols=len(COLUMNS))
    table.style = "Table Grid"
    _fixed(table, WIDTHS_MM)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, name in zip(header.cells, COLUMNS, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for row, rec in zip(table.rows[1:], paper.recommendations, strict=True):
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
        values = (rec.ref, rec.text, rec.concern or "None", rec.explanation)
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
        if not rec.explanation:
            row.cells[3].paragraphs[0].add_run(w.no_explanation).italic = True
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)


def _fixed(table: Table, widths_mm: tuple[int, ...]) -> None:
    """Fixed column widths that Word and LibreOffice both keep (grid and layout)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
