"""How often CPython's cycle collector runs: less often for a command, as usual for the app.

CPython collects its youngest generation every 700 net allocations of container objects. A
command imports several hundred modules and builds its data once, then exits: nearly all it
allocates lives to the end, so those collections find almost nothing and cost about a tenth
of `statement build`. A command therefore collects every 200,000 allocations (mypy does the
same); the app, which runs for hours and makes short-lived objects on every frame, keeps the
interpreter's own thresholds.
"""

from __future__ import annotations

import gc

INTERPRETER = gc.get_threshold()  # CPython's own, as this module was first imported
COMMAND = (200_000, 30, 30)


def for_a_command() -> None:
    """Collect cycles rarely: the process is short-lived and keeps what it makes."""
    gc.set_threshold(*COMMAND)


def for_the_app() -> None:
    """Collect cycles as CPython does by default: the app is long-lived."""
    gc.set_threshold(*INTERPRETER)
