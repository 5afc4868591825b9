"""A table of records keyed by id that keeps its cursor on the same record across reloads.

After a save the screen reloads its rows; the next key must act on the record the officer was
on, not on whatever row 1 now holds. `fill` puts the cursor back on the record by id, or, when
that record has left the list (closed, filtered out), on its neighbour at the same position.

Given `Column`s, the table fits any terminal width: one flexible column (a title) takes the room
left and is cut with an ellipsis, and the columns marked droppable go first when it is narrow.
Columns that matter (owner, due date, status, the overdue marker) are never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.widgets import DataTable

Row = tuple[int, Sequence[Any]]  # (record id, cells)
PADDING = 2  # a cell's padding, one each side
SCROLLBAR = 2


@dataclass(frozen=True)
class Column:
    """A column: its label, its width (the least, for the flexible one), and when it goes."""

    label: str
    width: int
    flex: bool = False  # takes the width left over; its text is cut with an ellipsis
    drop: int = 0  # 0: never dropped; otherwise the highest goes first when there is no room


def fit(columns: Sequence[Column], width: int) -> tuple[list[int], int]:
    """Return the indexes of the columns that fit `width`, and the flexible column's width."""
    shown = list(range(len(columns)))
    flex_min = sum(c.width for c in columns if c.flex)

    def fixed() -> int:
        return sum(columns[i].width + PADDING for i in shown if not columns[i].flex)

    def room() -> int:
        flex_padding = PADDING * sum(1 for i in shown if columns[i].flex)
        return width - SCROLLBAR - fixed() - flex_padding

    droppable = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    while room() < flex_min and droppable:
        shown.remove(droppable.pop()[1])
    return shown, max(room(), flex_min)


class RecordTable(DataTable[Any]):
    """A DataTable whose rows are records, keyed by their id."""

    def __init__(
        self,
        *,
        columns: Sequence[Column] = (),
        sortable: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.layout_columns = list(columns)
        self._rows: list[Row] = []
        self._shown: list[int] = []
        self._flex_width = 0
        self.sortable = sortable
        self.sorted_by: str | None = None
        self.reverse = False

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Lay the table out with new columns (a grid whose columns come from the data)."""
        self.layout_columns = list(columns)
        self._shown, self._flex_width = [], 0
        self.clear(columns=True)

    @property
    def current_id(self) -> int | None:
        """The id of the record under the cursor, or None for an empty table."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key else None

    def fill(self, rows: Iterable[Row], keep: int | None = None) -> None:
        """Replace the rows; put the cursor on `keep` (default: the record it was on)."""
        target = keep if keep is not None else self.current_id
        position = self.cursor_row
        self._rows = list(rows)
        self._relayout()
        self.clear()
        for record_id, cells in self._rows:
            self.add_row(*self._cells(cells), key=str(record_id))
        ids = [record_id for record_id, _ in self._rows]
        if not ids:
            return
        if self.sorted_by is not None and self.sorted_by in {str(k.value) for k in self.columns}:
            self.sort(self.sorted_by, key=_sort_key, reverse=self.reverse)
            ids = [
                int(str(self.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value))
                for i in range(self.row_count)
            ]
        index = ids.index(target) if target in ids else min(position, len(ids) - 1)
        self.move_cursor(row=max(index, 0), animate=False)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """Click a column's header (or press enter on it) to sort by it; again to reverse."""
        if not self.sortable:
            return
        event.stop()
        key = str(event.column_key.value)
        self.sorted_by, self.reverse = key, (self.sorted_by == key and not self.reverse)
        self.sort(event.column_key, key=_sort_key, reverse=self.reverse)

    def sort_by(self, index: int) -> None:
        """Sort by the `index`th column shown (the s key cycles through them)."""
        keys = list(self.columns)
        if keys:
            column = keys[index % len(keys)]
            self.sorted_by, self.reverse = str(column.value), False
            self.sort(column, key=_sort_key)

    def update_row(self, record_id: int, cells: Sequence[Any]) -> bool:
        """Redraw one record's cells in place; return False when it is not in the table."""
        key = str(record_id)
        if key not in self.rows:
            return False
        self._rows = [(rid, cells if rid == record_id else old) for rid, old in self._rows]
        for column, value in zip(self.columns, self._cells(cells), strict=True):
            self.update_cell(key, column, value)
        return True

    # --- fitting the width --------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.layout_columns and self._relayout():
            self.fill(self._rows)

    def _relayout(self) -> bool:
        """Choose the columns for the current width; return True when they changed."""
        if not self.layout_columns:
            return False
        shown, flex_width = fit(self.layout_columns, self.size.width or 80)
        if (shown, flex_width) == (self._shown, self._flex_width) and self.columns:
            return False
        self._shown, self._flex_width = shown, flex_width
        self.clear(columns=True)
        for i in shown:
            column = self.layout_columns[i]
            self.add_column(
                column.label, width=flex_width if column.flex else column.width, key=column.label
            )
        return True

    def _cells(self, cells: Sequence[Any]) -> list[Any]:
        if not self.layout_columns:
            return list(cells)
        return [
            _cut(cells[i], self._flex_width if column.flex else column.width)
            for i in self._shown
            for column in (self.layout_columns[i],)
        ]


def _cut(value: Any, width: int) -> Text:
    """Cut a cell's text to its column's `width`, with an ellipsis where it is longer."""
    text = value.copy() if isinstance(value, Text) else Text(str(value))
    text.truncate(width, overflow="ellipsis")
    return text


def _sort_key(value: Any) -> tuple[int, Any]:
    """Dates (dd/mm/yyyy) by date, numbers by number, the rest by text, blanks last."""
    text = value.plain if isinstance(value, Text) else str(value)
    text = text.removeprefix("! OVERDUE ").strip()
    if not text:
        return (3, "")
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return (0, (int(parts[2]), int(parts[1]), int(parts[0])))
    if text.isdigit():
        return (1, int(text))
    return (2, text.casefold())
