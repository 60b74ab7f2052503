"""Names within the article, and the one state the speaker rules share.

ArticlePeople is what the rules know of one article while they resolve its
source mentions in text order: the persons the recogniser found (with their
titles and possessives stripped), who spoke so far, the transcript labels
seen. A one-word name finds its full name here: "Peskov" -> Dmitry Peskov,
"Lim" -> Lim Soo-suk (family name first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from nlp.gender import person_genders, title_gender
from nlp.lexicon import Lexicon
from nlp.names import shares_surname

ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")


def rule_token(rule: str, *detail: str) -> str:
    """One evidence token: 'speaker:full_name(Peskov→Dmitry Peskov)', the rule
    by its function's name (grep "def full_name"), then what it went from and
    to; '?' where it found nobody."""
    return f"speaker:{rule}({'→'.join(detail)})" if detail else f"speaker:{rule}"


def joined(*tokens: str) -> str:
    """Evidence tokens in the order their rules fired, the empty ones left out."""
    return " ".join(t for t in tokens if t)


@dataclass
class Speaker:
    name: str | None
    kind: str | None  # person / organisation / unnamed
    role: str | None
    evidence: str  # rule tokens (rule_token), space-separated
    confidence: float
    source: tuple[int, int] | None  # token range of the mention
    # "The ministry and the agency said": each source resolved in its own right
    # (set by the conjoined rules only); `name` joins them for readers of old records.
    members: list[Speaker] = field(default_factory=list)


@dataclass
class Mention:
    token: int
    name: str
    kind: str
    plural: bool = False


class ArticlePeople:
    """The people of one article and who has spoken so far, shared by the rules."""

    def __init__(self, doc: Doc, lex: Lexicon, quoted: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        self.lex = lex
        # Tokens inside some quote's content: the people a quote talks about
        # ('“Obviously, Bernie is …,” she said') and inner speakers ("KCNA said
        # that Putin expressed ...") are poor antecedents for "he" or "it".
        self.quoted = quoted
        self.named_people = frozenset(
            without_possessive(e.text) for e in doc.ents if e.label_ == "PERSON"
        )
        people = [(e, clean_person(e, lex)) for e in doc.ents if e.label_ == "PERSON"]
        self.people = [(e, name) for e, name in people if name]
        self.spoken: list[Mention] = []  # speakers of earlier quotes
        self.labels: dict[str, Speaker] = {}  # transcript label -> its speaker

    def resolve_one(self, head: Token, span: Span) -> Speaker:
        """The rule table (nlp.speakers) on one more mention: a document's owner,
        a conjunct, a campaign named before. Imported here, not at the top,
        because the rules it runs take this state."""
        from nlp.speakers import resolve_one

        return resolve_one(self, head, span)

    @cached_property
    def people_taken_for_bodies(self) -> frozenset[int]:
        """Where a person was taken for a body: 'Trump said', with Trump an
        organisation here and a person elsewhere in the article. Not a name
        with a body's word in it, nor one that only qualifies a noun ('the
        Sanders campaign', 'Sanders supporters'). Worked out once per article:
        every pronoun looks through all the entities for antecedents."""
        body_words = self.lex.org_nouns | self.lex.media_words
        return frozenset(
            ent.start
            for ent in self.doc.ents
            if ent.label_ in ORG_LABELS
            and without_possessive(ent.text) in self.named_people
            and ent.root.dep_ not in ("compound", "poss", "amod", "nmod")
            and not ({t.lower_ for t in ent} | {t.lemma_.lower() for t in ent}) & body_words
        )

    def taken_for_a_body(self, ent: Span) -> bool:
        """A person as a speaker, but not an antecedent for 'he' as a subject
        the article only talks about, where it would crowd out the one speaking."""
        return ent.start in self.people_taken_for_bodies

    @cached_property
    def full_people(self) -> list[tuple[Span, str]]:
        """(mention, full name) for every person mention, worked out once: the
        pronoun and role look-ups go back over all of them each time."""
        return [(ent, self.full_name(name, ent.start)[0]) for ent, name in self.people]

    @cached_property
    def genders(self) -> dict[str, str]:
        """name -> male / female, worked out only when a pronoun or title asks."""
        return person_genders(self._named_for_sure())

    def _named_for_sure(self) -> list[tuple[Span, str]]:
        """(mention, full name) where the mention can be nobody else: a bare
        'Clinton' in an article about both Clintons names neither."""
        full_names = {n for _, n in self.people if is_full_name(n)}
        named = []
        for ent, name in self.people:
            if name in full_names:
                named.append((ent, name))
                continue
            matches = {f for f in full_names if shares_surname(name, f)}
            if len(matches) == 1:
                named.append((ent, matches.pop()))
        return named

    @cached_property
    def name_ends(self) -> tuple[set[str], set[str]]:
        """The first and the last words of the full names in the article."""
        full = [name.split() for _, name in self.people if is_full_name(name)]
        return {w[0] for w in full}, {w[-1] for w in full}

    def full_name(self, name: str, position: int) -> tuple[str, str, float]:
        """A one-word name (surname, or family name first) -> the full name in the
        text, with the evidence token of a name made full ("" for one already full)."""
        if is_full_name(name):
            return name, "", 0.95
        named = [(e.start, full) for e, full in self.people if shares_surname(name, full)]
        if not named:
            return name, rule_token("full_name", name, "?"), 0.7
        full = self._likeliest(named, position)
        return full, rule_token("full_name", name, full), 0.9

    def _likeliest(self, named: list[tuple[int, str]], position: int) -> str:
        """Which of the people sharing a surname a bare 'Clinton' means: of the
        ones 'Mrs.' or 'Mr.' allows, the one named last before it, else the
        first named after it."""
        gender = title_gender(self.doc[max(position - 1, 0) : position + 1])
        fitting = [(s, f) for s, f in named if self.fits_gender(f, gender)] or named
        before = [full for start, full in fitting if start < position]
        after = [full for start, full in fitting if start > position]
        return (before[-1:] or after[:1] or [fitting[0][1]])[0]

    def fits_gender(self, name: str, gender: str | None) -> bool:
        """'she' or 'Mrs.' passes over a man the article calls 'he' or 'Mr.';
        an unknown gender fits anyone."""
        return gender is None or self.genders.get(name, gender) == gender


def clean_person(ent: Span, lex: Lexicon) -> str:
    """A person entity's name without titles, quotes and possessive: '' if none."""
    doc = ent.doc
    words = [t for t in extend_name(ent) if not t.is_space and not t.is_quote]
    while words and words[-1].lower_ in ("’s", "'s", "'", "’"):
        words.pop()
    while words and words[0].lower_.rstrip(".") in lex.titles | lex.honorifics:
        words.pop(0)
    if not words or "\n" in doc[words[0].i : words[-1].i + 1].text:
        return ""
    return doc[words[0].i : words[-1].i + 1].text


