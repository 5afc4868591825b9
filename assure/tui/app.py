"""The assure app: a keyboard-first home for the governance officer's registers.

Every screen is a mode (its own stack), reached by one key or the command palette. The app holds
the Store and the acting person; screens call use cases with them in thread workers
(`AssureScreen.call`) and never open a session. Keys and palette commands are built from the
policy, so a person sees exactly the keys whose use cases would accept them.

It starts fast: this module and the Home screen import neither SQLAlchemy nor the models, so the
first screen is painted before the database layer is loaded. Use cases run in thread workers
that wait for the first frame (`after_first_frame`), so loading SQLAlchemy and the models never
competes with painting it; the Store and the acting person are opened on first use, from any
thread. Other screens and dialogs are imported when first opened (`assure.tui.screens.SCREENS`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from assure.core import policy
from assure.core.actor import Actor
from assure.core.clock import govuk_date
from assure.core.config import Settings, load_settings
from assure.tui import prefs
from assure.tui.jump import JumpToAction
from assure.tui.screens import SCREENS

if TYPE_CHECKING:
    from assure.core.db import Store
    from assure.services import office

T = TypeVar("T")

# How long a worker waits for the first frame before it goes ahead anyway (a safety net: Textual
# sends Ready once the first screen is laid out and displayed, normally well within this).
FIRST_FRAME_WAIT_S = 5.0
# What the first use cases need, loaded by `load_database_layer` (Home's, the office's names and
# the acting person's); later screens import theirs on the UI thread when they are first opened.
FIRST_USE_CASES = (
    "assure.core.db",
    "assure.services.people",
    "assure.services.office",
    "assure.services.dashboard",
)
_LAYER_LOCK = threading.Lock()
_LAYER_LOADED = threading.Event()


class AssureApp(App[None]):
    """The governance officer's app."""

    TITLE = "assure"
    CSS_PATH = "app.tcss"
    MODES = {name: spec.factory for name, spec in SCREENS.items()}
    DEFAULT_MODE = "home"
    COMMANDS = App.COMMANDS | {JumpToAction}
    # screens get -narrow/-wide and -short/-tall classes, so app.tcss can fit an 80x24 terminal
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        # Screen keys are listed on every screen's navigation line rather than in the footer:
        # a footer key is a widget, and the footer is rebuilt whenever the screen changes.
        *(
            Binding(spec.key, f"go('{name}')", spec.title, show=False)
            for name, spec in SCREENS.items()
        ),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        db: str | None = None,
        today: date | None = None,
        actor: Actor | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.today = today or date.today()
        self.settings = settings or load_settings()
        self._store: Store | None = None
        self._actor = actor
        self._opening = threading.Lock()
        self._first_frame = threading.Event()
        self._visited: set[str] = {self.DEFAULT_MODE}
        self.office: office.OfficeNames | None = None
        self.show_names()

    # --- the database and the acting person, opened on first use ------------------------------

    @property
    def store(self) -> Store:
        """The database the use cases work on (opened on first use, from any thread)."""
        return self._store if self._store is not None else self._open()[0]

    @property
    def actor(self) -> Actor:
        """Who is acting: given, or the login's person (found on first use, from any thread)."""
        return self._actor if self._actor is not None else self._open()[1]

    def after_first_frame(self) -> None:
        """In a worker, before any use case: wait until the first frame is on screen, so that
        loading the database layer does not hold up painting it; then load it (once)."""
        if threading.get_ident() != self._thread_id:  # never make the UI thread wait for itself
            self._first_frame.wait(FIRST_FRAME_WAIT_S)
        load_database_layer()

    def on_ready(self) -> None:
        self._first_frame.set()

    def _open(self) -> tuple[Store, Actor]:
        with self._opening:  # a second thread waits for the first to finish opening
            if self._store is None:
                from assure.core.db import Store

                self._store = Store(self.db)
            if self._actor is None:
                from assure.services import people

                self._actor = people.identify(self._store)
            return self._store, self._actor

    def show_names(self) -> None:
        """The header: the office's area (once it has been named), who is acting, and today."""
        area = self.settings.area_name if self.settings.named else "office not yet named"
        who = f"{self._actor.name} ({self._actor.access})" if self._actor else "…"
        self.sub_title = f"{area} · {who} · {govuk_date(self.today)}"

    # --- the office's names ------------------------------------------------------------------

    def _load_office(self) -> None:
        self.after_first_frame()
        from assure.services import office

        found = office.names(self.store, self.actor)
        self.call_from_thread(self._office_loaded, found, first=True)

    def _office_loaded(self, found: office.OfficeNames | None, first: bool = False) -> None:
        from assure.services import office

        self.office = found
        self.settings = office.with_names(self.settings, found)
        self.show_names()
        if first and not self.settings.named and policy.may(self.actor, "configure"):
            self.action_name_office()  # a new database: ask once, rather than show no names

    def action_name_office(self) -> None:
        from assure.tui.dialogs.office_form import name_office

        self.push_screen(
            name_office(self, self.office),
            lambda names: self._office_loaded(names) if names else None,
        )

    # --- navigation and help ---------------------------------------------------------------

    def action_go(self, name: str) -> None:
        """Open a screen; one opened before is reloaded to show what changed elsewhere."""
        seen = name in self._visited
        self._visited.add(name)
        self.switch_mode(name)
        reload = getattr(self.screen, "reload", None)
        if seen and callable(reload):
            reload()

    def open_action(self, ref: str) -> None:
        """Open the Board showing one action, found by its ref (the palette's jump)."""
        self.action_go("board")
        show = getattr(self.screen, "show_ref", None)
        if callable(show):
            show(ref)

    def action_help(self) -> None:
        from assure.tui.dialogs.help import HelpModal

        self.push_screen(HelpModal(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if policy.may(self.actor, "configure"):
            yield SystemCommand(
                "Name the office",
                "the force, area, Commissioner and office",
                self.action_name_office,
            )
        for name, spec in SCREENS.items():
            yield SystemCommand(
                f"Go to {spec.title}", spec.summary, lambda n=name: self.action_go(n)
            )
        for binding in getattr(screen, "BINDINGS", []):
            if (
                isinstance(binding, Binding)
                and binding.show
                and screen.check_action(binding.action, ())
            ):
                yield SystemCommand(
                    f"{spec_title(screen)}: {binding.description}",
                    f"key {binding.key}",
                    lambda b=binding: self.call_later(screen.run_action, b.action),
                )

    def on_mount(self) -> None:
        self.run_worker(self._load_office, thread=True, group="office")
        saved = prefs.load_theme()
        if saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, lambda theme: prefs.save_theme(theme.name))

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.dispose()


def load_database_layer() -> None:
    """Import the use cases the app starts with (and so SQLAlchemy, SQLModel and the models),
    once, one thread at a time. Two workers importing SQLAlchemy at the same moment can each
    meet it half-initialised (its modules import one another) and fail, so every worker comes
    through here before its first use case."""
    if _LAYER_LOADED.is_set():
        return
    with _LAYER_LOCK:
        if not _LAYER_LOADED.is_set():
            for name in FIRST_USE_CASES:
                import_module(name)
            _LAYER_LOADED.set()


def load_use_cases(name: str) -> ModuleType:
    """Import a use-case module off the UI thread, one thread at a time (as above)."""
    load_database_layer()
    with _LAYER_LOCK:
        return import_module(name)


def spec_title(screen: Screen[Any]) -> str:
    return str(getattr(screen, "TITLE", None) or type(screen).__name__)
