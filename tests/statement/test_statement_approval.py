"""Approval that means it: approved files carry the signature filled in, the same statement always
makes the same bytes, and `statement verify` fails on any change anywhere in a file."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from assure.render import statement as render
from tests.conftest import run_cli

YEAR = "2025-26"


def cli(db: Path, *args: str, today: str = "2026-06-01") -> tuple[int, str]:
    result = run_cli(*args, "--db", str(db), "--today", today)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def approved(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo's 2025-26 statement approved by its Commissioner, and its approved files."""
    work = tmp_path_factory.mktemp("approved")
    db = work / "demo.db"
    shutil.copy(demo_db, db)
    assert cli(db, "statement", "build", YEAR, "--out", str(work / "draft"))[0] == 0
    code, said = cli(db, "statement", "approve", YEAR, "--by", "Alex Morgan")
    assert code == 0, said
    assert cli(db, "statement", "build", YEAR, "--out", str(work / "files"))[0] == 0
    return db, work / "files" / f"spr-statement-{YEAR}"


def verify(db: Path, path: Path) -> tuple[int, str]:
    return cli(db, "statement", "verify", str(path))


def test_approved_files_carry_the_signature_filled_in(approved: tuple[Path, Path]) -> None:
    _, stem = approved
    md = stem.with_suffix(".md").read_text()
    html = render.text_of_html(stem.with_suffix(".html").read_text())[1]
    docx = render.text_of_docx(stem.with_suffix(".docx").read_bytes())[1]
    for kind, text in (("md", md), ("html", html), ("docx", docx)):
        flat = " ".join(text.replace("**", "").split())
        assert "Signed: Alex Morgan" in flat, kind
        assert "Date: 1 June 2026" in flat, kind
        assert "____" not in text, kind
    draft = (stem.parent.parent / "draft" / f"spr-statement-{YEAR}-draft.md").read_text()
    assert "**Signed:** ____" in draft  # a draft is not signed


def test_every_approved_file_verifies_and_says_what_it_matched(
    approved: tuple[Path, Path],
) -> None:
    db, stem = approved
    for kind in ("md", "html", "docx"):
        code, said = verify(db, stem.with_suffix(f".{kind}"))
        assert code == 0 and f"is the approved file of the {YEAR} statement" in said, said
        draft = stem.parent.parent / "draft" / f"spr-statement-{YEAR}-draft.{kind}"
        code, said = verify(db, draft)
        assert code == 0 and "is the draft file" in said and "now approved" in said, said


def test_the_same_statement_makes_the_same_bytes(approved: tuple[Path, Path]) -> None:
    db, stem = approved
    again = stem.parent.parent / "again"
    assert cli(db, "statement", "build", YEAR, "--out", str(again), today="2026-07-09")[0] == 0
    for kind in ("md", "html", "docx"):
        rebuilt = (again / stem.name).with_suffix(f".{kind}").read_bytes()
        assert rebuilt == stem.with_suffix(f".{kind}").read_bytes(), kind


def _one_char(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1 and len(old) == len(new)
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Approved by Alex Morgan", "Approved by Alex Morgen"),  # the banner
        ("Signed:** Alex", "Signed:** Alec"),  # the signature
        ("Terrorism", "Terrorisn"),  # the body
    ],
)
def test_one_character_changed_in_markdown_fails(
    approved: tuple[Path, Path], tmp_path: Path, old: str, new: str
) -> None:
    db, stem = approved
    changed = tmp_path / "changed.md"
    changed.write_text(_one_char(stem.with_suffix(".md").read_text(), old, new))
    code, said = verify(db, changed)
    assert code == 1 and "NO MATCH" in said


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Approved by Alex Morgan", "Approved by Alex Morgen"),  # the banner
        ("font-weight: bold", "font-weight: bolD"),  # the styling
        ("<h2>Terrorism</h2>", "<h2 hidden>Terrorism</h2>"),  # hidden text
    ],
)
def test_one_character_changed_in_html_fails(
    approved: tuple[Path, Path], tmp_path: Path, old: str, new: str
) -> None:
    db, stem = approved
    text = stem.with_suffix(".html").read_text()
    changed = tmp_path / "changed.html"
    assert old in text
    changed.write_text(text.replace(old, new, 1))
    code, said = verify(db, changed)
    assert code == 1 and "NO MATCH" in said


def _repack(data: bytes, member: str, change: tuple[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                text = content.decode()
                assert change[0] in text
                content = text.replace(change[0], change[1], 1).encode()
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("member", "change"),
    [
        ("word/header1.xml", ("Alex Morgan", "Alex Morgen")),  # the banner
        ("word/styles.xml", ('w:val="en-GB"', 'w:val="en-GX"')),  # the styling
        ("word/document.xml", ("<w:b/>", "<w:i/>")),  # the body's formatting
    ],
)
def test_one_change_in_word_fails(
    approved: tuple[Path, Path], tmp_path: Path, member: str, change: tuple[str, str]
) -> None:
    db, stem = approved
    changed = tmp_path / "changed.docx"
    changed.write_bytes(_repack(stem.with_suffix(".docx").read_bytes(), member, change))
    code, said = verify(db, changed)
    assert code == 1 and "NO MATCH" in said


def test_approval_records_each_files_hash_and_an_approved_file_outlives_a_new_renderer(
    approved: tuple[Path, Path],
) -> None:
    import hashlib
    import json

    from sqlmodel import Session, select

    from assure.core import db as dbs
    from assure.core.db import Store
    from assure.models import Statement
    from assure.services.statement import usecases
    from tests.conftest import OFFICER

    db, stem = approved
    with Session(dbs.make_engine(str(db))) as s:
        row = s.exec(select(Statement).where(Statement.status == "approved")).one()
        recorded = {e["file"]: e["sha256"] for e in json.loads(row.manifest) if "file" in e}
        assert any("id" in e for e in json.loads(row.manifest))  # the evidence is still there
    for kind in ("md", "html", "docx"):
        data = stem.with_suffix(f".{kind}").read_bytes()
        assert recorded[kind] == hashlib.sha256(data).hexdigest(), kind

    def changed_renderer(_: usecases.StoredStatement, status: str) -> bytes:
        return f"a later release renders {status} differently".encode()

    store = Store(str(db))
    docx = stem.with_suffix(".docx").read_bytes()
    sha = render.recorded_hash(docx, "docx")
    verdict = usecases.verify_file(store, OFFICER, sha, docx, changed_renderer, "docx")
    assert verdict.ok and verdict.filed_as == "approved"
    draft = (stem.parent.parent / "draft" / f"spr-statement-{YEAR}-draft.docx").read_bytes()
    assert not usecases.verify_file(store, OFFICER, sha, draft, changed_renderer, "docx").ok
    tampered = docx.replace(b"PK", b"PK", 1) + b" "
    assert not usecases.verify_file(store, OFFICER, sha, tampered, changed_renderer, "docx").ok
