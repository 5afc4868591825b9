"""The SPR statement: build through the CLI, then open the files it wrote and check them."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from assure.core import db
from assure.core.clock import FinancialYear
from assure.models import Evidence, Statement
from assure.render import mdsubset
from assure.render import statement as render
from assure.services.evidence import records as evidence
from assure.services.evidence import spr
from tests.conftest import OFFICER, TODAY, run_cli

YEAR = "2025-26"
AWKWARD = "<script>alert(1)</script> **not bold** & a | pipe _x_ #7 \\ back"


def build(path: Path, out: Path, *extra: str, year: str = YEAR) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "statement", "build", year, "--db", str(path), "--today", TODAY.isoformat(),
        "--out", str(out), *extra,
    )  # fmt: skip


@pytest.fixture(scope="module")
def built(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The demo's 2025-26 statement in all three formats (built once for the read-only tests)."""
    work = tmp_path_factory.mktemp("statement")
    path = work / "demo.db"
    shutil.copy(demo_db, path)
    result = build(path, work / "out")
    assert result.returncode == 0, result.stderr
    return path, work / "out", result.stdout


def docx_text(path: Path) -> str:
    return render.text_of_docx(path.read_bytes())[1]


def html_text(path: Path) -> str:
    return render.text_of_html(path.read_text())[1]


def test_build_writes_three_readable_files_with_every_threat(built: tuple[Path, Path, str]) -> None:
    path, out, _ = built
    files = sorted(p.name for p in out.iterdir())
    assert files == [f"spr-statement-{YEAR}-draft.{ext}" for ext in ("docx", "html", "md")]
    assert all((out / f).stat().st_mode & 0o077 == 0 for f in files)
    eng = db.make_engine(str(path))
    with Session(eng) as s:
        edition, _ = spr.edition_for_year(s, FinancialYear.parse(YEAR))
        names = [t.name for t in spr.threats_of(s, edition)]
    assert len(names) == 6
    doc = Document(str(out / f"spr-statement-{YEAR}-draft.docx"))
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert all(name in headings for name in names)
    assert len(doc.tables) >= len(names)  # a table per threat, plus governance and appendix
    assert doc.tables[0].rows[0].cells[0].text == "Threat"  # the summary's
    assert doc.tables[1].rows[0].cells[0].text == "Dimension"
    assert doc.sections[0].header.paragraphs[0].text == "DRAFT: not approved"
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert "TOC" not in doc.element.body.xml and "F9" not in doc.element.body.xml
    html = (out / f"spr-statement-{YEAR}-draft.html").read_text()
    assert all(f"<h2>{name}</h2>" in html for name in names)
    assert "@page" in html and "DRAFT" in html
    md = (out / f"spr-statement-{YEAR}-draft.md").read_text()
    assert md.startswith("> **DRAFT")


def test_each_threat_is_assured_on_cited_evidence_or_its_gap_is_named(
    built: tuple[Path, Path, str],
) -> None:
    _, out, stdout = built
    md = (out / f"spr-statement-{YEAR}-draft.md").read_text()
    sections = md.split("\n## ")[1:]
    threat_sections = [s for s in sections if "**Overall assurance" in s]
    assert len(threat_sections) == 6
    for section in threat_sections:
        cited = "[E" in section.split("**Board actions")[0]
        assert cited or "**Gaps.**" in section, section[:80]
    assert "A national cyber incident: no evidence recorded in 2025-26" in stdout
    assert "consistency not assessed" in stdout
    gaps = md.split("## Gaps in the evidence")[1].split("## Conclusion")[0]
    assert "A national cyber incident" in gaps


def test_every_citation_is_in_the_appendix_and_the_manifest(built: tuple[Path, Path, str]) -> None:
    path, out, _ = built
    md = (out / f"spr-statement-{YEAR}-draft.md").read_text()
    body, appendix = md.split("## Appendix: evidence cited")
    import re

    cited = {int(n) for n in re.findall(r"\[E(\d+)\]", body)}
    listed = {int(n) for n in re.findall(r"^\| E(\d+) \|", appendix, re.M)}
    assert cited and cited == listed
    eng = db.make_engine(str(path))
    with Session(eng) as s:
        row = s.exec(select(Statement).order_by(Statement.id.desc())).first()  # type: ignore[union-attr]
        assert row is not None and row.status == "draft"
        manifest = json.loads(row.manifest)
        assert {m["id"] for m in manifest} == listed
        assert row.sha256 == render_hash(row.content)
        for entry in manifest:
            item = s.get(Evidence, entry["id"])
            assert item is not None
            threats = [spr_code(s, t) for t in evidence.threat_ids_of(s, entry["id"])]
            dims = [dim_code(s, d) for d in evidence.dimension_ids_of(s, entry["id"])]
            assert entry["sha256"] == evidence.content_hash(item, threats, dims)


