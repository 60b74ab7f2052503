"""Horizontal stacked bars drawn as text: one row per label, so a bar is never beside
the wrong name.

plotext places horizontal bars and their labels by rounding each to a row of
its own scale; when the chart has about as many rows as bars (the Overview at
80×24 gives 8 speakers 6 rows), two labels land on one row and one is dropped,
and the bars shift against the names left (North Korea's row showed Putin's
bar). Here each label owns one text row and its bar sits on that row; what
does not fit is counted in a last "+ N more" row instead of being squeezed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.widget import Widget

BAR = "█"


@dataclass
class BarRow:
    label: str
    parts: list[int]  # one count per stack, in the order of the colours


def segment_widths(parts: list[int], scale: float) -> list[int]:
    """Cells per part, rounded on the running total so the whole bar is its total's length."""
    widths, running, drawn = [], 0, 0
    for part in parts:
        running += part
        end = round(running * scale)
        widths.append(end - drawn)
        drawn = end
    return widths


class StackedBars(Widget):
    """A titled horizontal stacked bar chart; each row is label, bar, total."""

    DEFAULT_CSS = """
    StackedBars {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, label_width: int = 16, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label_width = label_width
        self.chart_title = ""
        self.rows: list[BarRow] = []
        self.colours: list[str] = []

    def show(self, title: str, rows: list[BarRow], colours: list[str]) -> None:
        self.chart_title, self.rows, self.colours = title, rows, colours
        self.refresh()

    def shown_rows(self, height: int) -> tuple[list[BarRow], int]:
        """(the rows that fit under the title, how many were left out)."""
        room = max(0, height - 1)
        if len(self.rows) <= room:
            return self.rows, 0
        kept = self.rows[: max(0, room - 1)]
        return kept, len(self.rows) - len(kept)

    def render(self) -> Group:
        width = self.content_size.width
        height = self.content_size.height
        title = Text(self.chart_title, style="bold", justify="center", no_wrap=True)
        text = Text(no_wrap=True)
        rows, left_out = self.shown_rows(height)
        if not rows:
            return Group(title)
        totals = [sum(row.parts) for row in self.rows]
        largest = max(totals) or 1
        label_width = min(self.label_width, max(len(row.label) for row in rows))
        count_width = len(f"{largest:,}")
        bar_width = max(1, width - label_width - count_width - 2)
        scale = bar_width / largest
        # With room to spare, a blank row between bars reads more easily.
        gap = "\n" if height - 1 >= 2 * len(rows) + (1 if left_out else 0) else ""
        for number, row in enumerate(rows):
            text.append(("\n" if number else "") + (gap if number else ""))
            text.append(fit(row.label, label_width).rjust(label_width) + " ", style="bold")
            for index, cells in enumerate(segment_widths(row.parts, scale)):
                colour = self.colours[index % len(self.colours)] if self.colours else None
                text.append(BAR * cells, style=colour)
            text.append(f" {sum(row.parts):,}", style="dim")
        if left_out:
            text.append(f"\n{'':>{label_width}} + {left_out} more", style="dim")
        return Group(title, text)


def fit(label: str, width: int) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
