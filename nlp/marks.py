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
from dataclasses import dataclass

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


def find_marked(text: str) -> list[Marked]:
    """Every quoted span in text, in order."""
    found: list[Marked] = []
    double_open: tuple[int, int] | None = None  # (mark start, inner start)
    reopened = 0  # inner start of the latest mark that opened or re-opened it
    single_open: tuple[int, int] | None = None
    nested: str | None = None  # the closing mark of a quote of another style inside one
    for match in MARK_RE.finditer(text):
        mark, pos = match.group(), match.start()
        role = _role(text, pos, mark)
        if mark in "“”" and _typed_backwards(text, pos, double_open is not None):
            role = "close" if role == "open" else "open"
        is_single = mark in "‘’"
        if role == "skip":
            continue
        if is_single:
            if double_open is not None:
                continue  # nested inside a double quote: part of its content
            if role == "open":
                single_open = (pos, match.end())
            elif single_open is not None:
                found.append(Marked(single_open[1], pos, single_open[0], match.end(), True))
                single_open = None
            continue
        if nested is not None:
            if mark == nested and role == "close":
                nested = None
            continue
        if role == "open":
            if double_open is not None and (close := _nested_close(text, double_open, pos)):
                nested = close  # '"… about “Equal Justice” anymore."': part of the content
                continue
            if double_open is not None and not _continues(text, reopened, pos):
                double_open = None  # the earlier mark was stray
            if double_open is None:
                double_open = (pos, match.end())
            reopened = match.end()
            single_open = None
        elif double_open is not None:
            if pos > double_open[1]:
                found.append(Marked(double_open[1], pos, double_open[0], match.end()))
            double_open = None
    return found


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
