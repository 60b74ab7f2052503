"""Quotation marks paired into quoted spans, on raw text, so offsets stay exact.

Handles curly “…”, straight "…", the two-apostrophe ''…'' of NYT copy (and
``…''), top-level single ‘…’ (British headlines), quotes that run over several
paragraphs (a paragraph that opens a quote without closing it, the next one
re-opening it), and single quotes nested in double ones (left inside the outer
quote's content).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# "’’" is two right single marks typed for a closing double one ('a “question’’').
MARK_RE = re.compile(r"``|''|’’|[\"“”„‘’]")
OPENING_CONTEXT = set(" \t\n\r\u00a0([{—–-/") | {""}
PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Marked:
    """A quoted span: start/end are the inner text; outer includes the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    single: bool = False
    # Re-opened in a later paragraph (a quote over several paragraphs); for the
    # evidence trail only, so not part of equality.
    paragraphs: bool = field(default=False, compare=False)


def _role(text: str, pos: int, mark: str) -> str:
    """'open', 'close' or 'skip' for the mark at pos, from the characters around it."""
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else ""
    if mark in ("“", "„", "``"):
        return "open"
    if mark in ("”", "’’"):
        return "close"
    if mark in ('"', "''"):
        if before in OPENING_CONTEXT or before in "“‘":
            return "open" if after and not after.isspace() else "close"
        return "close"
    if mark == "‘":
        return "open" if before in OPENING_CONTEXT else "skip"
    # ’ is usually an apostrophe (don’t, Kim’s); it closes a single quote only
    # when no letter follows.
    return "close" if not after.isalnum() else "skip"


def _typed_backwards(text: str, pos: int, inside: bool) -> bool:
    """'“… a fascist?“ he asked', '⏎”Sorry Sarah …!!” posted Sharon': a curly
    mark of the wrong hand, read by the characters around it. An opening mark
    after a word and before a space or the end closes an open quote; a closing
    mark at a word start opens one when none is open."""
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if text[pos] == "“":
        return inside and bool(before) and not before.isspace() and (not after or after.isspace())
    opens_word = before in OPENING_CONTEXT or unicodedata.category(before) == "Cf"
    return not inside and opens_word and after.isalnum()


@dataclass
class Pairing:
    """The marks left open while find_marked reads the text."""

    text: str
    found: list[Marked] = field(default_factory=list)
    double_open: tuple[int, int] | None = None  # (mark start, inner start)
    reopened: int = 0  # inner start of the latest mark that opened or re-opened it
    paragraphs: bool = False  # re-opened in a later paragraph
    single_open: tuple[int, int] | None = None
    nested: str | None = None  # the closing mark of a quote of another style inside one


def find_marked(text: str) -> list[Marked]:
    """Every quoted span in text, in order."""
    state = Pairing(text)
    for match in MARK_RE.finditer(text):
        mark, pos = match.group(), match.start()
        role = _role(text, pos, mark)
        if mark in "“”" and _typed_backwards(text, pos, state.double_open is not None):
            role = "close" if role == "open" else "open"
        if role == "skip":
            continue
        if mark in "‘’":
            _single_mark(state, role, pos, match.end())
        elif state.nested is not None:
            if mark == state.nested and role == "close":
                state.nested = None
        elif role == "open":
            _open_double(state, pos, match.end())
        else:
            _close_double(state, pos, match.end())
    return state.found


def _single_mark(state: Pairing, role: str, pos: int, end: int) -> None:
    """'‘No deal’ says PM': a single quote at top level; inside a double one it is content."""
    if state.double_open is not None:
        return  # nested inside a double quote: part of its content
    if role == "open":
        state.single_open = (pos, end)
    elif state.single_open is not None:
        opened = state.single_open
        state.found.append(Marked(opened[1], pos, opened[0], end, True))
        state.single_open = None


def _open_double(state: Pairing, pos: int, end: int) -> None:
    """'“A …⏎⏎“B …”': an opening mark opens, nests, or re-opens a quote across paragraphs."""
    text, open_at = state.text, state.double_open
    if open_at is not None and (close := _nested_close(text, open_at, pos)):
        state.nested = close  # '"… about “Equal Justice” anymore."': part of the content
        return
    if open_at is not None and not _continues(text, state.reopened, pos):
        open_at = None  # the earlier mark was stray
    state.paragraphs = open_at is not None
    state.double_open = open_at if open_at is not None else (pos, end)
    state.reopened = end
    state.single_open = None


def _close_double(state: Pairing, pos: int, end: int) -> None:
    """'“We will win,” she said': a closing mark ends the open quote."""
    opened = state.double_open
    if opened is not None and pos > opened[1]:
        state.found.append(Marked(opened[1], pos, opened[0], end, paragraphs=state.paragraphs))
    state.double_open = None


def _continues(text: str, inner_start: int, reopen: int) -> bool:
    """A quote left open at a paragraph end continues if the next paragraph re-opens it."""
    between = text[inner_start:reopen]
    breaks = list(PARAGRAPH_RE.finditer(between))
    if not breaks:
        return False
    # The re-opening mark must start the paragraph right after the open one: a
    # paragraph in between that opens with no mark is narration, and the
    # quote's closing mark was lost ('… Syria.'.')⏎⏎Mr. Obama's …⏎⏎''Both …').
    return len(breaks) == 1 and between[breaks[-1].end() :].strip() == ""


CLOSING = {"“": "”", '"': '"', "``": "''", "''": "''", "„": "”"}
CLOSE_RE = {close: re.compile(re.escape(close) + r"(?=\W|$)") for close in set(CLOSING.values())}


def _nested_close(text: str, outer: tuple[int, int], pos: int) -> str | None:
    """The closing mark when the quote opening at pos sits inside the open one.

    A mark of another style ('"…“…”…"') nests when the outer quote goes on
    after it: its own closing mark follows later in the paragraph, or the
    paragraph ends open and the next one re-opens it.
    """
    outer_mark = text[outer[0] : outer[1]]
    mark = "``" if text.startswith("``", pos) else "''" if text.startswith("''", pos) else text[pos]
    inner_close = CLOSING.get(mark)
    if inner_close is None or CLOSING.get(outer_mark) in (None, inner_close):
        return None
    found = CLOSE_RE[inner_close].search(text, pos + len(mark))
    paragraph = PARAGRAPH_RE.search(text, pos)
    end = paragraph.start() if paragraph else len(text)
    if found is None or found.start() >= end:
        return None
    rest = text[found.end() : end]
    if CLOSING[outer_mark] in rest:
        return inner_close
    after = text[end:].lstrip()
    return inner_close if paragraph and after.startswith(outer_mark) else None
