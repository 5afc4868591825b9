"""The command palette's jump: type a ref (or words of a title) to open that action."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider

if TYPE_CHECKING:
    from assure.services.board.queries import ActionRow
    from assure.tui.app import AssureApp


def _find(app: AssureApp, text: str) -> list[ActionRow]:
    """Off the UI thread: the actions whose ref or title match (their use case loaded here,
    after the database layer, on first search)."""
    from assure.tui.app import load_use_cases

    app.after_first_frame()
    board = load_use_cases("assure.services.board.usecases")
    found: list[ActionRow] = board.find(app.store, app.actor, app.today, text)
    return found


class JumpToAction(Provider):
    """Finds actions by ref or title (off the UI thread) and opens the one chosen on the Board."""

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if len(text) < 3:
            return
        app = cast("AssureApp", self.app)
        found = await asyncio.to_thread(_find, app, text)
        matcher = self.matcher(text)
        for row in found:
            label = f"Open {row.ref}: {row.title}"
            yield Hit(
                max(matcher.match(label), 0.5),
                matcher.highlight(label),
                partial(app.open_action, row.ref),
                help=f"{row.owner}, due {row.due:%d/%m/%Y}",
            )
