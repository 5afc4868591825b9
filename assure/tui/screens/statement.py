"""Statement: a year's judgement and gaps (close one from here), preview, build, approve."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from assure.core import config
from assure.core.clock import FinancialYear
from assure.core.errors import AssureError
from assure.render import statement as render
from assure.services.statement import usecases as statement
from assure.services.statement.model import Gap
from assure.tui.dialogs import assessment
from assure.tui.dialogs.confirm import ConfirmModal
from assure.tui.dialogs.form import Field, FormModal
from assure.tui.screens.base import AssureScreen

PREVIEW_HINT = "Press `v` to preview the statement as it would be built now, full screen."


class _PreviewBox(VerticalScroll):
    """The statement's preview: a scrolling box that may fill the screen (`Screen.maximize`)."""

    ALLOW_MAXIMIZE = True


class StatementScreen(AssureScreen):
    TITLE = "Statement"
    HELP = (
        "The annual Strategic Policing Requirement assurance statement. Type a financial year "
        "(2025-26) and press `enter`: the judgement the year's records support is shown "
        "(assured only when every threat stands at one of the top two levels and no gap is "
        "open), then the gaps. Press `enter` on a gap where an assessment is missing to record "
        "it for that year, threat and dimension; a gap of evidence needs evidence (Evidence "
        "screen). `v` previews the statement as it would be built now, full screen (`escape` "
        "returns); `B` builds it into `exports/` as Word, HTML and Markdown (the approved text, "
        "once the year is approved) and stores a draft with its "
        "evidence manifest; `A` approves the latest draft, after naming the open gaps: a "
        "commissioner approves in their own name, an officer records a named commissioner's "
        "approval. Approval freezes the text."
    )
    BINDINGS = [
        Binding("v", "preview", "Preview"),
        Binding("B", "build", "Build files"),
        Binding("A", "approve", "Approve"),
        Binding("slash", "year", "Change year"),
        Binding("escape", "leave_year", "Back", show=False),
    ]
    OPERATIONS = {"build": "build-statement", "approve": "approve-statement"}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # an officer may record a commissioner's approval: offer A to both, to no one else
        if action == "approve":
            from assure.core import policy

            actor = self.assure.actor
            return policy.may(actor, "approve-statement") or policy.may(actor, "record-approval")
        return super().check_action(action, parameters)

    def __init__(self) -> None:
        super().__init__()
        self.standing: statement.Standing | None = None

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield self.nav()
        with Vertical():
            with Horizontal(classes="filters"):
                yield Label("Financial year ", classes="field-label")
                yield Input(id="year", compact=True)
            yield Static(id="status")
            yield Label("Judgement", classes="panel-title")
            yield Static(id="judgement")
            yield Label("Gaps (enter on one to record its assessment)", classes="panel-title")
            yield OptionList(id="gaps")
            with _PreviewBox(id="preview-box"):
                yield Markdown(PREVIEW_HINT, id="preview")
        yield footer

    def on_mount(self) -> None:
        year = FinancialYear.of(self.assure.today).previous()
        self.query_one("#year", Input).value = year.label
        self.query_one("#preview-box").focus()
        self.reload()

    def year(self) -> FinancialYear | None:
        try:
            return FinancialYear.parse(self.query_one("#year", Input).value)
        except AssureError as exc:
            self.query_one("#status", Static).update(str(exc))
            return None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#preview-box").focus()
        self.reload()

    def action_year(self) -> None:
        self.query_one("#year", Input).focus()

    def action_leave_year(self) -> None:
        if self.maximized is not None:
            self.minimize()  # back from the full-screen preview to the judgement and gaps
        self.query_one("#preview-box").focus()

    def reload(self) -> None:
        year = self.year()
        if year is None:
            return
        app = self.assure
        self.call(
            lambda: statement.standing(app.store, app.actor, year, app.settings, app.today),
            self.show,
            group="load",
        )

    def show(self, standing: statement.Standing) -> None:
        self.standing = standing
        row = standing.stored
        if row is None:
            said = "nothing built yet"
        elif row.status == "approved":
            said = f"approved by {row.approved_by} on {row.approved_on:%-d %B %Y}"
        else:
            said = f"latest draft built {row.built_at:%-d %B %Y %H:%M}" if row.built_at else "draft"
        self.query_one("#status", Static).update(f"{standing.year}: {said}")
        self.query_one("#judgement", Static).update(Text(judgement_text(standing)))
        gaps = self.query_one("#gaps", OptionList)
        gaps.clear_options()
        if not standing.gap_records:
            gaps.add_option(Option("No gaps: every threat and dimension has evidence and an "
                                   "assessment.", disabled=True))  # fmt: skip
        for n, gap in enumerate(standing.gap_records):
            gaps.add_option(Option(f"! {gap.line}", id=f"gap-{n}"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if self.standing is None or not option_id.startswith("gap-"):
            return
        gap = self.standing.gap_records[int(option_id.removeprefix("gap-"))]
        self.close_gap(gap, self.standing.year)

    def close_gap(self, gap: Gap, year: str) -> None:
        """Open the assessment form on the gap's year, threat and dimension; reload once saved."""
        from assure.core import policy

        if gap.missing != "assessment":
            self.notify(
                f"{gap.line}: this gap needs evidence; record it on the Evidence screen.",
                title="Evidence needed",
            )
            return
        app = self.assure
        if not policy.may(app.actor, "record-assessment"):
            self.notify("You may not record assessments.", severity="warning")
            return

        def open_form(found: assessment.Choices) -> None:
            form = assessment.assessment_form(
                app, gap.threat_id, found, dimension=gap.dimension_code, year=year
            )
            self.app.push_screen(form, lambda saved: self.reload() if saved else None)

        self.call(lambda: assessment.choices(app), open_form, group="one")

    def action_preview(self) -> None:
        year = self.year()
        if year is None:
            return
        app = self.assure
        self.call(
            lambda: render.markdown(
                statement.gather(app.store, app.actor, year, app.settings, app.today)
            ),
            self._preview,
            group="preview",
        )

    def _preview(self, text: str) -> None:
        self.query_one("#preview", Markdown).update(text)
        box = self.query_one("#preview-box")
        box.focus()
        self.maximize(
            box, container=False
        )  # the whole terminal to read it in (three lines at 80x24 otherwise)

    def action_build(self) -> None:
        year = self.year()
        if year is None:
            return
        app = self.assure

        def build() -> list[Path]:
            return statement.build(
                app.store, app.actor, year, app.settings, app.today, render.markdown,
                files=lambda row: render.write_files(row, config.EXPORTS_DIR),
            ).files  # fmt: skip

        self.call(build, self._built, group="write", refused="Not built")

    def _built(self, paths: list[Path]) -> None:
        self.notify("Wrote " + ", ".join(p.name for p in paths), title="Built")
        self.reload()

    def action_approve(self) -> None:
        year = self.year()
        if year is None:
            return
        gaps = self.standing.gaps if self.standing and self.standing.year == year.label else []
        warning = (
            f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} are still open: "
            + "; ".join(gaps[:3])
            + ("…" if len(gaps) > 3 else "")
            + ". "
            if gaps
            else ""
        )
        question = f"{warning}Approve the {year.label} statement? Its text is then frozen."
        self.app.push_screen(
            ConfirmModal(question), lambda yes: self._approve(year) if yes else None
        )

    def _approve(self, year: FinancialYear) -> None:
        from assure.core import policy

        app = self.assure
        own = policy.may(app.actor, "approve-statement")
        fields = [
            Field("by", "Approved by" if own else "The commissioner whose approval you record",
                  value=app.actor.name if own else "", required=True),
        ]  # fmt: skip
        form = FormModal(
            f"Approve the {year.label} statement",
            fields,
            lambda v: statement.approve(
                app.store, app.actor, year, v["by"], app.today, files=approved_files
            ),
            says=lambda row: f"{row.year} approved by {row.approved_by}.",
        )
        self.app.push_screen(form, lambda row: self.reload() if row else None)


def judgement_text(standing: statement.Standing) -> str:
    """The judgement as the statement will state it, with the follow-ups on the record."""
    lines = [standing.judgement.summary()]
    lines += [f"Follow-up: {f.ref} ({f.title}) for {f.gap.line}" for f in standing.follow_ups]
    if standing.gap_records and not standing.follow_ups:
        lines.append("No open action names a gap: the statement will say no follow-up.")
    return "\n".join(lines)


def approved_files(row: statement.StoredStatement) -> dict[str, bytes]:
    """The approved statement's exports by kind, whose hashes approval records."""
    banner = render.Banner(row.sha256, "approved", row.approved_by, row.approved_on)
    return {kind: render.file_bytes(row.content, banner, kind) for kind in ("md", "html", "docx")}
