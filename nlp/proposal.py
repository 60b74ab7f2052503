"""What the pass says about words an analyst marked as a quote by hand.

The analyst selects the words (one part, or two for a split quote); the
desk proposes the rest: cue, source mention, speaker and kind. The pass runs
on the article as it is; when none of its quotes covers the selection (the
usual case: the analyst adds what it missed), it runs again with the
selection set in quotation marks, which lets the rules for direct quotes
find the verb and the speaker around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from nlp.extract import extract
from nlp.records import Article, Quote, Range

OPENING = "“\"«‘'"
CLOSING = "”\"»’'"
# Punctuation that may sit between a quote's last word and its closing mark.
TRAILING = ",.;:!?…"


@dataclass
class Proposal:
    content: list[Range]
    cue: list[Range] = field(default_factory=list)
    source: list[Range] = field(default_factory=list)
    speaker: str | None = None
    speaker_type: str | None = None
    role: str | None = None
    kind: str = "indirect"
    evidence: str = "the pass found nothing around these words"


def propose(text: str, selection: list[Range], known_speakers: Iterable[str] = ()) -> Proposal:
    """Cue, source, speaker and kind for `selection` (ranges in text order)."""
    known = list(known_speakers)
    marked = all(enclosed(text, start, end) for start, end in selection)
    proposal = Proposal(list(selection), kind="direct" if marked else "indirect")
    found = _best(_quotes(text, known), selection)
    if found:
        evidence = "the pass's own quote over these words"
        if not marked:
            proposal.kind = found.kind
    elif not marked:
        wrapped, inside, back = _wrap(text, selection)
        found = _best(_quotes(wrapped, known), inside)
        if found:
            found.cue = [(back(s), back(e)) for s, e in found.cue]
            found.source = [(back(s), back(e)) for s, e in found.source]
        evidence = "the pass, with these words in quotation marks"
    if found:
        proposal.cue, proposal.source = list(found.cue), list(found.source)
        proposal.speaker, proposal.speaker_type = found.speaker, found.speaker_type
        proposal.role, proposal.evidence = found.role, evidence
    return proposal


def enclosed(text: str, start: int, end: int) -> bool:
    """True when quotation marks enclose text[start:end] (spaces and a comma allowed)."""
    before = text[:start].rstrip()
    after = text[end:].lstrip().lstrip(TRAILING)
    return bool(before) and before[-1] in OPENING and bool(after) and after[0] in CLOSING


def _quotes(text: str, known: list[str]) -> list[Quote]:
    (extraction,) = extract([Article(doc="selection", text=text)], known_speakers=known)
    return extraction.quotes


def _best(quotes: list[Quote], selection: list[Range]) -> Quote | None:
    """The quote sharing the most characters with the selection, if any does."""

    def shared(quote: Quote) -> int:
        return sum(
            max(0, min(e, qe) - max(s, qs)) for s, e in selection for qs, qe in quote.content
        )

    best = max(quotes, key=shared, default=None)
    return best if best is not None and shared(best) > 0 else None


def _wrap(text: str, selection: list[Range]):
    """The text with each part in quotation marks, the parts' place in it, and a
    map from its offsets back to the original's."""
    pieces, last = [], 0
    for start, end in selection:
        pieces += [text[last:start], "“", text[start:end], "”"]
        last = end
    pieces.append(text[last:])
    inside = [(start + 2 * i + 1, end + 2 * i + 1) for i, (start, end) in enumerate(selection)]
    marks = [start - 1 for start, _ in inside] + [end for _, end in inside]

    def back(offset: int) -> int:
        return offset - sum(1 for m in marks if m < offset)

    return "".join(pieces), inside, back
