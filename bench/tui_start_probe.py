"""Start an app headless and print the moments its first screen was painted, then exit.

    python bench/tui_start_probe.py bare      # a bare Textual app with one Static
    python bench/tui_start_probe.py assure    # `assure` (the console script's path) on $ASSURE_DB

Used by bench/tui_start_bench.py, which reads the clock just before starting this process; the
differences are the times from process start. The clock is time.monotonic() (CLOCK_MONOTONIC,
one clock for every process on the machine). Each line printed is `NAME SECONDS`:

- `first`: Textual's Ready event, which it sends once the first screen is laid out and its first
  frame displayed: for the bare app, its Static; for assure, the Home screen (checked: its
  panels, navigation line and footer, before the data).
- `data` (assure only): the refresh after the Home screen has shown its dashboard (the due
  list, s55 clocks and coverage read from the database). The app then exits itself.

Both are states only that screen can show, never a sleep. This module imports nothing heavy at
its top, so the start measured is the app's own.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # this assure


def mark(name: str) -> None:
    sys.stdout.write(f"{name} {time.monotonic():.6f}\n")
    sys.stdout.flush()


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_ready(self) -> None:
            mark("first")
            self.exit()

    Bare().run(headless=True, size=(160, 48))


def run_assure() -> None:
    """Run `assure` with no command, as the console script does, with the app headless."""
    from assure.tui import launch

    def run_tui(db: str | None, today: Any) -> None:
        from assure.tui.app import AssureApp
        from assure.tui.screens.home import HomeScreen

        ready = getattr(AssureApp, "on_ready", lambda app: None)  # older versions: none
        shown = HomeScreen.show

        def on_ready(app: AssureApp) -> None:
            if not isinstance(app.screen, HomeScreen) or not app.screen.query("#coverage"):
                raise RuntimeError(f"the first screen is not Home: {app.screen!r}")
            mark("first")
            ready(app)

        def show(screen: HomeScreen, data: Any) -> None:
            shown(screen, data)
            screen.app.call_after_refresh(done, screen.app)

        def done(app: AssureApp) -> None:
            mark("data")
            app.exit()

        setattr(AssureApp, "on_ready", on_ready)  # noqa: B010 (a probe's hook, not a method)
        setattr(HomeScreen, "show", show)  # noqa: B010
        app = AssureApp(db=db, today=today)
        app.run(headless=True, size=(160, 48))
        if app.return_code:  # e.g. a worker failed: Textual printed why on stderr
            raise SystemExit(f"assure stopped before Home showed its data ({app.return_code})")

    launch.run_tui = run_tui
    from assure.entry import main

    sys.argv = ["assure"]
    main()


if __name__ == "__main__":
    {"bare": run_bare, "assure": run_assure}[sys.argv[1]]()
