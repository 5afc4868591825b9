"""`[statement] report_on`: the statement's sections and summary table list the office's six
threats ("office") or SPR 2023's seven ("spr"), each reported by the office threat covering it;
the judgement is the office's either way. Built through the CLI and read back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from assure.models import Statement
from assure.render import statement as render
from assure.services.evidence.spr import Covered
from assure.services.statement.model import ThreatSection
from assure.services.statement.reporting import as_spr
from tests.conftest import TODAY, run_cli
from tests.statement import test_statement_law as law

YEAR = "2025-26"
SIX = [
    "Terrorism", "Serious and organised crime", "A national cyber incident",
    "Child sexual abuse", "Public order and civil emergencies",
    "Violence against women and girls",
]  # fmt: skip
SEVEN = [
    "Violence against women and girls", "Terrorism", "Serious and organised crime",
    "National cyber event", "Child sexual abuse", "Public disorder", "Civil emergencies",
]  # fmt: skip


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def build(path: Path, out: Path, report_on: str | None) -> dict[str, str]:
    """Build the year with `report_on` in the configuration file (None: no such key)."""
    config = out.parent / f"{out.name}.toml"
    config.write_text(f'[statement]\nreport_on = "{report_on}"\n' if report_on else "")
    return law.build(path, out, env={"ASSURE_CONFIG": str(config)})


def sections(md: str) -> list[str]:
    """The per-threat sections' headings: between the introduction and the governance."""
    body = md.split("\n## Introduction\n")[1].split("\n## Governance")[0]
    return re.findall(r"^## (.+)$", body, re.M)


def summary_rows(md: str) -> dict[str, list[str]]:
    """The summary table's rows: threat -> [this year's level, last year's]."""
    table = md.split("\n## Summary\n")[1].split("\n## Contents\n")[0]
    rows = [line.strip("|").split("|") for line in table.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[2:]}


def section(md: str, name: str) -> str:
    return md.split(f"\n## {name}\n")[1].split("\n## ")[0].strip()


def conclusion(md: str) -> str:
    return md.split("## Conclusion")[1].split("## Appendix")[0]


def test_the_statement_reports_on_the_offices_six_threats_by_default(
    demo: Path, tmp_path: Path
) -> None:
    for report_on in (None, "office"):
        md = build(demo, tmp_path / str(report_on), report_on)["md"]
        assert sections(md) == SIX
        assert list(summary_rows(md)) == SIX
        assert "Assessed together" not in md
        assert "reports on the six threats as my office tracks them" in md


def test_on_the_spr_every_format_lists_its_seven_threats(demo: Path, tmp_path: Path) -> None:
    files = build(demo, tmp_path / "spr", "spr")
    md = files["md"]
    assert sections(md) == SEVEN
    assert list(summary_rows(md)) == SEVEN
    assert "reports on each of the seven threats of the Strategic Policing Requirement" in md
    for kind in ("html", "docx"):
        for name in SEVEN:
            assert f"\n{name}\n" in files[kind], (kind, name)
        assert "Public order and civil emergencies\n" not in files[kind], kind


def test_the_grouped_pair_is_assessed_together_at_the_offices_level(
    demo: Path, tmp_path: Path
) -> None:
    office = build(demo, tmp_path / "office", "office")["md"]
    spr = build(demo, tmp_path / "spr", "spr")["md"]
    grouped = summary_rows(office)["Public order and civil emergencies"]
    rows = summary_rows(spr)
    assert rows["Public disorder"] == rows["Civil emergencies"] == grouped
    assert rows["Terrorism"] == summary_rows(office)["Terrorism"]
    assert (
        "I assess public disorder and civil emergencies together, as my office's threat "
        "public order and civil emergencies, so they show the same levels." in spr
    )
    own = section(office, "Public order and civil emergencies")
    for name, other in (("Public disorder", "civil emergencies"),
                        ("Civil emergencies", "public disorder")):  # fmt: skip
        text = section(spr, name)
        said = " ".join(text.split("\n\n")[0].split())
        assert said == (
            f"**Assessed together.** I assess {name[0].lower() + name[1:]} together with "
            f"{other}, as my office's threat public order and civil emergencies. The levels, "
            "evidence and records below are that threat's, the same as those reported under "
            f"{other}."
        )
        assert text.split("\n\n", 1)[1] == own  # the office threat's record, level for level
    assert "**Assessed together.**" not in section(spr, "Terrorism")


