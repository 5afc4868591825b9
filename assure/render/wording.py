"""The statement's wording helpers: Markdown escaping, GOV.UK dates, and the small turns of
phrase the template's filters use ("a, b and c", "limited assurance", "seven")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from assure.core.clock import govuk_date

if TYPE_CHECKING:
    from assure.services.statement.model import Cited

_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#~&"})  # each gets a backslash
_LIST_START = re.compile(r"^(\d+)([.)])")


def md_escape(value: object) -> str:
    """Text as Markdown that renders as exactly that text (one line)."""
    text = " ".join(str(value).split()).translate(_MD_SPECIAL)
    if text[:1].isdecimal():  # "1." or "1)" would start a numbered list
        text = _LIST_START.sub(r"\1\\\2", text)
    if text[:1] in ("-", "+", "="):
        text = "\\" + text
    return text


# a statement prints the same few hundred days thousands of times: format each once (here, not
# on clock.govuk_date, which mutation testing must still reach: it skips decorated functions)
@functools.lru_cache(maxsize=4096)
def day(value: date | None) -> str:
    """A date as GOV.UK writes it: 1 April 2025 (clock.govuk_date; nothing for no date)."""
    return "" if value is None else govuk_date(value)


def sentence(text: str) -> str:
    """Text as written, capitalised and closed with a full stop unless it already ends one."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def mid(name: str) -> str:
    """A name as it reads inside a sentence: its first letter lower case, unless it is an
    initialism (VAWG, CSA) or the name is already lower case."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def andjoin(items: Iterable[str]) -> str:
    """a, b and c."""
    listed = list(items)
    return " and ".join([", ".join(listed[:-1]), listed[-1]] if len(listed) > 1 else listed)


def assurance(level: str) -> str:
    """An assurance level as a phrase: "limited assurance", "no assurance"."""
    text = level.lower()
    return text if text.endswith("assurance") else f"{text} assurance"


WORDS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def words(number: int) -> str:
    """A small count in words, as GOV.UK style writes one to nine (and up to twelve here)."""
    return WORDS[number] if 0 <= number < len(WORDS) else str(number)


def cites(items: Iterable[Cited]) -> str:
    # "[E12]" needs no escaping: with no link definition it is literal text in CommonMark.
    return " ".join(f"[E{c.id}]" for c in items)


def clause(text: str) -> str:
    return text.strip().rstrip(".")


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
