"""`assure response build`: the s55 response paper, written from the records and read back.

Through the real entry point; the Word file is opened with python-docx (and converted by
LibreOffice when it is installed), the HTML parsed, the Markdown read as a table.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from assure.core.actor import Actor
from assure.render import response as render
from assure.services import people
from assure.services.inspections import response
from tests.conftest import OFFICER, run_cli
from tests.inspections.conftest import COMMENTS, TITLE, Register, publish

NO = render.NO_EXPLANATION


def build(register: Register, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("response", "build", *args, "--db", str(register.path), "--today", "2026-05-01")


def expected_rows(register: Register) -> list[list[str]]:
    return [
        [ref, text, concern or "None", explanation or NO]
        for ref, text, concern, explanation in register.recommendations
    ]


def test_the_word_paper_holds_the_records_and_repeats_its_header_row(
    register: Register, tmp_path: Path
) -> None:
    out = tmp_path / "paper.docx"
    result = build(register, "anyshire revisit", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    doc = Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Ref")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == list(render.COLUMNS)
    assert rows[1:] == expected_rows(register)  # the AFI is not a recommendation
    headers = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
               for row in table.rows]  # fmt: skip
    assert headers == [True] + [False] * len(register.recommendations)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert TITLE in doc.paragraphs[0].text and "Police Act 1996" in text
    assert "published on 2 March 2026" in text and "26 April 2026" in text  # GOV.UK dates
    assert "received on 30 March 2026" in text
    assert "I welcome this report & its findings on <mobilisation>." in text
    assert "DRAFT: not yet published" in text
    assert "Copies to HMICFRS and the Home Secretary: not yet sent." in text
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    langs = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"en-GB"}


def test_the_word_paper_opens_in_libreoffice(register: Register, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) must be installed in CI to check the Word paper")
        pytest.skip("LibreOffice (soffice) is not installed here")
    out = tmp_path / "paper.docx"
    assert build(register, str(register.report_id), "--out", str(out)).returncode == 0
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "paper.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


class _Rows(HTMLParser):
    """The recommendations table's header and body rows, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.head: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "recommendations") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_the_html_paper_holds_the_records(register: Register, tmp_path: Path) -> None:
    result = build(register, "revisit", "--format", "html", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    (page,) = tmp_path.glob("s55-response-*.html")
    text = page.read_text()
    parser = _Rows()
    parser.feed(text)
    assert parser.rows[0] == list(render.COLUMNS)
    assert parser.rows[1:] == expected_rows(register)
    assert '<html lang="en-GB">' in text and "<thead>" in text
    assert "&amp; its findings on &lt;mobilisation&gt;" in text  # escaped, never markup


def test_all_formats_go_to_one_folder_and_the_markdown_table_reads_back(
    register: Register, tmp_path: Path
) -> None:
    folder = tmp_path / "papers"
    result = build(register, str(register.report_id), "--format", "all", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in folder.iterdir()) == [".docx", ".html", ".md"]
    assert "s55 still to do: explain the action on 1 recommendation; publish" in result.stdout
    (md,) = folder.glob("*.md")
    lines = md.read_text().splitlines()
    start = lines.index("| " + " | ".join(render.COLUMNS) + " |")
    table = [line for line in lines[start + 2 :] if line.startswith("| ")]
    cells = [[c.strip().replace("\\", "") for c in line[2:-2].split(" | ")] for line in table]
    assert cells == expected_rows(register)
    assert "Train \\| test" in md.read_text()  # a bar in the text does not split the cell


def test_all_formats_need_a_folder_not_a_file_name(register: Register, tmp_path: Path) -> None:
    result = build(register, "revisit", "--format", "all", "--out", str(tmp_path / "p.docx"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "folder" in result.stderr and not (tmp_path / "p.docx").exists()


def test_a_published_paper_says_when_and_has_no_draft_banner(
    register: Register, tmp_path: Path
) -> None:
    publish(register, copies_sent_on="22/4/2026")
    out = tmp_path / "paper.docx"
    assert build(register, "revisit", "--out", str(out)).returncode == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "DRAFT" not in text
    assert "Response published on 20 April 2026 (on time)." in text
    assert "Copies sent to HMICFRS and the Home Secretary on 22 April 2026." in text
    assert "Still to do: explain the action on 1 recommendation." in text


def test_an_ambiguous_or_unknown_report_is_one_line_and_writes_nothing(
    register: Register, tmp_path: Path
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    ambiguous = build(register, "public disorder", "--out", str(folder))
    assert ambiguous.returncode == 2
    assert ambiguous.stderr.count("\n") == 1
    assert TITLE in ambiguous.stderr and "Police response to public disorder: national" in (
        ambiguous.stderr
    )
    unknown = build(register, "no such report", "--out", str(folder))
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_a_viewer_may_build_the_paper(register: Register, tmp_path: Path) -> None:
    with register.store.writing() as s:
        people.add_person(s, OFFICER, "Dana Officer", login="someone-else")  # logins now mapped
    viewer = Actor("Visitor", "viewer")
    assert response.paper(register.store, viewer, "revisit").title == TITLE
    result = build(register, "revisit", "--out", str(tmp_path / "v.docx"))
    assert result.returncode == 0, result.stderr


def test_a_paper_that_cannot_be_written_is_one_line_and_leaves_nothing(
    register: Register, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    result = build(register, "revisit", "--out", str(in_the_way / "paper.docx"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert in_the_way.read_text() == "not a folder"
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith(("a-file", "assure.db"))]


def test_the_pcc_comments_are_kept_when_a_form_leaves_them_out(register: Register) -> None:
    from assure.services.inspections import usecases as inspections

    view = inspections.response(register.store, OFFICER, register.report_id)
    assert view.pcc_comments == COMMENTS
    inspections.record_steps(
        register.store, OFFICER, register.report_id, version=view.version,
        comments_invited_on="3/3/2026",
    )  # fmt: skip
    assert inspections.response(register.store, OFFICER, register.report_id).pcc_comments == (
        COMMENTS
    )
    paper = response.paper(register.store, OFFICER, "revisit")
    doc = Document(io.BytesIO(render.docx(paper, render.Office("the PCC", "OPCC Anyshire"))))
    assert sum(p.text.startswith("I will hold the Chief Constable") for p in doc.paragraphs) == 1
