"""Run the app headless on a database and print the Board screen's timings as JSON.

Used by bench/tui_bench.py in a child process, so that its peak memory is the app's own.
first_paint: from pressing `b` to the first page of actions on screen.
keystroke: from the search box receiving one character to the filtered page on screen
(including the screen's debounce), timed inside the app.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import date
from typing import Any

from textual.widgets import DataTable

from assure.core.actor import Actor
from assure.core.config import Settings
from assure.tui.app import AssureApp
from assure.tui.widgets.paged_table import PagedTable


async def wait_rows(app: AssureApp, check: Any, timeout: float = 30) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            table = app.screen.query_one("#actions", DataTable)
        except Exception:
            table = None
        if table is not None and check(table):
            return
        await asyncio.sleep(0.002)
    raise TimeoutError("the Board screen never showed its rows")


async def probe(db: str, today: date) -> dict[str, float]:
    app = AssureApp(db=db, today=today, actor=Actor("bench", "officer"), settings=Settings())
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        await pilot.press("b")
        await wait_rows(app, lambda t: t.row_count > 0)
        first = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        screen = app.screen.query_one(PagedTable)  # it times its own keystrokes and pages
        before = screen.pages_shown
        start = time.perf_counter()
        await pilot.press("7")
        await wait_rows(app, lambda t: screen.pages_shown > before)
        keystroke = screen.shown_at - screen.typed_at  # the app's answer, not the pilot's
        await app.workers.wait_for_complete()
    return {"first_paint_s": first, "keystroke_s": keystroke}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe(sys.argv[1], date.fromisoformat(sys.argv[2])))))
