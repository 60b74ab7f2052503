"""A quote while it is being assembled (token ranges), and the settings that shape it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from nlp.marks import Marked
from nlp.ranges import TokenRange, trim
from nlp.syntax import Frame

NAMED = ("PERSON", "ORG", "GPE", "NORP")


@dataclass
class Settings:
    include_beliefs: bool = True
    keep_unattributed: bool = True  # sentence-like quotes nobody is named for
    min_direct_tokens: int = 4  # shorter quoted bits need a frame to count
    # "criticized Ford", "defended his deals": a reported object this short names
    # a topic or a party, not what was said (on PolNeAR train, two in three such
    # finds match no attribution).
    min_indirect_words: int = 3
    # The trained tagger's extra finds join the quotes: off, so a tagger (a
    # desk's own from `train --from-db`) feeds the candidates and leaves the
    # quotes' precision alone (on held-out articles its extras cost 1.4 points
    # of quote precision, 1.8 attributed).
    tagger_quotes: bool = False


@dataclass
class Found:
    """A quote while it is being assembled (token ranges)."""

    content: list[TokenRange]
    frame: Frame | None
    kind: str
    marks: list[Marked] = field(default_factory=list)
    trail: list[str] = field(default_factory=list)  # link rules, as they fired
    follows: Found | None = None  # quote this one continues (same speaker)
    # The clause the quoted words sit in, when they repeat another quotation:
    # kept when its subject is that quotation's speaker too.
    clause: Frame | None = None


def _quoted_indices(marks: list[MarkTokens]) -> set[int]:
    return {i for m in marks for i in range(*m.inner)}


def _long_enough(doc: Doc, item: Found, settings: Settings) -> bool:
    """Reported content under min_indirect_words ("criticized Ford") is too thin to keep."""
    if item.kind in ("direct", "mixed") or _words(doc, item) >= settings.min_indirect_words:
        return True
    return item.frame is not None and doc[item.frame.cue[0]].lemma_.lower() == "say"


def _words(doc: Doc, item: Found) -> int:
    return sum(1 for s, e in item.content for t in doc[s:e] if not (t.is_punct or t.is_space))


def _quoted_tokens(found: list[Found]) -> frozenset[int]:
    """Tokens inside some quote's content: the people named there are talked
    about, so neither they nor a nested source is the antecedent of a 'he'."""
    return frozenset(i for item in found for start, end in item.content for i in range(start, end))


@dataclass
class MarkTokens:
    marked: Marked
    inner: TokenRange  # tokens inside the marks
    outer: TokenRange  # tokens including the marks


def _mark_tokens(doc: Doc, marked: Marked) -> MarkTokens | None:
    inner = doc.char_span(marked.start, marked.end, alignment_mode="expand")
    outer = doc.char_span(marked.outer_start, marked.outer_end, alignment_mode="expand")
    if inner is None or outer is None or not len(inner):
        return None
    return MarkTokens(marked, trim(doc, inner.start, inner.end), (outer.start, outer.end))
