"""A register shown a page at a time, searched as you type, loaded off the UI thread.

The screen gives it a `load(text, offset, limit) -> Page` use case call (and, where counting is
slower than reading a page, a `count(text) -> int`). Each load runs in a thread worker and
posts `PagedTable.Shown` back; typing is debounced so one query runs when typing pauses.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label

from assure.services.paging import Page
from assure.tui.widgets.record_table import Column, RecordTable, Row

DEBOUNCE = 0.03  # seconds of quiet after a keystroke before the query runs
Loader = Callable[[str, int, int], Page]
Counter = Callable[[str], int]


class PagedTable(Vertical):
    """Search box (and any filters the screen adds), a RecordTable and a pager line."""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    PagedTable > .filters { height: auto; }
    PagedTable > .pager { height: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("slash", "search", "Search"),
        # priority: the table's own pagedown/pageup (scroll within the page) would take them
        Binding("pagedown", "page(1)", "Next page", priority=True),
        Binding("pageup", "page(-1)", "Previous page", priority=True),
        Binding("escape", "leave_search", "Back to the table", show=False),
    ]

    class Shown(Message):
        """A page is on screen (the screen may load what depends on it)."""

        def __init__(self, page: Page) -> None:
            super().__init__()
            self.page = page

    class Sort(Message):
        """A column header was chosen: the screen orders the register by it (in the database,
        so the order holds across pages)."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    class _Loaded(Message):
        def __init__(self, page: Page, keep: int | None) -> None:
            super().__init__()
            self.page, self.keep = page, keep

    class _Counted(Message):
        def __init__(self, page: Page) -> None:
            super().__init__()
            self.page = page

    def __init__(
        self,
        *,
        columns: Sequence[str | Column],
        load: Loader,
        render: Callable[[Any], Row],
        count: Counter | None = None,
        noun: str = "rows",
        placeholder: str = "search (/)",
        filters: Sequence[Widget] = (),
        page_size: int = 50,
        table_id: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.column_layout = [c for c in columns if isinstance(c, Column)]
        self.columns = [c if isinstance(c, str) else c.label for c in columns]
        self.loader, self.render_row, self.counter = load, render, count
        self.noun, self.placeholder, self.extra_filters = noun, placeholder, filters
        self.page_size, self.table_id = page_size, table_id
        self.text = ""
        self.page_offset = 0
        self.page: Page | None = None
        self.pages_shown = 0  # how many pages have been painted (the bench waits on it)
        self.typed_at = self.shown_at = 0.0  # monotonic times of the last keystroke and page
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Input(placeholder=self.placeholder, id="search", compact=True)
            yield from self.extra_filters
        yield RecordTable(id=self.table_id, columns=self.column_layout)
        yield Label("", classes="pager")

    def on_mount(self) -> None:
        if not self.column_layout:
            self.table.add_columns(*self.columns)

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    # --- loading ----------------------------------------------------------------------------

    def reload(self, keep: int | None = None, *, first: bool = False) -> None:
        """Load the current page again (from the first page when `first`); keep the cursor."""
        if first:
            self.page_offset = 0
        text, offset = self.text, self.page_offset
        self.run_worker(
            lambda: self._load(text, offset, keep),
            thread=True,
            exclusive=True,
            group=f"page-{id(self)}",
        )

    def _load(self, text: str, offset: int, keep: int | None) -> None:
        page = self.loader(text, offset, self.page_size)
        self.post_message(self._Loaded(page, keep))
        if self.counter is not None and page.total is None:
            page.total = self.counter(text)
            self.post_message(self._Counted(page))

    @on(_Loaded)
    def _show(self, event: _Loaded) -> None:
        event.stop()
        self.page = event.page
        self.pages_shown += 1
        self.shown_at = time.perf_counter()
        self.table.fill((self.render_row(row) for row in event.page.rows), keep=event.keep)
        self._show_total(event.page)
        self.post_message(self.Shown(event.page))

    @on(_Counted)
    def _counted(self, event: _Counted) -> None:
        event.stop()
        if event.page is self.page:
            self._show_total(event.page)

    def _show_total(self, page: Page) -> None:
        hint = " (pagedown/pageup for more)" if page.more or page.offset else ""
        self.query_one(".pager", Label).update(f"{self.noun} {page.label}{hint}")

    def update(self, record_id: int, row: Any) -> bool:
        """Show a changed record in place, cursor unmoved; False when it is not on this page."""
        if self.page is None:
            return False
        for index, shown in enumerate(self.page.rows):
            if getattr(shown, "id", None) == record_id:
                self.page.rows[index] = row
                return self.table.update_row(*self.render_row(row))
        return False

    @on(RecordTable.HeaderSelected)
    def _header(self, event: RecordTable.HeaderSelected) -> None:
        event.stop()
        self.post_message(self.Sort(str(event.column_key.value)))

    # --- searching and paging -----------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.typed_at = time.perf_counter()
        self.text = event.value.strip()
        self.refilter()

    def refilter(self) -> None:
        """Debounce: query from the first page once typing (or choosing a filter) pauses."""
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, lambda: self.reload(first=True))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        self.table.focus()

    def action_page(self, step: int) -> None:
        if self.page is None:
            return
        new = self.page_offset + step * self.page_size
        if new >= 0 and (step < 0 or self.page.more):
            self.page_offset = new
            self.reload()
