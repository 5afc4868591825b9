"""Home: what is overdue and whose it is, s55 clocks, the next board, evidence coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Label, Static

from assure.core.clock import govuk_date
from assure.tui.screens.base import AssureScreen
from assure.tui.widgets.record_table import Column, RecordTable, Row

if TYPE_CHECKING:
    from assure.services import dashboard
    from assure.tui.app import AssureApp


def due_marker(days_overdue: int) -> Text:
    """Overdue work is marked in words as well as colour."""
    if days_overdue > 0:
        return Text(f"! OVERDUE {days_overdue}d", style="bold red")
    if days_overdue == 0:
        return Text("due today", style="yellow")
    return Text(f"due in {-days_overdue}d", style="yellow")


FIRST_STEPS = Text.from_markup(
    "[b]Nothing is recorded yet. To start:[/b]\n"
    "1. Add the people who own work and use assure: [b]o[/b] People, then [b]a[/b] "
    "(give each their login and access).\n"
    "2. Record your next board meeting: [b]b[/b] Board, then [b]M[/b].\n"
    "3. Bring in the registers you keep today, from the command line: "
    "`assure import actions FILE` (and findings, evidence, people, priorities); "
    "`assure import actions --template` writes an empty file with the columns.\n"
    "4. Record HMICFRS reports as they are published: [b]i[/b], then [b]n[/b]. "
    "Press [b]?[/b] on any screen for its keys."
)
DUE_COLUMNS = (
    Column("owner", 12),
    Column("when", 14),
    Column("kind", 8, drop=1),
    Column("ref", 14, drop=2),
    Column("title", 12, flex=True),
    Column("due", 10),
)


class HomeScreen(AssureScreen):
    TITLE = "Home"
    HELP = (
        "The dashboard. **Overdue and due soon** lists every action, HMICFRS finding, s55 "
        "response and plan update that is overdue or due within the reminder window, grouped "
        "by owner with the most overdue first; overdue rows say `! OVERDUE` as well as being red. "
        "**s55 clocks** count the days left to publish the PCC's response to each HMICFRS report "
        "(56 days from publication). **Coverage** shows, for this financial year, how many "
        "evidence items each SPR threat has on each dimension; `GAP` marks an empty cell. "
        "Press `r` to refresh, `b` to open the action log."
    )
    BINDINGS = [("r", "refresh", "Refresh")]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        yield Static(id="start", classes="panel")
        with Grid(id="home-grid"):
            with Vertical(classes="panel"):
                yield Label("Overdue and due soon, by owner", classes="panel-title")
                yield RecordTable(id="due", columns=DUE_COLUMNS)
            with Vertical(classes="panel"):
                yield Label("s55 response clocks", classes="panel-title")
                yield Static(id="clocks")
                yield Label("Next board meeting", classes="panel-title")
                yield Static(id="meeting")
                yield Label("Open HMICFRS findings by status", classes="panel-title")
                yield Static(id="findings")
            with Vertical(classes="panel", id="coverage-panel"):
                yield Label("Evidence coverage", classes="panel-title", id="coverage-title")
                yield RecordTable(id="coverage")
        yield footer

    def on_mount(self) -> None:
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    def load(self) -> None:
        app = self.assure
        self.call(lambda: _dashboard(app), self.show)

    def show(self, data: dashboard.Dashboard) -> None:
        from assure.services.reminders.due import KIND_SHORT

        self.query_one("#start", Static).display = data.empty
        if data.empty:
            self.query_one("#start", Static).update(FIRST_STEPS)
        rows: list[Row] = []
        for owner, items in data.due_by_owner.items():
            for i, item in enumerate(items):
                rows.append((len(rows), (
                    Text(owner, style="bold") if i == 0 else "",
                    due_marker(item.days_overdue),
                    KIND_SHORT.get(item.kind, item.kind),
                    item.ref,
                    item.title,
                    f"{item.due_date:%d/%m/%Y}",
                )))  # fmt: skip
        if not rows:
            rows.append((0, ("", "", "", "", "Nothing overdue or due soon.", "")))
        self.query_one("#due", RecordTable).fill(rows)
        clocks = [
            f"{c.title}: {c.days_left} days left (by {govuk_date(c.last_day)})"
            if c.days_left >= 0
            else f"! OVERDUE {c.title}: response was due {govuk_date(c.last_day)}"
            for c in data.clocks
        ]
        self.query_one("#clocks", Static).update(
            Text("\n".join(clocks) or "No responses outstanding.")
        )
        meeting = (
            govuk_date(data.next_meeting, weekday=True) if data.next_meeting else "none scheduled"
        )
        self.query_one("#meeting", Static).update(meeting)
        findings = ", ".join(f"{k}: {v}" for k, v in data.findings_by_status.items())
        self.query_one("#findings", Static).update(findings or "none open")
        self.show_coverage(data)

    def show_coverage(self, data: dashboard.Dashboard) -> None:
        cover = data.coverage
        title = f"Evidence coverage {cover.year} ({cover.edition})"
        self.query_one("#coverage-title", Label).update(title)
        table = self.query_one("#coverage", RecordTable)
        # every dimension stays on screen: by its first word ("Capacity") when space is short
        wide = self.size.width >= 110
        names = [d if wide else d.split()[0] for d in cover.dimensions]
        table.set_columns(
            [Column("threat", 14, flex=True), Column("total", 5)]
            + [Column(name, max(len(name), 4)) for name in names]
        )
        table.fill(
            (row.threat_id, (row.threat, _count(row.total), *map(_count, row.counts)))
            for row in cover.rows
        )


def _dashboard(app: AssureApp) -> dashboard.Dashboard:
    """Home's use case, in its worker: the first use of the database loads its layer here,
    so the app's first screen is painted without waiting for SQLAlchemy and the models."""
    from assure.services import dashboard

    return dashboard.home(app.store, app.actor, app.today, app.settings)


def _count(n: int) -> Text:
    return Text(str(n)) if n else Text("GAP", style="bold red")
