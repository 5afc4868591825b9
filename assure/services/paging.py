"""A page of rows: the read model every paged list returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Page:
    """One page of rows. `total` is None until it has been counted (counting a large register
    takes longer than reading a page, so the app shows the page first)."""

    rows: list[Any]
    total: int | None
    offset: int
    limit: int
    more: bool = False

    @property
    def label(self) -> str:
        if not self.rows:
            return "no rows"
        shown = f"{self.offset + 1}-{self.offset + len(self.rows)}"
        if self.total is None:
            return f"{shown} of {'more' if self.more else shown.split('-')[1]}"
        return f"{shown} of {self.total:,}"
