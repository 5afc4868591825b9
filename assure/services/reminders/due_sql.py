"""The due-work queries as SQL text, shared by the due list and the reminder JSON fast path.

`due.py` selects plain columns from these and builds its items in Python (any database);
`json_sql()` selects the same rows from the same FROM and WHERE text and lets SQLite write the
reminder JSON itself, which is what keeps `assure remind --format json` fast at national scale.
A test holds the two to the same output on the demo and synthetic databases.

This module imports nothing but the rules and the s55 steps' wording, so the fast path stays
light.
"""

from __future__ import annotations

from datetime import date, timedelta

from assure.core import rules
from assure.services.inspections import s55

UNOWNED = "(no owner)"
TITLE_LIMIT = 120

OWNER_FILTER = " AND p.name = :owner"

ACTION_DUE = rules.current_due_text("a.due_date", "a.revised_due_date")
ACTIONS_FROM = (
    "FROM action a LEFT JOIN person p ON p.id = a.owner_id "
    "LEFT JOIN meeting m ON m.id = a.meeting_id WHERE "
    + rules.overdue_or_soon_text("a.due_date", "a.revised_due_date", "a.status", rules.ACTION_DONE)
)
FINDINGS_FROM = (
    "FROM finding f JOIN inspection i ON i.id = f.inspection_id "
    "LEFT JOIN person p ON p.id = f.force_lead_id WHERE "
    + rules.overdue_or_soon_text("f.target_date", None, "f.status", rules.FINDING_DONE)
)
# An s55 response is due 56 days from publication; :published_by is horizon - 55 days.
RESPONSES_FROM = (
    "FROM inspection i LEFT JOIN person p ON p.id = i.response_owner_id "
    "WHERE i.response_published_on IS NULL AND i.published_on <= :published_by"
)
# Once the response is published the clock stops, and what is chased instead is any s55 step
# still missing (the same steps and words as S55Steps.missing()), due on the same last day.
_RECOMMENDATIONS = (
    "(SELECT count(*) FROM finding r WHERE r.inspection_id = i.id AND r.kind = 'recommendation'"
)
RECOMMENDATIONS = _RECOMMENDATIONS + ")"
EXPLAINED = _RECOMMENDATIONS + " AND trim(r.explanation) <> '')"
STEPS_FROM = (
    "FROM inspection i LEFT JOIN person p ON p.id = i.response_owner_id "
    "WHERE i.response_published_on IS NOT NULL AND i.published_on <= :published_by "
    "AND (i.comments_invited_on IS NULL OR i.comments_received_on IS NULL "
    "OR i.response_link = '' OR i.copies_sent_on IS NULL "
    f"OR {EXPLAINED} < {RECOMMENDATIONS})"
)
STEPS_TITLE = "Finish the s55 response to "
PRIORITIES_FROM = (
    "FROM priority pr JOIN theme t ON t.id = pr.theme_id "
    "LEFT JOIN person p ON p.id = pr.opcc_lead_id "
    "WHERE pr.update_due IS NOT NULL AND pr.update_due <= :horizon"
)

_MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec"


def _uk_day(col: str) -> str:
    """SQLite text for an ISO date column as '01 May 2026' (Python's '%d %b %Y')."""
    return (
        f"substr({col}, 9, 2) || ' ' || substr('{_MONTHS}', substr({col}, 6, 2) * 3 - 2, 3)"
        f" || ' ' || substr({col}, 1, 4)"
    )


def _one_line(col: str) -> str:
    """SQLite text twin of due.one_line(): cut at the limit, then line breaks and tabs to spaces."""
    cut = (
        f"CASE WHEN length({col}) > {TITLE_LIMIT} "
        f"THEN substr({col}, 1, {TITLE_LIMIT - 1}) || '…' ELSE {col} END"
    )
    return f"trim(replace(replace(replace({cut}, char(13), ' '), char(10), ' '), char(9), ' '))"


def julian_day(day: date) -> float:
    """The Julian day number SQLite's julianday() gives for midnight on `day`."""
    return day.toordinal() + 1721424.5


