"""Whether an article treats a person as a man or a woman, so that a "she said"
does not go to the last man named.

Read from the article itself, not from a list of first names (those mislead:
Rand Paul, Bernie Sanders, Kelly Ayotte). Each mention of a person votes: an
honorific ("Mrs. Clinton") or a role noun beside the name ("Congresswoman Tulsi
Gabbard", "his wife, Heidi") counts most; a he / his or she / her in the
clause the name is subject of ("Clinton lost her cool") counts once. No votes,
or a tie, is no answer; a bare surname two people share ("Clinton") votes for
neither.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Span, Token

from nlp.lexicon import read_table

MALE, FEMALE = "male", "female"
BESIDE_NAME = 3  # an honorific or role noun beside the name is near-certain
PRONOUN = 1
OWN_DEPS = ("nsubj", "nsubjpass", "poss")
TITLE_POS = ("PROPN", "NOUN")


@cache
def gendered_words() -> dict[str, str]:
    """word -> male / female (nlp/data/gendered_words.tsv)."""
    return {row[0].strip().lower(): row[1].strip() for row in read_table("gendered_words.tsv")}


def pronoun_gender(token: Token | None) -> str | None:
    """'he' -> male, 'she' -> female; None for 'it', 'they' and the rest."""
    if token is None or token.pos_ != "PRON":
        return None
    return gendered_words().get(token.lower_)


def title_gender(words: Span) -> str | None:
    """'Mrs.' or 'Mr.' among the words: the gender a title gives a name."""
    found = {gendered_words().get(t.lower_) for t in words if t.pos_ in TITLE_POS}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def person_genders(people: Iterable[tuple[Span, str]]) -> dict[str, str]:
    """name -> male / female, for the people whose mentions say so."""
    people = list(people)
    votes: dict[str, int] = defaultdict(int)
    for ent, name in people:
        for word in _beside(ent):
            if word.pos_ not in TITLE_POS:
                continue  # "told her Donald Trump …", "fans will miss Tom Baker"
            votes[name] += BESIDE_NAME * _sign(gendered_words().get(word.lower_))
    for ent, name in people:
        votes[name] += PRONOUN * _sign(pronoun_gender(_own_pronoun(ent)))
    return {name: MALE if vote > 0 else FEMALE for name, vote in votes.items() if vote}


def _sign(gender: str | None) -> int:
    return {MALE: 1, FEMALE: -1}.get(gender or "", 0)


def _beside(ent: Span) -> list[Token]:
    """The word right before the name, the first word of the name itself
    ('Mr.' can be inside the entity), and the noun the name stands beside
    ('his wife, Heidi'). Not the name's own appositions: the parse hangs
    'Dorothy Woods, whose husband, …' that way."""
    doc = ent.doc
    words = [ent[0]]
    if ent.start > 0:
        words.append(doc[ent.start - 1])
    if ent.root.dep_ == "appos":
        words.append(ent.root.head)
    return words


def _own_pronoun(ent: Span) -> Token | None:
    """The first he / his / she / her after a subject name, in the name's own
    clause, when the sentence names nobody else: 'Clinton lost her cool'. Not
    an object ('Axelrod emailed her'), and not what somebody said ('Mukasey
    said the scandal is the latest in her career'): those speak of others."""
    doc = ent.doc
    verb = ent.root.head
    if ent.root.dep_ != "nsubj" or _other_name(doc[ent.sent.start : ent.start]):
        return None
    for token in doc[ent.end : ent.sent.end]:
        if token.is_quote or token.pos_ == "PROPN":
            return None
        if token.pos_ == "PRON" and token.lower_ in gendered_words():
            own = token.dep_ in OWN_DEPS and _clause_verb(token).i == verb.i
            return token if own else None
    return None


def _clause_verb(token: Token) -> Token:
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def _other_name(words: Span) -> bool:
    return any(t.pos_ == "PROPN" for t in words)
