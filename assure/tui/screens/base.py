"""What every screen shares: its help text, the app's services, and no edit keys for viewers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from assure.core.errors import AssureError

if TYPE_CHECKING:
    from sqlmodel import Session

    from assure.tui.app import AssureApp

T = TypeVar("T")


class AssureScreen(Screen[None]):
    """A screen of the app. HELP is shown by `?`; EDIT_ACTIONS are hidden from read-only roles."""

    TITLE: ClassVar[str] = ""
    HELP: ClassVar[str] = ""
    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    @property
    def assure(self) -> AssureApp:
        return cast("AssureApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # edit keys are hidden from the footer (and refused) for read-only roles
        return action not in self.EDIT_ACTIONS or self.assure.actor.can_write

    def header_footer(self) -> tuple[Header, Footer]:
        return Header(), Footer()

    def nav(self) -> Static:
        """One line naming every screen's key, the current one highlighted."""
        from assure.tui.screens import SCREENS

        parts = [
            f"[reverse] {spec.key} {spec.title} [/reverse]"
            if spec.title == self.TITLE
            else f" [b]{spec.key}[/b] {spec.title} "
            for spec in SCREENS.values()
        ]
        return Static("".join(parts) + "  [b]?[/b] help  [b]ctrl+p[/b] palette", classes="nav")

    def selected_row(self, selector: str = "DataTable") -> int | None:
        """The record id behind the cursor row of a table (rows are keyed by id), or None."""
        from textual.widgets import DataTable

        table = self.query_one(selector, DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def saved_then_reload(self, saved: bool | None) -> None:
        """A form's callback: reload the screen when the form saved something."""
        reload = getattr(self, "reload", None)
        if saved and callable(reload):
            reload()

    def save(self, fn: Callable[[Session], T], done: str) -> T | None:
        """Run a write through the services; say what happened, or why it was refused."""
        try:
            result = self.assure.write(fn)
        except AssureError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            return None
        self.notify(done, title="Saved")
        return result


def cell(value: Any) -> str:
    return "" if value is None else str(value)
