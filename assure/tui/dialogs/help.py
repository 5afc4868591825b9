"""`?`: the current screen's help and its keys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown


class HelpModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        title = getattr(self.target, "TITLE", "") or "assure"
        text = getattr(self.target, "HELP", "") or "No help for this screen yet."
        from assure.tui.widgets.paged_table import PagedTable

        # the screen's keys, then those of its registers (search, paging)
        bindings = [*self.target.BINDINGS]
        for register in self.target.query(PagedTable):
            bindings += register.BINDINGS
        keys = [
            f"| `{b.key}` | {b.description} |"
            for b in bindings
            if isinstance(b, Binding) and b.description and self.target.check_action(b.action, ())
        ]
        nav = [
            f"| `{b.key}` | {b.description} |"
            for b in self.app.BINDINGS
            if isinstance(b, Binding) and b.description
        ]
        body = (
            f"# {title}\n\n{text}\n\n## Keys on this screen\n\n| key | does |\n|---|---|\n"
            + "\n".join(keys)
            + "\n\n## Everywhere\n\n| key | does |\n|---|---|\n"
            + "\n".join(nav)
            + "\n| `ctrl+p` | the palette: every screen and action; type a ref to jump to it |\n"
            "\n\nPress `escape` to close."
        )
        with VerticalScroll(id="dialog"):
            yield Markdown(body)
