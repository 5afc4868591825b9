"""Input checks shared by the services; each raises ValidationError naming the field."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, select

from assure.core.clock import parse_uk_date
from assure.core.errors import ValidationError
from assure.models import Term

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required(value: str | None, field: str, max_len: int = 2000) -> str:
    """Return `value` stripped; raise when it is empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "is required")
    if len(text) > max_len:
        raise ValidationError(field, f"is longer than {max_len} characters")
    return text


def optional_text(value: str | None, field: str, max_len: int = 4000) -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise ValidationError(field, f"is longer than {max_len} characters")
    return text


def email(value: str | None, field: str = "email") -> str:
    text = (value or "").strip()
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"{text!r} is not an e-mail address")
    return text


def as_date(value: date | str | None, field: str, *, allow_none: bool = False) -> date | None:
    """Return a date from a date or a UK-typed string; None only when allowed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_none:
            return None
        raise ValidationError(field, "a date is required")
    if isinstance(value, date):
        return value
    return parse_uk_date(value, field)


def must_date(value: date | str | None, field: str) -> date:
    result = as_date(value, field)
    assert result is not None
    return result


def term(session: Session, vocabulary: str, value: str | None, field: str) -> str:
    """Return the code of `value` in `vocabulary` (matching code or label, any case)."""
    text = (value or "").strip().lower()
    terms = list(session.exec(select(Term).where(Term.vocabulary == vocabulary)))
    for row in terms:
        if text in (row.code.lower(), row.label.lower()):
            return row.code
    for row in terms:  # allow "in progress" for "in-progress"
        if text.replace(" ", "-") == row.code:
            return row.code
    allowed = ", ".join(row.code for row in sorted(terms, key=lambda r: r.position))
    raise ValidationError(field, f"{value!r} is not one of: {allowed}")
