"""Long articles cut into blocks at paragraph breaks, so the pass stays linear.

The rules look back over the whole document for sentences, entities and
antecedents, so their time grows with the square of its length (a 200,000-
character article took 33 s, 100,000 took 12.6 s), and spaCy refuses a text
over a million characters outright. An article longer than BLOCK_CHARS is
read block by block instead: each block owns a run of whole paragraphs, and
is read with a few paragraphs of context on either side, so a pronoun at the
top of a block finds its antecedent and a speaker named just after the block
is still seen. A quote belongs to the block that owns its first character.

A cut never falls inside a quotation (one that runs over several paragraphs
stays whole) nor after a paragraph that ends in a colon (its quotation opens
the next paragraph).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from nlp.marks import find_marked

# Every article of the bundled samples and of PolNeAR's train split (the
# longest is 33,672 characters) is read whole, exactly as before blocks existed.
BLOCK_CHARS = 50_000
# Context read around a block; only the quotes in the block itself are kept.
CONTEXT_BEFORE = 2_000
CONTEXT_AFTER = 1_000
# A block may outgrow BLOCK_CHARS to keep a quotation whole, up to this many
# times; past that (a "paragraph" of a megabyte) it is cut at a line or a word.
STRETCH = 4

LINE_BREAK_RE = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Block:
    """Characters [start, end) are read; quotes starting in [own_start, own_end) are kept."""

    start: int
    end: int
    own_start: int
    own_end: int


def cut_blocks(text: str, block_chars: int = BLOCK_CHARS) -> list[Block]:
    """The blocks of `text`; one block, the whole text, when it is short enough."""
    if len(text) <= block_chars:
        return [Block(0, len(text), 0, len(text))]
    cuts = safe_cuts(text)
    owned = _owned_ranges(text, cuts, block_chars)
    blocks = []
    for own_start, own_end in owned:
        start = _first_at_or_after(cuts, own_start - CONTEXT_BEFORE, own_start)
        end = _last_at_or_before(cuts, own_end + CONTEXT_AFTER, own_end)
        blocks.append(Block(start, end, own_start, own_end))
    return blocks


def safe_cuts(text: str) -> list[int]:
    """Paragraph starts a block may begin at, in order."""
    quotations = [(m.outer_start, m.outer_end) for m in find_marked(text)]
    starts = [start for start, _ in quotations]
    cuts = []
    for match in LINE_BREAK_RE.finditer(text):
        cut = match.end()
        if _ends_in_colon(text, match.start()):
            continue  # 'He declared:' hands its quotation to the next paragraph
        i = bisect.bisect_left(starts, cut) - 1
        if i >= 0 and quotations[i][1] > cut:
            continue  # inside a quotation
        cuts.append(cut)
    return cuts


def _ends_in_colon(text: str, line_end: int) -> bool:
    i = line_end - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i >= 0 and text[i] == ":"


def _owned_ranges(text: str, cuts: list[int], block_chars: int) -> list[tuple[int, int]]:
    ranges = []
    start = 0
    while len(text) - start > block_chars:
        end = _cut_after(text, cuts, start, block_chars)
        ranges.append((start, end))
        start = end
    ranges.append((start, len(text)))
    return ranges


def _cut_after(text: str, cuts: list[int], start: int, block_chars: int) -> int:
    """Where the block starting at `start` ends: the last safe cut within
    block_chars, else the first one within STRETCH times that, else a line
    break, sentence end or space near block_chars (the text has no usable
    paragraphs there)."""
    target = start + block_chars
    i = bisect.bisect_right(cuts, target) - 1
    if i >= 0 and cuts[i] > start:
        return cuts[i]
    if i + 1 < len(cuts) and cuts[i + 1] - start <= block_chars * STRETCH:
        return cuts[i + 1]
    floor = start + block_chars // 2
    for separator in ("\n", ". ", " "):
        at = text.rfind(separator, floor, target)
        if at >= 0:
            return at + len(separator)
    return target


def _first_at_or_after(cuts: list[int], low: int, limit: int) -> int:
    """The earliest safe cut in [low, limit], else limit."""
    i = bisect.bisect_left(cuts, max(low, 0))
    return cuts[i] if i < len(cuts) and cuts[i] <= limit else limit


def _last_at_or_before(cuts: list[int], high: int, limit: int) -> int:
    """The latest safe cut in [limit, high], else limit."""
    i = bisect.bisect_right(cuts, high) - 1
    return cuts[i] if i >= 0 and cuts[i] >= limit else limit
