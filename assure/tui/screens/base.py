"""What every screen shares: its help, the keys the policy allows, and use cases off the UI thread.

A screen never opens a session: it calls use cases (assure.services) through `call`, which runs
them in a thread worker and delivers the result back on the UI thread as a `Done` message (or a
`Refused` one), so a slow database never freezes the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import on
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from assure.core import policy
from assure.core.errors import AssureError

if TYPE_CHECKING:
    from assure.tui.app import AssureApp

T = TypeVar("T")


class Done(Message):
    """A use case finished: hand its result to the continuation the screen gave."""

    def __init__(self, then: Callable[[Any], None], result: Any) -> None:
        super().__init__()
        self.then, self.result = then, result


class Refused(Message):
    """A use case refused (bad input, not allowed, changed by someone else)."""

    def __init__(self, error: AssureError, title: str) -> None:
        super().__init__()
        self.error, self.title = error, title


class AssureScreen(Screen[None]):
    """A screen of the app. HELP is shown by `?`; OPERATIONS maps an action to its policy name."""

    TITLE: ClassVar[str] = ""
    HELP: ClassVar[str] = ""
    # action name -> policy operation; actions not named here are open to everyone who may read
    OPERATIONS: ClassVar[dict[str, str]] = {}

    @property
    def assure(self) -> AssureApp:
        return cast("AssureApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a key whose use case would refuse this person is hidden from the footer and palette
        operation = self.OPERATIONS.get(action)
        return operation is None or policy.may(self.assure.actor, operation)

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

    # --- use cases off the UI thread ----------------------------------------------------------

    def call(
        self,
        use_case: Callable[[], T],
        then: Callable[[T], None],
        *,
        group: str = "default",
        refused: str = "Not done",
    ) -> None:
        """Run `use_case` in a thread worker; `then(result)` runs on the UI thread after it.

        A newer call in the same group replaces an older one still running.
        """

        def work() -> None:
            self.assure.after_first_frame()  # the first screen is painted before any use case
            try:
                result = use_case()
            except AssureError as exc:
                self.post_message(Refused(exc, refused))
                return
            self.post_message(Done(then, result))

        self.run_worker(work, thread=True, exclusive=True, group=f"{type(self).__name__}-{group}")

    @on(Done)
    def _done(self, event: Done) -> None:
        event.then(event.result)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self.notify(str(event.error), title=event.title, severity="error", timeout=8)
