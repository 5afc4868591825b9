"""The values the due-work queries bind: one function for the fast path and the session path."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from assure.core import rules
from assure.core.config import Settings, load_settings
from assure.services.reminders.due_sql import due_params, julian_day

TODAY = date(2026, 5, 1)


def test_the_horizon_is_today_plus_the_window() -> None:
    assert due_params(TODAY, 14)["horizon"] == "2026-05-15"
    assert due_params(TODAY, 0)["horizon"] == "2026-05-01"


def test_a_response_whose_last_day_is_the_horizon_is_due_and_a_day_later_is_not() -> None:
    params = due_params(TODAY, 14)
    published_by = date.fromisoformat(str(params["published_by"]))
    assert rules.s55_last_day(published_by) == date(2026, 5, 15)
    assert rules.s55_last_day(published_by + timedelta(days=1)) > date(2026, 5, 15)
    assert params["s55_offset"] == (rules.s55_last_day(TODAY) - TODAY).days == 55


def test_sessions_on_other_databases_get_dates_not_text() -> None:
    params = due_params(TODAY, 14, iso=False)
    assert params["horizon"] == date(2026, 5, 15)
    assert params["published_by"] == date(2026, 3, 21)


def test_today_as_sqlite_counts_julian_days(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "x.db")
    (jd,) = con.execute("SELECT julianday(?)", (TODAY.isoformat(),)).fetchone()
    con.close()
    assert due_params(TODAY, 14)["today_jd"] == julian_day(TODAY) == jd


def test_one_default_due_soon_window(tmp_path: Path) -> None:
    assert Settings().remind_within_days == rules.DUE_SOON_DAYS
    assert load_settings(tmp_path / "missing.toml").remind_within_days == rules.DUE_SOON_DAYS
