"""The plain data that leaves nlp/: articles in, extraction records out.

Nothing downstream of nlp/ touches spaCy objects; it sees only these
dataclasses (or their JSON form, the extraction record of DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A [start, end) character range into the article text.
Range = tuple[int, int]

KINDS = ("direct", "mixed", "indirect", "belief")
SPEAKER_TYPES = ("person", "organisation", "unnamed")

# A news article is a few kilobytes; anything this big is a wrong file. Long
# articles up to it are read in blocks (nlp.blocks), in time linear in length.
MAX_ARTICLE_CHARS = 2_000_000


def too_large(
    what: str, size: int | None, limit: int, unit: str = "bytes", limit_unit: str | None = None
) -> str:
    """Every "too large" says what, how large (when known) and the limit it passed."""
    limit_text = f"the limit is {limit:,} {limit_unit or unit}"
    if size is None:  # a stream stopped at the limit: its real size is unknown
        return f"too large for {what} ({limit_text})"
    return f"too large for {what} ({size:,} {unit}; {limit_text})"


def article_too_large(size: int, unit: str = "characters") -> str:
    return too_large("an article", size, MAX_ARTICLE_CHARS, unit, "characters")


def encodable(text: str) -> bool:
    """Whether `text` can be stored and printed: a lone surrogate (JSON's "\\ud800",
    a non-UTF-8 command-line argument) cannot."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class Article:
    """One input document, text exactly as read (utf-8, newline="")."""

    doc: str  # file stem, or an id from the JSONL record
    text: str
    title: str | None = None
    outlet: str | None = None  # from metadata; None means "find it in the text"
    url: str | None = None
    published: str | None = None
    path: str | None = None
    # Set by intake/ for pages from the web (and WARC files).
    canonical_url: str | None = None  # the URL the page declares for itself
    fetched_at: str | None = None
    author: str | None = None
    outlet_evidence: str | None = None  # why `outlet`: "og:site_name 'Reuters'", a domain
    wire: str | None = None  # the agency the text credits, when not the outlet itself
    evidence: dict[str, str] = field(default_factory=dict)  # field -> where it came from


@dataclass
class Quote:
    content: list[Range]
    cue: list[Range]
    source: list[Range]
    speaker: str | None  # canonical name, or None when nobody is named
    kind: str  # one of KINDS
    confidence: float = 0.5
    speaker_type: str | None = None  # one of SPEAKER_TYPES
    role: str | None = None  # "Kremlin spokesman"
    evidence: str = ""  # why this speaker: "subject of 'said'", "pronoun -> Dmitry Peskov"
    parent: int | None = None  # index of the outer quote when this one is nested in it
    # Several sources ("the Kremlin and Pyongyang state media said"): each one's
    # name, type, role and source span; `speaker` then joins their names.
    speakers: list[dict] | None = None
    # What the pass is unsure of (nlp/candidates.py): kept for an analyst to
    # confirm, never counted as a quote; `confidence` is then its calibrated score.
    candidate: bool = False

    def to_json(self) -> dict:
        record = {
            "content": [list(r) for r in self.content],
            "cue": [list(r) for r in self.cue],
            "source": [list(r) for r in self.source],
            "speaker": self.speaker,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "speaker_type": self.speaker_type,
            "role": self.role,
            "evidence": self.evidence,
            "parent": self.parent,
        }
        if self.speakers:
            record["speakers"] = self.speakers
        if self.candidate:
            record["candidate"] = True
        return record


@dataclass
class Alias:
    """A name variant merged into a canonical speaker, with the reason."""

    alias: str
    speaker: str
    evidence: str
    speaker_type: str = "person"  # one of SPEAKER_TYPES


@dataclass
class Extraction:
    """What the NLP pass found in one article."""

    article: Article
    outlet: str | None
    outlet_evidence: str | None
    quotes: list[Quote] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    error: str | None = None  # why the pass failed on this article; then nothing was found
    # What the pass is unsure of (nlp/candidates.py), apart from its quotes.
    candidates: list[Quote] = field(default_factory=list)

    def record(self) -> dict:
        """The record as dataclasses.asdict gives it, without its deep copies
        (the writer converts every record; it reads them and changes nothing)."""
        return {
            "article": dict(vars(self.article)),
            "outlet": self.outlet,
            "outlet_evidence": self.outlet_evidence,
            "quotes": [dict(vars(q)) for q in self.quotes],
            "aliases": [dict(vars(a)) for a in self.aliases],
            "error": self.error,
            "candidates": [dict(vars(q)) for q in self.candidates],
        }

    def to_json(self, include_candidates: bool = False) -> dict:
        """The extraction record; candidates (each marked "candidate": true)
        only when asked for, so the contract's "quotes" stay quotes."""
        quotes = self.quotes + (self.candidates if include_candidates else [])
        return {
            "doc": self.article.doc,
            "outlet": self.outlet,
            "quotes": [q.to_json() for q in quotes],
        }
