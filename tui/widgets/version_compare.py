"""Two outlets' versions of one statement, side by side, word differences marked.

"closest friend … greatest sincerity" against "best friend … utmost respect":
the words only one side has are shaded, so an analyst sees at once where two
translations or two editors part ways. Words are compared without case and
punctuation, so a curly quote or a trailing comma is not a difference.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from tui.colours import DIFF_ONLY_BASE, DIFF_ONLY_OTHER, kind_text

WORD = re.compile(r"\S+")
PUNCTUATION = re.compile(r"[^\w]+")


def clean(text: str) -> str:
    """One line of plain spaces (articles carry no-break spaces and newlines)."""
    return " ".join((text or "").split())


def _key(word: str) -> str:
    return PUNCTUATION.sub("", word.casefold()) or word


def word_diff(base: str, other: str) -> tuple[Text, Text, float]:
    """Both texts with the words only each has shaded, and their word similarity 0..1."""
    base, other = clean(base), clean(other)
    left = list(WORD.finditer(base))
    right = list(WORD.finditer(other))
    matcher = SequenceMatcher(
        None, [_key(m.group()) for m in left], [_key(m.group()) for m in right], autojunk=False
    )
    base_text, other_text = Text(base), Text(other)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            base_text.stylize(DIFF_ONLY_BASE, left[i1].start(), left[i2 - 1].end())
        if tag in ("replace", "insert") and j2 > j1:
            other_text.stylize(DIFF_ONLY_OTHER, right[j1].start(), right[j2 - 1].end())
    return base_text, other_text, matcher.ratio()


def similarity(base: str, other: str) -> float:
    return word_diff(base, other)[2]


def version_head(version: dict[str, Any], label: str) -> Text:
    """ "BASE  Yonhap · 2024-01-21 · North Korea · indirect" """
    head = Text.assemble(
        (f"{label} ", "bold reverse"),
        " ",
        (version.get("outlet") or "unknown outlet", "bold"),
        (" · ", "dim"),
        (str(version.get("published") or "")[:10] or "no date", ""),
        (" · ", "dim"),
        version.get("speaker") or "unknown speaker",
        (" · ", "dim"),
    )
    head.append_text(kind_text(version.get("kind")))
    return head


class VersionCompare(Horizontal):
    """The base version on the left, the one being compared on the right."""

    # The two marked texts last shown (base, other), or None: what the analyst sees.
    diff: tuple[Text, Text] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="compare-base", classes="compare-side"):
            yield Static(id="compare-base-head", classes="compare-head")
            yield Static(id="compare-base-text")
        with VerticalScroll(id="compare-other", classes="compare-side"):
            yield Static(id="compare-other-head", classes="compare-head")
            yield Static(id="compare-other-text")

    def show(self, base: dict[str, Any] | None, other: dict[str, Any] | None) -> None:
        parts = {
            name: self.query_one(f"#compare-{name}", Static)
            for name in ("base-head", "base-text", "other-head", "other-text")
        }
        self.diff = None
        if base is None:
            for part in parts.values():
                part.update("")
            return
        parts["base-head"].update(version_head(base, "BASE"))
        if other is None or other.get("id") == base.get("id"):
            parts["base-text"].update(clean(base.get("quote") or ""))
            parts["other-head"].update(Text("No other version to compare with.", style="dim"))
            parts["other-text"].update("")
            return
        left, right, score = word_diff(base.get("quote") or "", other.get("quote") or "")
        self.diff = (left, right)
        head = version_head(other, "VS")
        head.append(f"  {score:.0%} same words", style="dim")
        parts["base-text"].update(left)
        parts["other-head"].update(head)
        parts["other-text"].update(right)