def test_the_judgement_is_the_same_whichever_threats_are_listed(demo: Path, tmp_path: Path) -> None:
    office = build(demo, tmp_path / "office", "office")["md"]
    spr = build(demo, tmp_path / "spr", "spr")["md"]
    assert conclusion(spr) == conclusion(office)
    assert "public order and civil emergencies" in conclusion(spr)
    assert spr.split("## Appendix")[1] == office.split("## Appendix")[1]


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        (
            '[statement]\nreport_on = "seven"\n',
            "statement.report_on: 'seven' is not one of office, spr",
        ),
        ("[statement]\nreport_on = 7\n", "statement.report_on: 7 is not text"),
        ("statement = 7\n", "statement: must be a table"),
    ],
)
def test_a_bad_report_on_is_one_line_and_nothing_is_written(
    demo: Path, tmp_path: Path, toml: str, said: str
) -> None:
    config = tmp_path / "assure.toml"
    config.write_text(toml)
    out = tmp_path / "out"
    result = run_cli(
        "statement", "build", YEAR, "--db", str(demo), "--today", TODAY.isoformat(),
        "--out", str(out), env={"ASSURE_CONFIG": str(config)},
    )  # fmt: skip
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and said in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())
    from assure.core import db

    with Session(db.make_engine(str(demo))) as s:
        assert not s.exec(select(Statement).where(Statement.year == 2025)).all()


def _section(code: str, name: str) -> ThreatSection:
    return ThreatSection(
        code, name, "", [], [], "Limited", None, [], 0, 0, [], 0, 0, [], []
    )  # fmt: skip


def test_an_spr_threat_no_office_threat_covers_has_no_record_and_an_extra_one_follows() -> None:
    tracked = [_section("a", "A"), _section("local", "Local threat")]
    spr = [Covered("a", "A of the SPR", ("a",)), Covered("b", "B", ())]
    reported = as_spr(tracked, spr)
    listed = [(r.name, r.section and r.section.code, r.additional) for r in reported]
    assert listed == [
        ("A of the SPR", "a", False),
        ("B", None, False),
        ("Local threat", "local", True),
    ]


def test_an_spr_threat_tracked_as_several_is_reported_once_for_each() -> None:
    """A split: the office tracks the SPR's B as its own B and a local C; both records show."""
    tracked = [_section("a", "A"), _section("b", "B"), _section("c", "C")]
    spr = [Covered("a", "A", ("a",)), Covered("b", "B", ("b", "c"))]
    reported = as_spr(tracked, spr)
    listed = [(r.name, r.section and r.section.code, r.part_of, r.parts) for r in reported]
    assert listed == [
        ("A", "a", "", ()),
        ("B", "b", "B", ("B", "C")),
        ("B: C", "c", "B", ("B", "C")),
    ]
    assert not any(r.additional or r.grouping for r in reported)


def test_each_part_of_a_split_threat_has_its_own_section_saying_so(demo: Path) -> None:
    from dataclasses import replace

    from assure.core.clock import FinancialYear
    from assure.core.config import Settings
    from assure.core.db import Store
    from assure.services.statement import gather

    store = Store(str(demo))
    with store.reading() as session:
        data = gather.gather(session, FinancialYear.parse(YEAR), Settings(report_on="spr"), TODAY)
    store.dispose()
    soc, cyber = (next(s for s in data.threats if s.name == n) for n in SIX[1:3])
    split = [Covered("soc", "Serious and organised crime", (soc.code, cyber.code))]
    md = render.markdown(replace(data, reported=as_spr(data.threats, split)))
    assert sections(md) == [
        "Serious and organised crime",
        "Serious and organised crime: A national cyber incident",
        *(n for n in SIX if n not in SIX[1:3]),  # the others follow, covering none of this SPR's
    ]
    part = section(md, "Serious and organised crime: A national cyber incident")
    assert part.startswith(
        "**Tracked in parts.** My office tracks serious and organised crime as two threats: "
        "serious and organised crime and a national cyber incident. The levels, evidence and "
        "records below are those of a national cyber incident"
    )
    assert f"**Overall assurance: {cyber.overall.capitalize()}.**" in part
    assert "each of those is reported in its own section" in md
