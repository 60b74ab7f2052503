"""What every stage reads off the parse: the Frame (cue, source, content) and the
dependency labels and verb classes the rules share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, wraps
from typing import Any, TypeVar

from spacy.tokens import Doc, Token

from nlp.lexicon import Lexicon, read_table

SUBJECT_DEPS = ("nsubj", "nsubjpass")
FINITE = ("VBD", "VBZ", "VBP")
# Participles and coordinated verbs borrow the subject of the verb they hang on:
# "..., KCNA said, citing ...", "Peskov gave no details but said ...".
INHERIT_DEPS = ("advcl", "conj", "xcomp", "pcomp", "acl")
# The subject walk also climbs an unlabelled "dep" ("gestured …, then leaned in and boomed").
WALK_DEPS = (*INHERIT_DEPS, "dep")
CONTENT_DEPS = ("ccomp",)


@dataclass(frozen=True)
class VerbFrames:
    """How particular cue verbs carry content (data/verb_frames.tsv)."""

    xcomp: frozenset[str]
    object: frozenset[str]
    framing: frozenset[str]
    # The parse may break a reported clause into an object ("said ending the
    # program … would hurt families"): see _said_as_object.
    broken_clause: frozenset[str]
    prep: dict[str, frozenset[str]]


@cache
def verb_frames() -> VerbFrames:
    rows = read_table("verb_frames.tsv")
    sets: dict[str, set[str]] = {k: set() for k in ("xcomp", "object", "framing", "broken_clause")}
    prep: dict[str, frozenset[str]] = {}
    for lemma, spec in ((r[0].strip(), r[1].strip()) for r in rows):
        for part in spec.split(","):
            if part.startswith("prep="):
                prep[lemma] = frozenset(part[5:].split("|"))
            else:
                sets[part].add(lemma)
    return VerbFrames(**{kind: frozenset(lemmas) for kind, lemmas in sets.items()}, prep=prep)


@dataclass
class Frame:
    cue: list[int]  # token indices of the cue words
    source: Token | None  # head token of the source mention
    content: list[tuple[int, int]] = field(default_factory=list)  # token [start, end) ranges
    belief: bool = False
    framing: bool = False
    according: bool = False
    # A transcript line's speaker label (token range): the content is that speaker's words.
    label: tuple[int, int] | None = None
    rule: str = ""  # the cue rule that made it (cue_rule), for the evidence trail
    trail: list[str] = field(default_factory=list)  # content and source rules, as fired

    @property
    def anchor(self) -> int:
        return self.cue[0]


FrameMaker = TypeVar("FrameMaker", bound=Callable[..., Any])


def cue_rule(maker: FrameMaker) -> FrameMaker:
    """A function that makes frames: each frame it returns names it as its cue rule
    (the innermost one wins), so the evidence trail says which rule found the cue."""
    name = maker.__name__.lstrip("_")

    @wraps(maker)
    def named(*args: Any, **kwargs: Any) -> Any:
        made = maker(*args, **kwargs)
        for frame in made if isinstance(made, list) else [made]:
            if frame is not None and not frame.rule:
                frame.rule = name
        return made

    return named  # type: ignore[return-value]


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs, without the line breaks between them."""
    ranges, start = [], 0
    for token in doc:
        if "\n" in token.text:
            if token.i > start:
                ranges.append((start, token.i))
            start = token.i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


# Verbs whose object noun says what kind of speaking it was: "expressed concern over".
NOUN_CUES = ("express", "raise")
QUOTE_END = (",", "?", "!", "—", "–")  # a quotation that ends so wants its cue next
SPEAKER_POS = ("PROPN", "NOUN")
CLOSING = ("”", '"', "''", "’")


def _speech_lemma(token: Token, lex: Lexicon) -> bool:
    return token.lemma_.lower() in lex.speech_verbs


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _with_particle(verb: Token) -> list[int]:
    """'fired back', 'went on': the particle belongs to the cue."""
    return sorted([verb.i, *(c.i for c in verb.children if c.dep_ == "prt" or _back(verb, c))])


def _back(verb: Token, child: Token) -> bool:
    """'shot back': the parse may make the particle an adverb."""
    return child.dep_ == "advmod" and child.lower_ == "back" and child.i == verb.i + 1


def _speaker_like(token: Token, lex: Lexicon) -> bool:
    if token.pos_ == "PRON":
        return token.lower_ in lex.speaking_pronouns
    return token.pos_ in SPEAKER_POS
