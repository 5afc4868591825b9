"""What every page of an exported statement says about its standing, and the hash it carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assure.render.wording import day

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
