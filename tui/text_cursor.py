"""A cursor over an article's words, for selecting a quote by hand.

Moves go word by word, sentence by sentence and paragraph by paragraph. With
an anchor set, the words from the anchor to the cursor are the selection; a
move forward that extends stops at the end of a sentence or paragraph, a
plain one at the start of the next. Kept parts are the first halves of a
split quote ("…," he said, "…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Range = tuple[int, int]

# A word: letters and digits, with inner apostrophes, hyphens and points ("U.S.", "don't").
WORD = re.compile(r"\w+(?:['’\-.]\w+)*")
# Where a sentence ends: its mark, any closing quotation marks, then a space; or a line.
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n\s*")
PARAGRAPH_END = re.compile(r"\n\s*")


@dataclass
class TextCursor:
    words: list[Range]
    sentences: list[int]  # per word: the number of its sentence
    paragraphs: list[int]  # per word: the number of its paragraph
    cursor: int = 0
    anchor: int | None = None
    parts: list[Range] = field(default_factory=list)

    @classmethod
    def over(cls, text: str) -> TextCursor:
        words = [m.span() for m in WORD.finditer(text)]
        return cls(words, _groups(words, SENTENCE_END, text), _groups(words, PARAGRAPH_END, text))

    def place(self, offset: int) -> None:
        """Put the cursor on the word at (or else before) a character offset."""
        index = 0
        for n, (start, _) in enumerate(self.words):
            if start > offset:
                break
            index = n
        self.cursor = index

    def step(self, unit: str, forward: bool, extend: bool = False) -> None:
        """Move by 'word', 'sentence' or 'paragraph'; extend keeps (or sets) the anchor."""
        if extend and self.anchor is None:
            self.anchor = self.cursor
        if unit == "word":
            self.cursor = max(0, min(len(self.words) - 1, self.cursor + (1 if forward else -1)))
            return
        groups = self.sentences if unit == "sentence" else self.paragraphs
        if forward:
            self.cursor = self._forward(groups, extend or self.anchor is not None)
        else:
            self.cursor = self._back(groups)

    def _forward(self, groups: list[int], to_end: bool) -> int:
        here = groups[self.cursor]
        if to_end:
            last = max(n for n, g in enumerate(groups) if g == here)
            if last != self.cursor:
                return last
            later = [n for n, g in enumerate(groups) if g == here + 1]
            return later[-1] if later else self.cursor
        later = [n for n, g in enumerate(groups) if g > here]
        return later[0] if later else self.cursor

    def _back(self, groups: list[int]) -> int:
        here = groups[self.cursor]
        first = min(n for n, g in enumerate(groups) if g == here)
        if first != self.cursor:
            return first
        earlier = [n for n, g in enumerate(groups) if g == here - 1]
        return earlier[0] if earlier else self.cursor

    def toggle_anchor(self) -> None:
        self.anchor = self.cursor if self.anchor is None else None

    def selection(self) -> Range | None:
        """The selected characters: first selected word's start to the last one's end."""
        if self.anchor is None:
            return None
        first, last = sorted((self.anchor, self.cursor))
        return self.words[first][0], self.words[last][1]

    def select(self, start: int, end: int) -> None:
        """Select the words touching the characters [start, end) (a mouse drag)."""
        inside = self.words_in(start, end)
        if inside:
            self.anchor, self.cursor = inside[0], inside[-1]

    def keep_part(self) -> bool:
        """Keep the selection as a part of a split quote; False when nothing is selected."""
        selected = self.selection()
        if selected is None:
            return False
        self.parts = sorted({*self.parts, selected})
        self.anchor = None
        return True

    def all_parts(self) -> list[Range]:
        """The kept parts and the selection, in text order, overlaps merged."""
        ranges = sorted([*self.parts, *([self.selection()] if self.selection() else [])])
        merged: list[Range] = []
        for start, end in ranges:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def words_in(self, start: int, end: int) -> list[int]:
        return [n for n, (s, e) in enumerate(self.words) if s < end and e > start]

    def clear(self) -> None:
        self.anchor = None
        self.parts = []


def _groups(words: list[Range], boundary: re.Pattern, text: str) -> list[int]:
    """Per word, how many boundaries come before it."""
    ends = [m.end() for m in boundary.finditer(text)]
    numbers, seen = [], 0
    for start, _ in words:
        while seen < len(ends) and ends[seen] <= start:
            seen += 1
        numbers.append(seen)
    return numbers
