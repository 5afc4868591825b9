"""The statement is true to the law and to the records: it names SPR 2023 and its seven threats,
cites the duties, states the judgement the levels and gaps support, and a follow-up only when an
open action names the gap. Files are built through the CLI and opened."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from assure.core import db
from assure.core.clock import FinancialYear
from assure.core.db import Store
from assure.models import Edition, Threat
from assure.render import statement as render
from assure.services.board import actions
from assure.services.evidence import spr
from assure.services.evidence import usecases as evidence
from assure.services.reference import load_reference
from tests.conftest import OFFICER, TODAY, run_cli

YEAR = "2025-26"
SEVEN = [
    "Violence against women and girls", "Terrorism", "Serious and organised crime",
    "National cyber event", "Child sexual abuse", "Public disorder", "Civil emergencies",
]  # fmt: skip
CODES = ["in-progress", "being-progressed", "awaiting-review", "no-action", "board-paper",
         "mutual-aid", "hmicfrs |", "regional |"]  # fmt: skip


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


def build(path: Path, out: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """Build the year in every format; return each file's readable text by extension."""
    result = run_cli(
        "statement", "build", YEAR, "--db", str(path), "--today", TODAY.isoformat(),
        "--out", str(out), env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stem = out / f"spr-statement-{YEAR}-draft"
    return {
        "md": stem.with_suffix(".md").read_text(),
        "html": render.text_of_html(stem.with_suffix(".html").read_text())[1],
        "docx": render.text_of_docx(stem.with_suffix(".docx").read_bytes())[1],
    }


def conclusion(md: str) -> str:
    return md.split("## Conclusion")[1].split("**Signed")[0]


def test_every_format_names_spr_2023_its_seven_threats_and_the_plans_grouping(
    demo: Path, tmp_path: Path
) -> None:
    for kind, text in build(demo, tmp_path).items():
        flat = " ".join(text.split())
        assert "Strategic Policing Requirement 2023, issued on 20 February 2023" in flat, kind
        assert "It names seven national threats" in flat, kind
        listed = re.findall(r"^(?:- )?(.+)$", text.split("national threats:")[1], re.M)
        assert listed[: len(SEVEN)] == SEVEN, kind
        assert "treats public disorder and civil emergencies as one threat" in flat, kind
        assert "reports on the six threats as my office tracks them" in flat, kind
        assert "(Police Reform and Social Responsibility Act 2011, sections 5 and 6)" in flat
        assert "section 1(8) of the 2011 Act and section 37A(2) of the Police Act 1996" in flat
        assert "Policing Protocol Order 2023" in flat
        assert "come from the 2012 and 2015 editions" in flat and "not the 2023 edition" in flat
        assert "edition in force at the end of the year, SPR threats" not in flat


def test_no_code_and_no_leading_zero_date_in_any_format(demo: Path, tmp_path: Path) -> None:
    for kind, text in build(demo, tmp_path).items():
        assert not [code for code in CODES if code in text], kind
        assert not re.findall(r"\b0\d [A-Z][a-z]+ 20\d\d", text), kind
    md = build(demo, tmp_path / "again")["md"]
    assert "(awaiting sign-off, due 27 January 2026" in md
    assert "| Mutual aid given or received |" in md


def _assess_all(path: Path, level: str, skip: tuple[str, str] | None = None) -> None:
    store = Store(str(path))
    year = FinancialYear.parse(YEAR)
    with Session(store.engine) as s:
        edition, _ = spr.edition_for_year(s, year)
        threats = [(t.id or 0, t.code) for t in spr.threats_of(s, edition)]
        dims = [d.code for d in spr.dimensions(s)]
    for tid, code in threats:
        for dim in dims:
            if (code, dim) == skip:
                continue
            evidence.record_assessment(
                store, OFFICER, TODAY, threat_id=tid, year=year, dimension_code=dim,
                level_code=level, rationale=f"Checked {code} {dim} at the scrutiny session",
            )  # fmt: skip


def _import_all(path: Path, level: str, tmp_path: Path) -> None:
    """Assess every threat of the year on every dimension at `level`, by `assure import`."""
    with Session(db.make_engine(str(path))) as s:
        edition, _ = spr.edition_for_year(s, FinancialYear.parse(YEAR))
        threats = [t.name for t in spr.threats_of(s, edition)]
        dims = [d.name for d in spr.dimensions(s)]
    rows = ["threat,year,dimension,level,rationale"] + [
        f'"{threat}",{YEAR},{dim},{level},Checked {dim} at the scrutiny session'
        for threat in threats
        for dim in dims
    ]
    sheet = tmp_path / "assessments.csv"
    sheet.write_text("\n".join(rows) + "\n")
    result = run_cli(
        "import", "assessments", str(sheet), "--db", str(path), "--today", TODAY.isoformat()
    )
    assert result.returncode == 0, result.stderr


def test_no_assurance_everywhere_is_not_assured_and_names_the_threats_and_level(
    demo: Path, tmp_path: Path
) -> None:
    _import_all(demo, "No assurance", tmp_path)
    said = " ".join(conclusion(build(demo, tmp_path)["md"]).split())
    assert "I am assured" not in said and "I am not yet assured" in said
    assert (
        "I have no assurance on terrorism, serious and organised crime, a national cyber "
        "incident, child sexual abuse, public order and civil emergencies and violence "
        "against women and girls." in said
    )


def test_assured_only_at_the_top_two_levels_with_no_gap(demo: Path, tmp_path: Path) -> None:
    _assess_all(demo, "reasonable")
    said = conclusion(build(demo, tmp_path)["md"])
    assert "I am not yet assured" in said  # the demo's evidence still has gaps
    assert "What is missing: on serious and organised crime, no evidence on consistency" in said


def test_a_follow_up_is_said_only_when_an_open_action_names_the_gap(
    demo: Path, tmp_path: Path
) -> None:
    md = build(demo, tmp_path / "before")["md"]
    assert "I will follow up" not in md
    assert "I have not reached an overall view on a national cyber incident" in md
    engine = db.make_engine(str(demo))
    with Session(engine) as s:
        edition = spr.edition_in_force(s, date(2026, 3, 31))
        cyber = spr.threat_by_code(s, edition, "cyber").id or 0
        unrelated = actions.add_action(
            s, OFFICER, title="Brief the board on the cyber strategy", owner="Neil Foster",
            due_date=date(2026, 6, 30), today=TODAY, threat_ids=[cyber],
        )  # fmt: skip
        s.commit()
        assert "I will follow up" not in build(demo, tmp_path / "unrelated")["md"]
        named = actions.add_action(
            s, OFFICER, title="Assess the consistency of the cyber incident response",
            owner="Neil Foster", due_date=date(2026, 7, 14), today=TODAY, threat_ids=[cyber],
        )  # fmt: skip
        s.commit()
        ref = named.ref
        assert unrelated.ref != ref
    said = " ".join(conclusion(build(demo, tmp_path / "after")["md"]).split())
    assert (
        "I will follow up the gap on a national cyber incident (consistency not assessed for "
        f'2025-26) through action {ref}, "Assess the consistency of the cyber incident '
        'response", owned by Neil Foster, due 14 July 2026.' in said
    )
    assert said.count("I will follow up") == 1  # the other gaps have no action naming them


def test_init_adds_missing_reference_rows_and_keeps_the_offices_edits(session: Session) -> None:
    spr_2023 = session.exec(select(Edition).where(Edition.code == "spr-2023")).one()
    threats = {t.code: t for t in spr.threats_of(session, spr_2023)}
    assert list(threats) == [
        "vawg", "terrorism", "soc", "cyber", "csa", "public-disorder", "civil-emergencies",
    ]  # fmt: skip
    threats["cyber"].name = "National cyber event (as we call it)"
    session.add(threats["cyber"])
    session.delete(threats["civil-emergencies"])
    session.commit()
    report = load_reference(session)
    session.commit()
    assert report.added == {"threat": 1}
    again = {t.code: t.name for t in spr.threats_of(session, spr_2023)}
    assert again["cyber"] == "National cyber event (as we call it)"
    assert again["civil-emergencies"] == "Civil emergencies"
    plan = spr.edition_in_force(session, date(2026, 3, 31))
    required = spr.requirement(session, plan)
    assert (required.code, required.in_force_from) == ("spr-2023", date(2023, 2, 20))
    assert required.grouped_by == plan.name and len(required.threats) == 7
    assert [(g.tracked, g.covers) for g in required.groupings] == [
        ("Public order and civil emergencies", ("Public disorder", "Civil emergencies"))
    ]
    assert load_reference(session).total == 0


def test_an_office_tracking_the_spr_itself_reports_no_grouping(session: Session) -> None:
    spr_2023 = session.exec(select(Edition).where(Edition.code == "spr-2023")).one()
    required = spr.requirement(session, spr_2023)
    assert required.grouped_by == "" and required.groupings == ()
    assert (
        required.threats[0]
        == session.exec(
            select(Threat.name).where(Threat.edition_id == spr_2023.id, Threat.code == "vawg")
        ).one()
    )


def test_the_summary_says_how_regard_was_had_and_each_threats_level_beside_last_years(
    demo: Path, tmp_path: Path
) -> None:
    md = build(demo, tmp_path / "first")["md"]
    summary = md.split("## Summary")[1].split("## Contents")[0]
    assert "on the Strategic Policing Requirement 2023 for 2025-26" in summary
    assert "- 9 meetings of the Business Coordination Board" in summary
    assert "- 2 scrutiny sessions whose outcome I recorded" in summary
    assert "| Terrorism | Limited | Not compared |" in summary  # 2024-25 tracked SPR 2023
    assert (
        "In 2024-25 my office tracked the threats of Strategic Policing Requirement 2023; in "
        "2025-26 it tracks those of SPR 2023 as grouped in the Police and Crime Plan 2025-28, so "
        "the levels are not compared across the change."
    ) in " ".join(summary.split())
    # the office's name, whole, under the title (the demo records it with its area)
    assert "\n\nOffice of the Police and Crime Commissioner for Anyshire\n\n" in md
    assert "I am not yet assured" in summary
    result = run_cli(
        "statement", "build", "2026-27", "--db", str(demo), "--today", TODAY.isoformat(),
        "--out", str(tmp_path / "next"), "--format", "md",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "next" / "spr-statement-2026-27-draft.md").read_text()
    assert "| Terrorism | Not assessed | Limited |" in md  # the same six: compared
    assert "| Capacity and contribution | Not assessed | Substantial | [E" in md
    assert "so the levels are not compared across the change" not in md


def test_superseded_work_is_counted_apart_from_closed(demo: Path, tmp_path: Path) -> None:
    md = build(demo, tmp_path)["md"]
    cyber = md.split("## A national cyber incident")[1].split("\n## ")[0]
    assert "raised 4 actions on this threat and closed 2; 1 was superseded." in cyber
    assert "(superseded, due 16 December 2025" in cyber
    governance = md.split("## Governance and scrutiny")[1].split("\n## ")[0]
    assert "and closed 14 (2 more were superseded)" in governance
