"""A table of records keyed by id that keeps its cursor on the same record across reloads.

After a save the screen reloads its rows; the next key must act on the record the officer was
on, not on whatever row 1 now holds. `fill` puts the cursor back on the record by id, or, when
that record has left the list (closed, filtered out), on its neighbour at the same position.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual.widgets import DataTable

Row = tuple[int, Sequence[Any]]  # (record id, cells)


class RecordTable(DataTable[Any]):
    """A DataTable whose rows are records, keyed by their id."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)

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
        self.clear()
        ids: list[int] = []
        for record_id, cells in rows:
            self.add_row(*cells, key=str(record_id))
            ids.append(record_id)
        if not ids:
            return
        index = ids.index(target) if target in ids else min(position, len(ids) - 1)
        self.move_cursor(row=max(index, 0), animate=False)

    def update_row(self, record_id: int, cells: Sequence[Any]) -> bool:
        """Redraw one record's cells in place; return False when it is not in the table."""
        key = str(record_id)
        if key not in self.rows:
            return False
        for column, value in zip(self.columns, cells, strict=True):
            self.update_cell(key, column, value)
        return True
