"""Token ranges [start, end): trimming, joining and testing them."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def _subtree_range(token: Token) -> tuple[int, int]:
    return trim(token.doc, token.left_edge.i, token.right_edge.i + 1)


def _has_words(doc: Doc, start: int, end: int) -> bool:
    return any(not t.is_punct and not t.is_space for t in doc[start:end])


STRIP_EDGE = {",", ";", ":", "—", "–", "-", "(", ")", "."}


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and separating punctuation at both ends (quote marks are kept)."""
    while start < end and (doc[start].is_space or doc[start].text in STRIP_EDGE):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in STRIP_EDGE):
        end -= 1
    return start, end


TokenRange = tuple[int, int]


def _overlaps(inner: TokenRange, ranges: list[TokenRange]) -> bool:
    return any(inner[0] < e and s < inner[1] for s, e in ranges)


def _union(first: list[TokenRange], second: list[TokenRange]) -> list[TokenRange]:
    """The tokens of both, as ranges: the two may overlap, and a quote must not
    repeat its words."""
    return _runs(list({i for start, end in first + second for i in range(start, end)}))


def _runs(indices: list[int]) -> list[TokenRange]:
    runs: list[TokenRange] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs
