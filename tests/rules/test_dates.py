"""Dates as people type them, and where "today" comes from."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assure.core.clock import parse_iso, parse_uk_date, resolve_today
from assure.core.errors import ValidationError

HINT = "is not a date (try 31/03/2026, 31 March 2026 or 2026-03-31)"


def test_parse_iso() -> None:
    assert parse_iso("2026-03-31") == date(2026, 3, 31)
    assert parse_iso("  2026-03-31\n") == date(2026, 3, 31)


@pytest.mark.parametrize("text", ["31/03/2026", "2026-02-30", "", "2026-3-31"])
def test_parse_iso_refuses_with_the_default_field(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_iso(text)
    assert str(refused.value) == f"date: {text!r} is not a date in the form YYYY-MM-DD"
    assert refused.value.field == "date"


def test_parse_iso_names_the_field_given() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_iso("tomorrow", "published_on")
    assert refused.value.field == "published_on"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31/03/2026", date(2026, 3, 31)),
        (" 31/03/2026 ", date(2026, 3, 31)),
        ("1/4/2026", date(2026, 4, 1)),
        ("04/05/2026", date(2026, 5, 4)),  # day first
        ("31 March 2026", date(2026, 3, 31)),
        ("1 Apr 2026", date(2026, 4, 1)),
        ("2026-03-31", date(2026, 3, 31)),
        ("\t2026-04-01 ", date(2026, 4, 1)),
        ("31-03-2026", date(2026, 3, 31)),
        ("31.03.2026", date(2026, 3, 31)),
    ],
)
def test_uk_dates(text: str, day: date) -> None:
    assert parse_uk_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "date: a date is required"),
        ("   ", "date: a date is required"),
        ("soon", "date: 'soon' is not a date"),
        ("March", "date: 'March' is not a date"),
        ("31/02/2026", f"date: '31/02/2026' {HINT}"),
        ("13/13/2026", f"date: '13/13/2026' {HINT}"),
        ("31 Marchember 2026", f"date: '31 Marchember 2026' {HINT}"),
        ("31 March", "date: '31 March' needs a four-digit year"),
        ("31/03/26", "date: '31/03/26' needs a four-digit year"),
        ("2026-02-30", "date: '2026-02-30' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_bad_uk_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_uk_date(text)
    assert str(refused.value) == message
    assert refused.value.field == "date"


@pytest.mark.parametrize("text", ["", "soon", "31/02/2026", "31 March", "2026-02-30"])
def test_bad_uk_dates_name_the_field_given(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_uk_date(text, "due_date")
    assert refused.value.field == "due_date"


def test_today_is_the_option_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSURE_TODAY", "2026-01-02")
    assert resolve_today("2026-03-04") == date(2026, 3, 4)
    assert resolve_today() == date(2026, 1, 2)
    assert resolve_today("") == date(2026, 1, 2)  # an empty option is no option


def test_a_bad_option_names_the_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSURE_TODAY", "2026-01-02")
    with pytest.raises(ValidationError) as refused:
        resolve_today("04/03/2026")
    assert str(refused.value) == "--today: '04/03/2026' is not a date in the form YYYY-MM-DD"


def test_a_bad_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSURE_TODAY", "yesterday")
    with pytest.raises(ValidationError) as refused:
        resolve_today()
    assert str(refused.value) == "ASSURE_TODAY: 'yesterday' is not a date in the form YYYY-MM-DD"


@pytest.mark.parametrize("env", [None, ""])
def test_otherwise_today_is_the_system_clock(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    if env is None:
        monkeypatch.delenv("ASSURE_TODAY", raising=False)
    else:
        monkeypatch.setenv("ASSURE_TODAY", env)
    before = date.today()
    today = resolve_today()
    assert before <= today <= date.today()


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(DAYS, st.sampled_from(["/", "-", ".", " "]), st.booleans())
def test_any_day_first_date_in_range_reads_back(day: date, sep: str, padded: bool) -> None:
    form = "{:02d}" if padded else "{}"
    parts = (form.format(day.day), form.format(day.month), str(day.year))
    assert parse_uk_date(sep.join(parts)) == day


@given(DAYS.filter(lambda d: d.day > 12))
def test_a_date_that_reads_only_month_first_is_refused_saying_so(day: date) -> None:
    text = f"{day.month:02d}/{day.day:02d}/{day.year}"
    with pytest.raises(ValidationError) as refused:
        parse_uk_date(text, "due_date")
    assert refused.value.field == "due_date"
    assert refused.value.problem == (
        f"{text!r} reads as a date only month first (US style); dates here are day first: "
        f"{day:%d/%m/%Y}"
    )


@given(
    st.dates(max_value=date(1989, 12, 31)) | st.dates(min_value=date(2101, 1, 1)),
    st.sampled_from(["{:%d/%m/%Y}", "{:%Y-%m-%d}", "{:%d %B %Y}"]),
)
def test_a_year_outside_1990_to_2100_is_refused(day: date, form: str) -> None:
    text = form.format(day)
    with pytest.raises(ValidationError) as refused:
        parse_uk_date(text)
    if day.year >= 1000:  # below that, %Y writes fewer than the four digits a year needs
        assert refused.value.problem == f"{text!r}: the year {day.year} is outside 1990-2100"


@pytest.mark.parametrize("text", ["1/2/3/2027", "01/02/2026/1", "1.2.3.2027"])
def test_more_than_three_numbers_is_not_a_date(text: str) -> None:
    with pytest.raises(ValidationError, match="a date has three"):
        parse_uk_date(text)


def test_a_spreadsheet_midnight_is_read_as_the_date() -> None:
    assert parse_uk_date("31/03/2026 00:00:00") == date(2026, 3, 31)
    assert parse_uk_date("2026-03-31T00:00") == date(2026, 3, 31)
