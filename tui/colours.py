"""One colour per kind, stance and review status, used the same way on every screen.

The table, the detail pane, the article view and the charts all take their
colours from here, so "orange" means "indirect" wherever an analyst sees it.
Stance colours belong to the four stance *slots*, not to the words, because
the labels themselves come from the analyst's config file.
"""

from __future__ import annotations

from rich.text import Text

KIND_COLOURS: dict[str, str] = {
    "direct": "#4fc3f7",  # light blue
    "mixed": "#ce93d8",  # lilac
    "indirect": "#ffb74d",  # orange
    "belief": "#a1887f",  # taupe
}
UNKNOWN_COLOUR = "#9e9e9e"

# Slot 1..4 of the configured stance labels (default support/oppose/neutral/unclear).
STANCE_SLOT_COLOURS: tuple[str, ...] = ("#81c784", "#e57373", "#90a4ae", "#fff176")

STATUS_COLOURS: dict[str, str] = {
    "unreviewed": "#9e9e9e",
    "accepted": "#66bb6a",
    "rejected": "#ef5350",
}
STATUS_GLYPHS: dict[str, str] = {"unreviewed": "·", "accepted": "✓", "rejected": "✗"}

# The speaker mention inside the paragraph ("Mr. Peskov", "he").
SOURCE_STYLE = "bold underline #ffffff on #5c6bc0"
CUE_STYLE = "bold italic underline"

# Word differences between two outlets' versions of one statement: what only
# the left (base) version says, and what only the right one says.
DIFF_ONLY_BASE = "bold #ffab91 on #4e2a22"
DIFF_ONLY_OTHER = "bold #a5d6a7 on #1f3d24"


def kind_colour(kind: str | None) -> str:
    return KIND_COLOURS.get(kind or "", UNKNOWN_COLOUR)


def stance_colour(stance: str | None, labels: tuple[str, ...]) -> str:
    if stance and stance in labels:
        return STANCE_SLOT_COLOURS[labels.index(stance) % len(STANCE_SLOT_COLOURS)]
    return UNKNOWN_COLOUR


def kind_text(kind: str | None) -> Text:
    return Text(kind or "?", style=kind_colour(kind))


def stance_text(stance: str | None, labels: tuple[str, ...]) -> Text:
    if not stance:
        return Text("–", style="dim")
    return Text(stance, style=stance_colour(stance, labels))


def status_text(status: str | None, *, short: bool = False) -> Text:
    status = status or "unreviewed"
    glyph = STATUS_GLYPHS.get(status, "?")
    label = glyph if short else f"{glyph} {status}"
    return Text(label, style=STATUS_COLOURS.get(status, UNKNOWN_COLOUR))
