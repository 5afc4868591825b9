"""The statement's files look right where they are opened: Word's XML lays tables out the same in
every client, LibreOffice breaks no word in a table, a browser prints the banner on every page
without covering text, and axe-core finds no accessibility violation in the HTML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from assure.render import word
from assure.render.statement_word import TEXT_WIDTH
from assure.render.word import column_widths
from tests.conftest import TODAY, run_cli

YEAR = "2025-26"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tool(name: str) -> str:
    """The path of a tool the test needs: skipped with a reason where it is missing, except in
    CI, which installs it (a missing tool there is a failure, not a skip)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed in CI")
        pytest.skip(f"{name} is not installed here")
    return found


def axe_script() -> Path:
    configured = os.environ.get("ASSURE_AXE_JS")
    candidates = [Path(configured)] if configured else []
    if shutil.which("npm"):
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True).stdout
        candidates.append(Path(root.strip()) / "axe-core" / "axe.min.js")
    for path in candidates:
        if path.is_file():
            return path
    if os.environ.get("CI"):
        pytest.fail("axe-core is not installed in CI (npm install -g axe-core)")
    pytest.skip("axe-core is not installed here (npm install -g axe-core)")


@pytest.fixture(scope="module")
def files(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's draft statement in every format (built once: these tests only read it)."""
    work = tmp_path_factory.mktemp("documents")
    path = work / "demo.db"
    shutil.copy(demo_db, path)
    result = run_cli(
        "statement", "build", YEAR, "--db", str(path), "--today", TODAY.isoformat(),
        "--out", str(work),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return work / f"spr-statement-{YEAR}-draft"


def test_columns_fit_their_longest_word_and_share_the_rest_by_text() -> None:
    rows = [["Ref", "Title"], ["E13", "A long title " * 8], ["E9", "Short"]]
    narrow, wide = column_widths(rows, TEXT_WIDTH)
    assert narrow + wide == TEXT_WIDTH
    assert narrow >= word.PADDING + word.WIDEST * 4  # "E13" plus slack
    assert wide > 3 * narrow
    squeezed = column_widths([["x" * 80, "y" * 80]], total=10_000)
    assert sum(squeezed) <= 10_000 and squeezed[0] == squeezed[1]
    short = column_widths([["a", "bb", "ccc"]], total=9_000)
    assert sum(short) <= 9_000 and short[0] < short[2]


def test_word_tables_have_widths_repeating_headers_and_rows_that_never_split(files: Path) -> None:
    doc = Document(str(files.with_suffix(".docx")))
    tables = list(doc.element.body.iter(f"{W}tbl"))
    assert len(tables) >= 8
    for table in tables:
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
        assert all(width > 0 for width in grid) and sum(grid) <= TEXT_WIDTH
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        for row in rows:
            widths = [int(w.get(f"{W}w")) for w in row.iter(f"{W}tcW")]
            assert widths == grid


def test_word_has_page_numbers_british_english_and_no_contents_field(files: Path) -> None:
    data = files.with_suffix(".docx").read_bytes()
    doc = Document(str(files.with_suffix(".docx")))
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    body = doc.element.body.xml
    assert "TOC" not in body and "F9" not in body and "Update the table" not in body
    with zipfile.ZipFile(files.with_suffix(".docx")) as package:
        styles = package.read("word/styles.xml").decode()
        settings = package.read("word/settings.xml").decode()
    assert 'w:val="en-GB"' in styles and "en-US" not in styles
    assert "en-US" not in settings
    assert doc.core_properties.language == "en-GB"
    assert data  # the file was read whole


def test_libreoffice_breaks_no_word_in_a_table(files: Path, tmp_path: Path) -> None:
    soffice = tool("soffice")
    pdftotext = tool("pdftotext")
    docx = files.with_suffix(".docx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / docx.with_suffix(".pdf").name
    printed = subprocess.run(
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    tokens = set(printed.split())
    doc = Document(str(docx))
    words = {
        word.strip("()[],.;:")
        for table in doc.tables
        for row in table.rows
        for cell in row.cells
        for word in cell.text.split()
        if "-" not in word  # a hyphenated reference may wrap at its hyphen
    }
    broken = sorted(w for w in words if w and not any(w in token for token in tokens))
    assert not broken, broken[:10]


def test_the_printed_html_has_the_banner_on_every_page_and_covers_no_text(
    files: Path, tmp_path: Path
) -> None:
    chromium = tool("chromium") if shutil.which("chromium") else tool("google-chrome")
    pdftotext = tool("pdftotext")
    pdf = tmp_path / "printed.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", files.with_suffix(".html").as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    bbox = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    import xml.etree.ElementTree as ET

    pages = ET.fromstring(bbox.replace("<!DOCTYPE", "<!-- ").replace('dtd">', "-->"))
    ns = "{http://www.w3.org/1999/xhtml}"
    found = list(pages.iter(f"{ns}page"))
    assert len(found) >= 3
    for number, page in enumerate(found, start=1):
        placed = sorted(
            (float(w.get("yMin", 0)), float(w.get("xMin", 0)), float(w.get("yMax", 0)), w.text)
            for w in page.iter(f"{ns}word")
        )
        words = [(y, y_max, text or "") for y, _, y_max, text in placed]
        top = [text for y, _, text in words if y == words[0][0]]
        assert " ".join(top) == "DRAFT: not approved", (number, top)
        banner_bottom = max(y_max for y, y_max, _ in words if y == words[0][0])
        rest = [w for w in words if w[0] != words[0][0]]
        assert all(y >= banner_bottom for y, _, _ in rest), number  # nothing under the banner
        assert any(text == "Page" for _, _, text in rest), number  # its page number


def test_the_html_banner_is_in_a_landmark_and_axe_finds_no_violation(
    files: Path, tmp_path: Path
) -> None:
    html = files.with_suffix(".html").read_text()
    assert '<header>\n<p class="banner draft">DRAFT: not approved</p>\n</header>' in html
    chromium = tool("chromium") if shutil.which("chromium") else tool("google-chrome")
    axe = axe_script()
    probe = tmp_path / "probe.html"
    runner = (
        f"<script>{axe.read_text()}</script><script>"
        "axe.run(document).then(r => { const p = document.createElement('pre');"
        " p.id = 'axe-result'; p.textContent = JSON.stringify(r.violations.map("
        "v => ({id: v.id, nodes: v.nodes.length})));"
        " document.documentElement.appendChild(p); });</script>"
    )
    probe.write_text(html.replace("</body>", runner + "</body>"))
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=20000",
         "--dump-dom", probe.as_uri()],
        check=True, capture_output=True, text=True, timeout=180,
    ).stdout  # fmt: skip
    assert 'id="axe-result"' in dom, "axe-core did not run"
    result = dom.split('id="axe-result">', 1)[1].split("</pre>", 1)[0]
    violations = json.loads(result.replace("&quot;", '"').replace("&amp;", "&"))
    assert violations == []


def test_css_strings_escape_what_would_end_them_or_the_style_element() -> None:
    from assure.render.statement import css_string

    assert css_string('Alex "Al" O\'Brien & <b>') == (
        '"Alex \\22 Al\\22  O\'Brien \\26  \\3C b\\3E "'
    )
    assert css_string("a\\b </style>") == '"a\\5C b \\3C /style\\3E "'
    assert css_string("two\nlines") == '"two lines"'