def extend_name(ent: Span) -> Span:
    """The recogniser sometimes stops early: 'Choe Son' Hui, 'Choe Sun'-hui."""
    doc, end = ent.doc, ent.end
    while end < len(doc):
        token, previous = doc[end], doc[end - 1]
        if previous.whitespace_ == "" and token.text in ("-", "‐") and end + 1 < len(doc):
            end += 2  # a hyphenated given name: Sun-hui
            continue
        if (
            token.is_title
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and (previous.whitespace_ == " ")
        ):
            end += 1
            continue
        break
    return doc[ent.start : end]


def is_full_name(name: str) -> bool:
    """More than one word; 'Soo-suk' counts as two."""
    return len(name.replace("-", " ").split()) > 1


def without_possessive(name: str) -> str:
    for suffix in ("’s", "'s"):
        if name.endswith(suffix):
            return name[: -len(suffix)].rstrip()
    return name


def strip_article(name: str) -> str:
    name = without_possessive(name.strip())
    return name[4:] if name.lower().startswith("the ") else name


def core_phrase(head: Token) -> str:
    """'US intelligence officials' from 'US intelligence officials earlier this month'."""
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "poss", "case")]
    words = [t for w in words for t in w.subtree] + [head]
    words.sort(key=lambda t: t.i)
    text = head.doc[words[0].i : head.i + 1].text
    if words[0].pos_ == "PROPN" or words[0].ent_type_:  # "North Korean state media"
        return text
    return text[0].lower() + text[1:]  # "Officials" opening a sentence


def qualifies_a_noun(ent: Span) -> bool:
    """'Clinton supporters', 'one Clinton aide', 'the Obama administration': a
    name that only says whose the noun is. The supporters speak, not Clinton."""
    root = ent.root
    while root.dep_ == "conj":  # 'the Clinton and Sanders campaigns'
        root = root.head
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"