def render_hash(text: str) -> str:
    from assure.services.statement.store import sha256_text

    return sha256_text(text)


def spr_code(s: Session, threat_id: int) -> str:
    from assure.models import Threat

    threat = s.get(Threat, threat_id)
    assert threat is not None
    return threat.code


def dim_code(s: Session, dimension_id: int) -> str:
    from assure.models import Dimension

    dim = s.get(Dimension, dimension_id)
    assert dim is not None
    return dim.code


def _threat(s: Session, code: str) -> int:
    edition = spr.edition_in_force(s, TODAY)
    found = spr.threat_by_code(s, edition, code).id
    assert found is not None
    return found


def _evidence(engine: Engine, title: str, on: date, code: str = "terrorism") -> None:
    with Session(engine) as s:
        dim = spr.dimension_by_code(s, "capability").id
        assert dim is not None
        evidence.add_evidence(
            s, OFFICER, title=title, occurred_on=on, threat_ids=[_threat(s, code)],
            dimension_ids=[dim], source="Board paper 7 & annex",
        )  # fmt: skip
        s.commit()


def test_year_boundaries_31_march_in_1_april_out(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    _evidence(engine, "Last day of the year", date(2026, 3, 31))
    _evidence(engine, "First day of the next", date(2026, 4, 1))
    _evidence(engine, "First day of this one", date(2025, 4, 1))
    assert build(db_path, tmp_path / "a", "--format", "md").returncode == 0
    md = (tmp_path / "a" / f"spr-statement-{YEAR}-draft.md").read_text()
    assert "Last day of the year" in md and "First day of this one" in md
    assert "First day of the next" not in md
    result = build(db_path, tmp_path / "b", "--format", "md", year="2026-27")
    md = (tmp_path / "b" / "spr-statement-2026-27-draft.md").read_text()
    assert result.returncode == 0 and "First day of the next" in md
    assert "Last day of the year" not in md


def test_text_renders_as_text_in_every_format(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    _evidence(engine, AWKWARD, date(2025, 6, 1))
    assert build(db_path, tmp_path).returncode == 0
    stem = tmp_path / f"spr-statement-{YEAR}-draft"
    html = stem.with_suffix(".html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>not bold</strong>" not in html
    assert AWKWARD in html_text(stem.with_suffix(".html"))
    assert AWKWARD in docx_text(stem.with_suffix(".docx"))
    md_text = render.content_of_markdown_file(stem.with_suffix(".md").read_text())[1]
    blocks = mdsubset.parse(md_text)
    assert any(AWKWARD in b.text for b in blocks) or any(
        AWKWARD in "".join(t for t, _ in cell) for b in blocks for row in b.rows for cell in row
    )


def test_approval_freezes_the_text_and_a_second_needs_supersede(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    _evidence(engine, "Regional CT assurance visit", date(2025, 9, 1))
    _commissioner(engine, "Alex Morgan")
    assert build(db_path, tmp_path / "draft").returncode == 0
    approve = ["statement", "approve", YEAR, "--db", str(db_path), "--today", "2026-06-01"]
    result = run_cli(*approve, "--by", "Alex Morgan")
    assert result.returncode == 0, result.stderr
    with Session(engine) as s:
        item = s.exec(select(Evidence)).one()
        evidence.edit_evidence(s, OFFICER, item, title="Renamed after approval")
        s.commit()
    frozen = build(db_path, tmp_path / "approved")
    assert frozen.returncode == 0
    md = (tmp_path / "approved" / f"spr-statement-{YEAR}.md").read_text()
    assert "Approved by Alex Morgan on 1 June 2026" in md
    assert "Regional CT assurance visit" in md and "Renamed after approval" not in md
    doc = Document(str(tmp_path / "approved" / f"spr-statement-{YEAR}.docx"))
    assert doc.sections[0].header.paragraphs[0].text == "Approved by Alex Morgan on 1 June 2026"
    assert (
        "Approved by Alex Morgan"
        in (tmp_path / "approved" / f"spr-statement-{YEAR}.html").read_text()
    )
    redraft = build(db_path, tmp_path / "redraft", "--draft", "--format", "md")
    assert (
        "Renamed after approval"
        in (tmp_path / "redraft" / f"spr-statement-{YEAR}-draft.md").read_text()
    )
    again = run_cli(*approve, "--by", "Alex Morgan")
    assert again.returncode == 2 and "--supersede" in again.stderr
    assert run_cli(*approve, "--by", "Alex Morgan", "--supersede").returncode == 0
    with Session(engine) as s:
        rows = s.exec(select(Statement).where(Statement.status != "draft")).all()
        assert sorted(r.status for r in rows) == ["approved", "superseded"]
        old = next(r for r in rows if r.status == "superseded")
        assert "Regional CT assurance visit" in old.content
    assert redraft.returncode == 0


def test_verify_exit_codes(built: tuple[Path, Path, str], tmp_path: Path) -> None:
    path, out, _ = built
    verify = ["statement", "verify", "--db", str(path)]
    for ext in ("md", "html", "docx"):
        original = out / f"spr-statement-{YEAR}-draft.{ext}"
        assert run_cli(*verify, str(original)).returncode == 0, ext
    assert run_cli(*verify, YEAR).returncode == 0
    md = tmp_path / "tampered.md"
    md.write_text(
        (out / f"spr-statement-{YEAR}-draft.md").read_text().replace("I have", "I had", 1)
    )
    assert run_cli(*verify, str(md)).returncode == 1
    html = tmp_path / "tampered.html"
    html.write_text(
        (out / f"spr-statement-{YEAR}-draft.html").read_text().replace("Terrorism", "Terror", 1)
    )
    assert run_cli(*verify, str(html)).returncode == 1
    doc = Document(str(out / f"spr-statement-{YEAR}-draft.docx"))
    doc.add_paragraph("An extra sentence nobody approved.")
    doc.save(str(tmp_path / "tampered.docx"))
    assert run_cli(*verify, str(tmp_path / "tampered.docx")).returncode == 1
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    bad = run_cli(*verify, str(junk))
    assert bad.returncode == 2 and "not a Word document" in bad.stderr
    assert run_cli(*verify, str(tmp_path / "missing.md")).returncode == 2
    assert run_cli(*verify, "2019-20").returncode == 2
    assert run_cli(*verify, "not-a-year").returncode == 2


def test_bad_year_is_refused_and_nothing_is_stored(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    result = build(db_path, tmp_path, year="2025-27")
    assert result.returncode == 2 and "year" in result.stderr
    with Session(engine) as s:
        assert s.exec(select(Statement)).all() == []
    assert not tmp_path.joinpath("spr-statement-2025-27-draft.md").exists()
    _commissioner(engine, "Alex Morgan")
    result = run_cli("statement", "approve", YEAR, "--db", str(db_path), "--by", "Alex Morgan")
    assert result.returncode == 2 and "no draft statement" in result.stderr


def test_a_file_that_cannot_be_written_stores_no_draft(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "exports"
    in_the_way.write_text("a file where the folder should be")
    result = build(db_path, in_the_way / "sub")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "a file is in the way of its folder" in result.stderr
    with Session(engine) as s:
        assert s.exec(select(Statement)).all() == []


def test_the_last_file_failing_removes_the_first_and_stores_no_draft(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / f"spr-statement-{YEAR}-draft.docx").mkdir(parents=True)  # Word's file cannot be made
    result = build(db_path, out)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "is a folder" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"spr-statement-{YEAR}-draft.docx"]
    with Session(engine) as s:
        assert s.exec(select(Statement)).all() == []
    (out / f"spr-statement-{YEAR}-draft.docx").rmdir()
    assert build(db_path, out).returncode == 0
    with Session(engine) as s:
        assert len(s.exec(select(Statement)).all()) == 1


def _commissioner(engine: Engine, name: str) -> None:
    """The Commissioner in the register: an officer records their approval by name."""
    from assure.services import people

    with Session(engine) as s:
        people.add_person(s, OFFICER, name, access="commissioner")
        s.commit()


def test_only_a_commissioner_in_the_register_approves(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    _evidence(engine, "Regional CT assurance visit", date(2025, 9, 1))
    assert build(db_path, tmp_path / "draft").returncode == 0
    approve = ["statement", "approve", YEAR, "--db", str(db_path), "--today", "2026-06-01"]
    refused = run_cli(*approve, "--by", "Mickey Mouse")
    assert refused.returncode == 2
    assert "Mickey Mouse is not a commissioner in the register" in refused.stderr
    with Session(engine) as s:
        assert s.exec(select(Statement).where(Statement.status == "approved")).all() == []
