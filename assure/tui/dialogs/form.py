"""One form dialog for every record: fields that validate as you type, errors by the field.

A form is a list of `Field`s and a `submit(values)` callback that calls a use case. It runs in a
thread worker; the form closes with the use case's result (the saved record's read model). A
use case's ValidationError names its field; the message appears under that field, the form stays
open and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Select, SelectionList, TextArea

from assure.core.clock import parse_uk_date
from assure.core.errors import AssureError, ValidationError


class UKDate(Validator):
    """31/03/2026, 31 March 2026 or 2026-03-31 (day first when it could be either)."""

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_uk_date(value)
        except ValidationError as exc:
            return self.failure(exc.problem)
        return self.success()


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text, long (several lines), date, select, multi, or note (shown only)
    value: Any = ""
    options: Sequence[tuple[str, Any]] = ()
    required: bool = False
    placeholder: str = ""
    selected: Sequence[Any] = field(default_factory=tuple)


T = TypeVar("T")


class FormModal(ModalScreen[T | None], Generic[T]):
    """A form that saves through a use case; it closes with the result, or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    class _Saved(Message):
        def __init__(self, result: Any) -> None:
            super().__init__()
            self.result = result

    class _Refused(Message):
        def __init__(self, error: AssureError) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[dict[str, Any]], T],
        says: Callable[[T], str] | None = None,
    ) -> None:
        """`says(result)` is the line shown once saved (a submit returning text shows that)."""
        super().__init__()
        self.says = says
        self.heading = title
        self.fields = list(fields)
        self.submit = submit
        self.saving = False
        self.refused_at: str | None = None  # the label showing the last refusal

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="form"):
            yield Label(self.heading, classes="title")
            for f in self.fields:
                yield Label(f.label + (" *" if f.required else ""), classes="field-label")
                if f.kind == "note":
                    yield Label(str(f.value), id=f"f-{f.name}", classes="field-note")
                    continue
                if f.kind == "long":
                    yield TextArea(str(f.value or ""), id=f"f-{f.name}", classes="long")
                    yield Label("", id=f"e-{f.name}", classes="field-error")
                    continue
                if f.kind == "select":
                    value = f.value if f.value not in ("", None) else Select.NULL
                    # a required choice starts blank (and must be chosen) unless it has a value
                    blank = value is Select.NULL or not f.required
                    yield Select(
                        list(f.options), value=value, id=f"f-{f.name}", allow_blank=blank,
                    )  # fmt: skip
                elif f.kind == "multi":
                    yield SelectionList[Any](
                        *[(label, value, value in f.selected) for label, value in f.options],
                        id=f"f-{f.name}",
                    )
                else:
                    validators = [UKDate()] if f.kind == "date" else []
                    yield Input(
                        str(f.value or ""), placeholder=f.placeholder or (
                            "31/03/2026, 31 March 2026 or 2026-03-31" if f.kind == "date" else ""
                        ), id=f"f-{f.name}", validators=validators, valid_empty=not f.required,
                    )  # fmt: skip
                yield Label("", id=f"e-{f.name}", classes="field-error")
            yield Label("", id="form-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_resize(self, event: events.Resize) -> None:
        # on a 24-row terminal every line counts: fields lose their borders
        compact = event.size.height < 32
        for widget in self.query("Input, Select").results():
            if isinstance(widget, Input | Select):
                widget.compact = compact

    def on_mount(self) -> None:
        # the scrolling dialog itself can take focus: give it to the first field instead
        first = next(iter(self.query("Input, TextArea, Select, SelectionList")), None)
        if first is not None:
            first.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("f-")
        message = ""
        if event.validation_result is not None and not event.validation_result.is_valid:
            message = "; ".join(event.validation_result.failure_descriptions)
        self.query_one(f"#e-{name}", Label).update(message)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.kind == "note":
                continue
            if f.kind == "long":
                out[f.name] = self.query_one(f"#f-{f.name}", TextArea).text.strip()
                continue
            if f.kind == "select":
                value = self.query_one(f"#f-{f.name}", Select).value
                out[f.name] = None if value is Select.NULL else value
            elif f.kind == "multi":
                out[f.name] = list(self.query_one(f"#f-{f.name}", SelectionList).selected)
            else:
                out[f.name] = self.query_one(f"#f-{f.name}", Input).value.strip()
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Save once the focused field has taken every key typed before ctrl+s.

        ctrl+s is a priority binding, handled as it arrives, while keys typed just before it
        may still wait in the field's queue; running the save from that queue keeps them.
        """
        (self.focused or self).call_later(self._save)

    def _save(self) -> None:
        if self.saving:
            return
        if self.refused_at is not None:  # the as-you-type messages stay
            self.query_one(self.refused_at, Label).update("")
            self.refused_at = None
        values = self.values()
        missing = [f for f in self.fields if f.required and values.get(f.name) in ("", None, [])]
        if missing:
            for f in missing:
                self.query_one(f"#e-{f.name}", Label).update("required")
            self._focus_field(missing[0].name)
            return
        self.saving = True
        self.run_worker(lambda: self._submit(values), thread=True, exclusive=True, group="save")

    def _submit(self, values: dict[str, Any]) -> None:
        try:
            result = self.submit(values)
        except AssureError as exc:
            self.post_message(self._Refused(exc))
            return
        self.post_message(self._Saved(result))

    @on(_Saved)
    def _saved(self, event: _Saved) -> None:
        note = self.says(event.result) if self.says else event.result
        if isinstance(note, str) and note:
            self.app.notify(note, title="Saved")
        self.dismiss(event.result)

    @on(_Refused)
    def _refused(self, event: _Refused) -> None:
        self.saving = False
        exc = event.error
        names = {f.name for f in self.fields}
        target = exc.field if isinstance(exc, ValidationError) and exc.field in names else None
        self.refused_at = f"#e-{target}" if target else "#form-error"
        message = exc.problem if target and isinstance(exc, ValidationError) else str(exc)
        self.query_one(self.refused_at, Label).update(message)
        if target:
            self._focus_field(target)

    def _focus_field(self, name: str) -> None:
        """Put the cursor in the field a message is about, so the officer can correct it."""
        found = self.query(f"#f-{name}")
        if found:
            found.first().focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
