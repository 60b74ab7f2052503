"""What the pass is unsure of, kept as candidates for an analyst to confirm.

The rules keep a quote only where they can stand behind it; the rest of what
they (and a trained tagger) see is not thrown away but offered, ranked, in the
Candidates queue. Five cheap sources, each after find_quotes on the same doc:

- unattributed: a quotation the rules kept with nobody named or mentioned for it;
- frame: a cue the parse supports (a belief, or a speech verb whose frame the
  rules did not turn into a quote) whose words no quote covers;
- tagger: an attribution the trained tagger found that the rules did not take
  (when a tagger is loaded);
- clause-that / clause-object: what a verb whose subject is somebody governs;
- quoted: a quotation of a few words that no quote or candidate covers.

Each candidate's confidence is its score: the share of such candidates that
were right on PolNeAR's train side (bench/bench_candidates.py --calibrate
writes the table, nlp/data/candidate_scores.tsv), so the queue's order means
"likeliest first". A candidate is a quote dict like find_quotes' own, with
"candidate": True.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from nlp.cues import find_frames
from nlp.lexicon import Lexicon, read_table
from nlp.marks import find_marked
from nlp.ranges import trim
from nlp.tagger import tagged_attributions

# A third of a candidate's words under a quote: the quote already has them
# (the rule nlp/quotes.py applies to the tagger's extras).
COVERED_SHARE = 1 / 3
# Quotations shorter than this are names, titles and scare quotes far more
# often than anybody's words.
MIN_QUOTED_WORDS = 4
MIN_CONTENT_WORDS = 3
# Score of a kind of candidate the calibration table does not list.
DEFAULT_SCORE = 0.3
# The tagger's extras that the rules leave out: right 46 % of the time in the
# probe of issue #39 and about half the time on held-apart articles (README,
# rules-16). Their score until `bench_candidates.py --tagger T --calibrate`
# measures them (a tagger could not be trained here in time; see docs).
TAGGER_SCORE = 0.5
# Candidates scored lower are not kept: on held-out PolNeAR articles the ones
# kept at 0.5 were right 62 % of the time (1.9 an article); keeping every one
# (9.5 an article) adds a tenth of the attributions at 34 % right
# (docs/evaluation.md). bench/bench_candidates.py sets it to 0 to see them all.
# The quotations the rules kept with nobody named stay candidates whatever
# their score: until now they were quotes on the desk.
MIN_SCORE = 0.5
PERSON_LABELS = ("PERSON",)
ORGANISATION_LABELS = ("ORG", "NORP", "GPE")


@dataclass
class Proposed:
    """One candidate before it becomes a quote dict (char ranges)."""

    origin: str  # frame, tagger, clause-…, quoted (unattributed ones stay quote dicts)
    kind: str
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]]
    speaker: str | None
    speaker_type: str | None
    evidence: str


@dataclass
class Scene:
    """What every proposal reads, built once per doc: Doc.text and Doc.ents are
    rebuilt from the tokens on each access, which cost a third of the pass."""

    doc: Doc
    text: str
    ents: list[Span]
    names: dict[str, str]  # surname -> the one full person name ending in it
    quotes: list[dict]
    lex: Lexicon


def with_candidates(doc: Doc, quotes: list[dict], lex: Lexicon) -> list[dict]:
    """The pass's quotes, its unattributed ones marked as candidates, and the
    other candidates after them (so the quotes' parent indices stay right)."""
    for quote in quotes:
        # Nobody named, no mention of anyone: a quotation kept on its marks alone.
        # (One with a mention the resolver could not name is the rules' quote.)
        if quote["speaker"] is None and not quote["source"]:
            quote["candidate"] = True
            quote["confidence"] = score("unattributed", quote["kind"], False)
            quote["evidence"] = f"candidate (unattributed): {quote['evidence']}"
    taken = _words(doc, [r for q in quotes for r in q["content"]])
    added = []
    for proposed in _proposals(doc, quotes, lex):
        if score(proposed.origin, proposed.kind, proposed.speaker is not None) < MIN_SCORE:
            continue
        words = _words(doc, proposed.content)
        if len(words) < MIN_CONTENT_WORDS or len(words & taken) > COVERED_SHARE * len(words):
            continue
        taken |= words
        added.append(_as_dict(proposed))
    return quotes + added


def _proposals(doc: Doc, quotes: list[dict], lex: Lexicon) -> Iterable[Proposed]:
    """Tagger finds first (when it ran), then rule frames, then bare quotations."""
    ents = list(doc.ents)
    scene = Scene(doc, doc.text, ents, _full_names(ents, quotes), quotes, lex)
    for tagged in tagged_attributions(doc):
        content = [_chars(doc, *trim(doc, s, e)) for s, e in tagged.content]
        yield _proposed(scene, "tagger", "indirect", content, tagged.cue, tagged.source)
    for frame in find_frames(doc, lex, include_beliefs=True):
        if not frame.content or frame.label is not None:
            continue
        content = [_chars(doc, *trim(doc, s, e)) for s, e in frame.content]
        kind = "belief" if frame.belief else "indirect"
        yield _proposed(scene, "frame", kind, content, frame.cue, frame.source)
    for verb, child, origin in _clauses(doc, lex):
        content = [_chars(doc, *trim(doc, child.left_edge.i, child.right_edge.i + 1))]
        subject = next(c for c in verb.children if c.dep_ == "nsubj")
        yield _proposed(scene, origin, "indirect", content, [verb.i], subject)
    text = scene.text
    for marked in find_marked(text):
        if len(text[marked.start : marked.end].split()) >= MIN_QUOTED_WORDS:
            yield Proposed(
                "quoted", "direct", [(marked.start, marked.end)], [], [], None, None,
                "candidate (quoted): a quotation no quote covers",
            )  # fmt: skip


def _clauses(doc: Doc, lex: Lexicon) -> Iterable[tuple[Token, Token, str]]:
    """(verb, the head of what it governs, origin) for verbs whose subject is
    somebody: PolNeAR counts what people want, discuss, mock or vote for as
    attributions too, not only what they say. The origin names the clause
    (that-clause or object) and the verb (speech, belief or other): their
    scores differ a lot. (Prepositional objects, "vote for X", were right
    7 % of the time on train articles: left out.)"""
    nouns = lex.unnamed_nouns | lex.org_nouns | lex.roles | lex.media_words
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "acl"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not _somebody(subject, nouns, lex.person_pronouns):
            continue
        cue = _verb_class(verb, lex)
        for child in verb.children:
            if child.dep_ == "ccomp":
                yield verb, child, f"clause-that-{cue}"
            elif child.dep_ in ("dobj", "xcomp"):
                yield verb, child, f"clause-object-{cue}"


def _verb_class(verb: Token, lex: Lexicon) -> str:
    lemma = verb.lemma_.lower()
    if lemma in lex.speech_verbs:
        return "speech"
    return "belief" if lemma in lex.belief_verbs else "other"


def _somebody(token: Token, nouns: frozenset[str], pronouns: frozenset[str]) -> bool:
    """A person, a body or a pronoun for one; not "it", "this" or a thing.
    `nouns`: the lexicon's words for unnamed people, bodies, roles and media;
    `pronouns`: its pronouns for a person."""
    if token.ent_type_ in PERSON_LABELS + ORGANISATION_LABELS:
        return True
    if token.lower_ in pronouns | {"you"} and token.lower_ != "it":
        return True
    return token.pos_ == "PROPN" or token.lemma_.lower() in nouns


def _proposed(scene: Scene, origin, kind, content, cue, source) -> Proposed:
    content = [(s, e) for s, e in content if e > s]
    if any(_inside_marks(scene.text, s, e) for s, e in content) and kind == "indirect":
        kind = "mixed"
    speaker, speaker_type, source_range = _speaker(scene, source)
    cue_words = " ".join(scene.doc[i].text for i in cue)
    return Proposed(
        origin,
        kind,
        content,
        _runs(scene.doc, cue),
        [source_range] if source_range else [],
        speaker,
        speaker_type,
        f"candidate ({origin}): source of '{cue_words}'",
    )


def _as_dict(proposed: Proposed) -> dict:
    return {
        "content": [list(r) for r in proposed.content],
        "cue": [list(r) for r in proposed.cue],
        "source": [list(r) for r in proposed.source],
        "speaker": proposed.speaker,
        "speaker_type": proposed.speaker_type,
        "role": None,
        "kind": proposed.kind,
        "confidence": score(proposed.origin, proposed.kind, proposed.speaker is not None),
        "evidence": proposed.evidence,
        "parent": None,
        "candidate": True,
    }


# -- speakers ---------------------------------------------------------------------


def _speaker(
    scene: Scene, token: Token | None
) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(name, type, source range) for the head of a source mention: a named
    entity, a surname of a person named in full, a pronoun as the speaker of
    the nearest quote before it; else the mention alone, nobody named."""
    if token is None:
        return None, None, None
    doc, quotes = scene.doc, scene.quotes
    if token.ent_type_:
        ent = next((e for e in scene.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            name = ent.text.removesuffix("'s").removesuffix("’s").strip()
            kind = "person" if ent.label_ in PERSON_LABELS else "organisation"
            if kind == "person" and " " not in name:
                name = scene.names.get(name, name)
            return name, kind, (ent.start_char, ent.end_char)
    here = (token.idx, token.idx + len(token.text))
    if token.lower_ in scene.lex.person_pronouns and token.lower_ != "it":
        before = [q for q in quotes if q["speaker"] and q["content"][0][0] < token.idx]
        if before:
            nearest = max(before, key=lambda q: q["content"][0][0])
            return nearest["speaker"], nearest["speaker_type"], here
        return None, None, here
    phrase = doc[token.left_edge.i : token.i + 1]
    return None, None, (phrase.start_char, phrase.end_char)


def _full_names(ents: list[Span], quotes: list[dict]) -> dict[str, str]:
    """Surname -> the one full person name ending in it (from entities and quotes)."""
    full = {e.text for e in ents if e.label_ in PERSON_LABELS and " " in e.text}
    full |= {q["speaker"] for q in quotes if q["speaker_type"] == "person" and q["speaker"]}
    by_surname: dict[str, set[str]] = {}
    for name in full:
        by_surname.setdefault(name.split()[-1], set()).add(name)
    return {surname: next(iter(n)) for surname, n in by_surname.items() if len(n) == 1}


# -- scores -----------------------------------------------------------------------


def score(origin: str, kind: str, named: bool) -> float:
    """The calibrated chance that a candidate of this origin and kind is right."""
    default = TAGGER_SCORE if origin == "tagger" else DEFAULT_SCORE
    return scores().get((origin, kind, named), default)


@cache
def scores() -> dict[tuple[str, str, bool], float]:
    table = {}
    for origin, kind, named, share, *_ in read_table("candidate_scores.tsv"):
        table[(origin, kind, named == "named")] = float(share)
    return table


# -- ranges -----------------------------------------------------------------------


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    if end <= start:
        return (0, 0)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _runs(doc: Doc, indices: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for i in sorted(indices):
        start, end = doc[i].idx, doc[i].idx + len(doc[i].text)
        if ranges and i - 1 in indices:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _words(doc: Doc, ranges: Iterable) -> set[int]:
    """Token indices of the words (not spaces or punctuation) the char ranges cover."""
    found = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found |= {t.i for t in span if not (t.is_space or t.is_punct)}
    return found


def _inside_marks(text: str, start: int, end: int) -> bool:
    return any(mark in text[start:end] for mark in '“”"')
