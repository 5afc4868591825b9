"""What every page of an exported statement says about its standing, and the hash it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assure.render.wording import day, md_escape

MARKER = "assure-statement-sha256"


@dataclass(frozen=True)
class Banner:
    """What every page says about the statement's standing."""

    sha256: str
    status: str  # draft or approved (superseded prints as approved, then superseded)
    approved_by: str = ""
    approved_on: date | None = None

    @property
    def text(self) -> str:
        if self.status == "draft" or self.approved_on is None:
            return "DRAFT: not approved"
        words = f"Approved by {self.approved_by} on {day(self.approved_on)}"
        return words + (" (since superseded)" if self.status == "superseded" else "")


_SIGNED = re.compile(r"^\*\*Signed:\*\* _+$", re.M)
_DATED = re.compile(r"^\*\*Date:\*\* _+$", re.M)


def signed(content: str, banner: Banner) -> str:
    """The statement as a file shows it: once approved, the blank signature and date lines
    carry the approver's name and the day of approval; a draft keeps them blank."""
    if banner.status == "draft" or banner.approved_on is None:
        return content
    content = _SIGNED.sub(lambda _: f"**Signed:** {md_escape(banner.approved_by)}", content, 1)
    return _DATED.sub(lambda _: f"**Date:** {day(banner.approved_on)}", content, 1)
