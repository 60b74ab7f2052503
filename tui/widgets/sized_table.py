"""A DataTable that tells its screen when the layout gives it a new size."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import DataTable


class SizedTable(DataTable):
    """Rows cut to the table's width must be cut again when its width changes.

    A screen's own Resize comes before its layout settles (the wide layout moves
    a pane beside the table afterwards), so only the table knows its final width.
    """

    class Resized(Message):
        def __init__(self, table: SizedTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> SizedTable:
            return self.table

    def on_resize(self, _: events.Resize) -> None:
        self.post_message(self.Resized(self))
