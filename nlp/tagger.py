"""The trained attribution tagger, and reading attributions back from its spans.

The tagger (trained by nlp/training.py) marks CONTENT, CUE and SOURCE spans. It
is a spaCy `ner` component, so it writes doc.ents; the wrapper here runs it on
a doc with the entities set aside and moves its spans to doc.spans["attribution"],
leaving the named entities as they were.

`tagged_attributions()` groups the spans: neighbouring CONTENT pieces join, each
content takes the nearest cue, each cue the nearest source in its sentence (or,
failing that, the cue's grammatical subject).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.ranges import trim

SPANS_KEY = "attribution"
COMPONENT = "attribution"


class AttributionTagger:
    def __init__(self, tagger) -> None:
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        entities = doc.ents
        # "missing", not "outside": the tagger treats preset outside tokens as
        # a constraint and would never tag them.
        doc.set_ents([], default="missing")
        self.tagger(doc)
        doc.spans[SPANS_KEY] = list(doc.ents)
        doc.ents = entities
        return doc


@Language.factory(
    "attribution_tagger",
    default_config={"model": ""},
    requires=["token.tag", "token.dep"],
    assigns=["doc.spans"],
)
def make_attribution_tagger(nlp: Language, name: str, model: str) -> AttributionTagger:
    path = Path(model)
    if not (path / "config.cfg").exists():
        raise ValueError(f"{model}: not a trained attribution tagger (train one: quotedesk train)")
    trained = spacy.load(path, exclude=["paragraph_breaks", "tok2vec", "tagger", "parser"])
    tagger = trained.get_pipe(COMPONENT)
    for label in tagger.labels:
        nlp.vocab.strings.add(label)
    return AttributionTagger(tagger)


@dataclass
class Tagged:
    """One attribution read off the tagger's spans (token indices)."""

    content: list[tuple[int, int]]
    cue: list[int]
    source: Token | None


def tagged_attributions(doc: Doc) -> list[Tagged]:
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    contents = _joined(doc, [s for s in spans if s.label_ == "CONTENT"])
    cues = [s for s in spans if s.label_ == "CUE"]
    sources = [s for s in spans if s.label_ == "SOURCE"]
    by_cue: dict[int, Tagged] = {}
    found: list[Tagged] = []
    for start, end in contents:
        cue = _nearest(cues, start, end, doc)
        if cue is None:
            continue  # content nobody is credited with: the tagger's least reliable output
        if cue.start in by_cue and _same_paragraph(doc, by_cue[cue.start].content[-1][1], start):
            by_cue[cue.start].content.append((start, end))  # '"A," he said, "B."'
            continue
        tagged = Tagged([(start, end)], [t.i for t in cue], _source(doc, cue, sources))
        by_cue[cue.start] = tagged
        found.append(tagged)
    return found


def _joined(doc: Doc, pieces: list[Span]) -> list[tuple[int, int]]:
    """CONTENT pieces separated only by spaces and punctuation are one content."""
    ranges: list[tuple[int, int]] = []
    for piece in sorted(pieces, key=lambda s: s.start):
        start, end = trim(doc, piece.start, piece.end)  # edges as the rules cut them
        if end == start:
            continue
        if ranges and all(t.is_space or t.is_punct for t in doc[ranges[-1][1] : start]):
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _nearest(cues: list[Span], start: int, end: int, doc: Doc) -> Span | None:
    """The closest cue in the sentences the content touches, outside the content."""
    first, last = doc[start].sent, doc[end - 1].sent
    near = [c for c in cues if first.start <= c.start < last.end and not (start <= c.start < end)]
    if not near:
        return None
    return min(near, key=lambda c: min(abs(c.start - end), abs(start - c.end)))


def _source(doc: Doc, cue: Span, sources: list[Span]) -> Token | None:
    sentence = cue.sent
    near = [s for s in sources if sentence.start <= s.start < sentence.end]
    if near:
        closest = min(near, key=lambda s: min(abs(s.start - cue.end), abs(cue.start - s.end)))
        return closest.root
    for token in cue:
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
    return None


def _same_paragraph(doc: Doc, end: int, start: int) -> bool:
    return "\n" not in doc[end:start].text
