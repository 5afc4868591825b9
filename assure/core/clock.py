"""What "today" is (--today, ASSURE_TODAY) and the financial year (1 April to 31 March)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime

from assure.core.errors import ValidationError

TODAY_ENV = "ASSURE_TODAY"


def parse_iso(value: str, field: str = "date") -> date:
    """Return the date of a strict YYYY-MM-DD string; raise ValidationError otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date in the form YYYY-MM-DD") from None


FIRST_YEAR, LAST_YEAR = 1990, 2100  # a date outside these is a typing slip, not a plan

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# digits and separators only: 31/03/2026, 31-03-2026, 31.03.2026, 31 03 2026, 2026/03/31, and
# the midnight a spreadsheet program adds to a date
_NUMERIC = re.compile(r"^[\d/.\- ]+?(?:[ T]00:00(?::00)?)?$")
# dateutil fills in a part the text lacks from its `default` (else from today): read with two
# defaults that differ in every part, a text gives one date only if it has day, month and year
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def _hint(value: str) -> str:
    return f"{value!r} is not a date (try 31/03/2026, 31 March 2026 or 2026-03-31)"


def parse_uk_date(value: str, field: str = "date") -> date:
    """Return the date of a date as UK offices type it: 31/03/2026, 31 March 2026, 2026-03-31.

    Numeric dates are day first: one that reads only month first (06/13/2026) is refused, as is a
    year outside 1990-2100. Raises ValidationError, naming `field`, for anything but a date.
    """
    text = value.strip()
    if not text:
        raise ValidationError(field, "a date is required")
    if _ISO.match(text):
        return check_year(parse_iso(text, field), field, value)
    if not re.search(r"\d", text):
        raise ValidationError(field, f"{value!r} is not a date")
    if _NUMERIC.match(text):
        return check_year(_numeric_date(value, field), field, value)
    if len(re.findall(r"\d+", text)) > 2:  # a month in words leaves only a day and a year
        raise ValidationError(field, _hint(value))
    try:
        from dateutil import parser as date_parser  # only here: it costs ~10 ms to import

        parsed, other = (date_parser.parse(text, dayfirst=True, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        raise ValidationError(field, _hint(value)) from None
    if not re.search(r"\b\d{4}\b", text):
        raise ValidationError(field, f"{value!r} needs a four-digit year")
    if parsed != other:
        raise ValidationError(field, f"{value!r} needs a day, a month and a year")
    return check_year(parsed.date(), field, value)


def _numeric_date(value: str, field: str) -> date:
    """A date written in numbers only: day, month, year (or year, month, day, as ISO has it)."""
    parts = re.findall(r"\d+", re.sub(r"[ T]00:00(:00)?$", "", value.strip()))
    if len(parts) < 3:
        raise ValidationError(field, f"{value!r} needs a day, a month and a year")
    if len(parts) > 3:
        raise ValidationError(field, f"{value!r} has {len(parts)} numbers; a date has three")
    year, month, day = parts if len(parts[0]) == 4 else parts[::-1]
    if len(year) != 4:
        raise ValidationError(field, f"{value!r} needs a four-digit year")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        pass
    if len(parts[0]) != 4 and _is_date(int(year), int(day), int(month)):
        raise ValidationError(
            field,
            f"{value!r} reads as a date only month first (US style); dates here are day "
            f"first: {int(month):02d}/{int(day):02d}/{year}",
        )
    raise ValidationError(field, _hint(value))


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def check_year(day: date, field: str = "date", value: str | None = None) -> date:
    """Return `day`; raise ValidationError when its year is outside 1990-2100 (a typing slip)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        shown = repr(value) if value is not None else day.isoformat()
        raise ValidationError(
            field, f"{shown}: the year {day.year} is outside {FIRST_YEAR}-{LAST_YEAR}"
        )
    return day


def govuk_date(day: date, weekday: bool = False) -> str:
    """A date as GOV.UK writes it: "1 May 2026" (or "Friday 1 May 2026"), no leading zero."""
    text = f"{day.day} {day:%B %Y}"
    return f"{day:%A} {text}" if weekday else text


def resolve_today(explicit: str | None = None) -> date:
    """Return today: the --today value, else ASSURE_TODAY, else the system clock."""
    if explicit:
        return parse_iso(explicit, "--today")
    env = os.environ.get(TODAY_ENV)
    if env:
        return parse_iso(env, TODAY_ENV)
    return date.today()


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK public-sector financial year, 1 April `start_year` to 31 March the year after."""

    start_year: int

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        """Return the financial year that contains `day`."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str, field: str = "year") -> FinancialYear:
        """Return the year written `2025-26`, `2025/26`, `2025-2026` or `2025`.

        Raises ValidationError when the text is none of those or the two halves disagree.
        """
        match = re.fullmatch(r"\s*(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?\s*", text or "")
        if not match:
            raise ValidationError(
                field, f"{text!r} is not a financial year (write 2025-26, 2025/26 or 2025)"
            )
        start = int(match.group(1))
        if match.group(2):
            second = int(match.group(2))
            expected = start + 1 if len(match.group(2)) == 4 else (start + 1) % 100
            if second != expected:
                raise ValidationError(
                    field, f"{text!r}: a financial year runs from {start} to {start + 1}"
                )
        if not 1990 <= start <= 2200:
            raise ValidationError(field, f"{text!r} is out of range")
        return cls(start)
