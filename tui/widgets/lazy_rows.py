"""A long list shown in a DataTable a chunk of rows at a time.

A DataTable measures every cell it holds before it draws: 5,000 speakers or
1,000 statements kept their screen blank for a second or more. The screen
keeps the whole list; the table gets its first CHUNK rows, and the next chunk
when the cursor comes within MARGIN rows of the last one it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from textual.widgets import DataTable

CHUNK = 100
MARGIN = 40

Row = TypeVar("Row")


def show_more(
    table: DataTable, rows: Sequence[Row], add: Callable[[Row], None], upto: int = 0
) -> None:
    """Add the next CHUNK of `rows` after those the table holds, or as many as it
    takes to hold row `upto` (to put the cursor back on it)."""
    start = table.row_count
    for row in rows[start : max(start + CHUNK, upto + 1)]:
        add(row)


def near_end(table: DataTable) -> bool:
    """The cursor is close enough to the last row held to fetch the next chunk."""
    return table.cursor_row >= table.row_count - MARGIN
