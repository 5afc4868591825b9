"""One form dialog for every record: fields that validate as you type, errors by the field.

A form is a list of `Field`s and a `submit(values)` callback that calls a service. A service's
ValidationError names its field; the message appears under that field and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Select, SelectionList

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
    kind: str = "text"  # text, date, select, multi
    value: Any = ""
    options: Sequence[tuple[str, Any]] = ()
    required: bool = False
    placeholder: str = ""
    selected: Sequence[Any] = field(default_factory=tuple)


class FormModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, title: str, fields: Sequence[Field], submit: Callable[[dict[str, Any]], str]
    ) -> None:
        super().__init__()
        self.heading = title
        self.fields = list(fields)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="form"):
            yield Label(self.heading, classes="title")
            for f in self.fields:
                yield Label(f.label + (" *" if f.required else ""), classes="field-label")
                if f.kind == "select":
                    value = f.value if f.value not in ("", None) else Select.NULL
                    # a required choice starts blank (and must be chosen) unless it has a value
                    blank = value is Select.NULL or not f.required
                    yield Select(list(f.options), value=value, id=f"f-{f.name}", allow_blank=blank)
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

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("f-")
        message = ""
        if event.validation_result is not None and not event.validation_result.is_valid:
            message = "; ".join(event.validation_result.failure_descriptions)
        self.query_one(f"#e-{name}", Label).update(message)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
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
        for label in self.query(".field-error").results(Label):
            label.update("")
        values = self.values()
        missing = [f for f in self.fields if f.required and values.get(f.name) in ("", None, [])]
        if missing:
            for f in missing:
                self.query_one(f"#e-{f.name}", Label).update("required")
            return
        try:
            message = self.submit(values)
        except ValidationError as exc:
            names = {f.name for f in self.fields}
            target = exc.field if exc.field in names else None
            where = f"#e-{target}" if target else "#form-error"
            self.query_one(where, Label).update(exc.problem if target else str(exc))
            return
        except AssureError as exc:
            self.query_one("#form-error", Label).update(str(exc))
            return
        self.app.notify(message, title="Saved")
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