def due_params(today: date, within: int, iso: bool = True) -> dict[str, object]:
    """The values every due-work query binds, for both the fast path and the session path.

    :horizon is the last day counted as due soon. :published_by is the latest publication date
    whose s55 response is due by the horizon: the response's last day is publication + 55 days
    (rules.s55_last_day), so it is the horizon less 55 days; :s55_offset is those 55 days, for
    SQL that computes the last day itself. Dates are ISO text when `iso` (SQLite), else dates.
    """
    horizon = today + timedelta(days=within)
    offset = rules.S55_DAYS - 1
    published_by = horizon - timedelta(days=offset)
    return {
        "today_jd": julian_day(today),
        "horizon": horizon.isoformat() if iso else horizon,
        "published_by": published_by.isoformat() if iso else published_by,
        "s55_offset": offset,
    }


def _days_overdue(col: str) -> str:
    # :today_jd is julian_day(today), bound once rather than parsed on every row
    return f"CAST(:today_jd - julianday({col}) AS INTEGER)"


_OWNER_COLS = (f"coalesce(p.name, '{UNOWNED}')", "coalesce(p.email, '')")
_COLUMNS = (
    "kind",
    "ref",
    "title",
    "owner",
    "owner_email",
    "due_date",
    "original_due_date",
    "days_overdue",
    "status",
    "source",
    "record_id",
)


def _select(*exprs: str) -> str:
    return "SELECT " + ", ".join(f"{e} AS {c}" for e, c in zip(exprs, _COLUMNS, strict=True))


def _missing_steps() -> str:
    return s55.missing_sql(
        "i.comments_invited_on",
        "i.comments_received_on",
        "i.response_published_on",
        "i.response_link",
        "i.copies_sent_on",
        RECOMMENDATIONS,
        EXPLAINED,
    )


def _rows_sql() -> str:
    response_due = "date(i.published_on, '+' || :s55_offset || ' days')"
    parts = [
        _select(
            "'action'",
            "a.ref",
            "a.title",
            *_OWNER_COLS,
            ACTION_DUE,
            "a.due_date",
            _days_overdue(ACTION_DUE),
            "a.status",
            "CASE WHEN m.held_on IS NULL THEN 'Action log' "
            f"ELSE m.board || ' ' || {_uk_day('m.held_on')} END",
            "a.id",
        )
        + f" {ACTIONS_FROM}",
        _select(
            "'finding'",
            "f.ref",
            _one_line("f.text"),
            *_OWNER_COLS,
            "f.target_date",
            "f.target_date",
            _days_overdue("f.target_date"),
            "f.status",
            "i.title",
            "f.id",
        )
        + f" {FINDINGS_FROM}",
        _select(
            "'response'",
            "'s55-' || i.id",
            "'Publish the s55 response to ' || i.title",
            *_OWNER_COLS,
            response_due,
            response_due,
            _days_overdue(response_due),
            "'awaiting-response'",
            f"'HMICFRS ' || i.kind || ' published ' || {_uk_day('i.published_on')}",
            "i.id",
        )
        + f" {RESPONSES_FROM}",
        _select(
            "'response-step'",
            "'s55-' || i.id",
            f"'{STEPS_TITLE}' || i.title || ': ' || {_missing_steps()}",
            *_OWNER_COLS,
            response_due,
            response_due,
            _days_overdue(response_due),
            f"CASE WHEN i.response_published_on <= {response_due} "
            "THEN 'published-on-time' ELSE 'published-late' END",
            f"'HMICFRS ' || i.kind || ' published ' || {_uk_day('i.published_on')}",
            "i.id",
        )
        + f" {STEPS_FROM}",
        _select(
            "'priority'",
            "pr.code",
            "'Progress update: ' || pr.title",
            *_OWNER_COLS,
            "pr.update_due",
            "pr.update_due",
            _days_overdue("pr.update_due"),
            "pr.rag",
            "'Plan theme: ' || t.title",
            "pr.id",
        )
        + f" {PRIORITIES_FROM}",
    ]
    return " UNION ALL ".join(parts)


def json_sql() -> str:
    """One SQLite statement that returns the reminder JSON array (most overdue first).

    Binds :today_jd (see julian_day), :horizon, :published_by and :s55_offset.
    """
    pairs = ", ".join(f"'{c}', {c}" for c in _COLUMNS)
    return (
        f"SELECT coalesce(json_group_array(json_object({pairs})), '[]') FROM "
        f"({_rows_sql()} ORDER BY days_overdue DESC, owner, kind, ref, record_id)"
    )
