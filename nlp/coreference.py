"""Mentions that point back: pronouns, bare surnames, relative pronouns, and
documents ("the statement") that speak for whoever issued them.

"he" takes the most recent person who was speaking or acting; "it" the
organisation that was speaking; "Marin" the person named in full before.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.article_people import (
    ORG_LABELS,
    ArticlePeople,
    Mention,
    Speaker,
    joined,
    rule_token,
    strip_article,
)
from nlp.gender import pronoun_gender

RELATIVE_PRONOUNS = ("who", "which", "that")
ANTECEDENT_RELATIVES = ("that",)  # "who" is what PolNeAR marks, nine times in ten


def pronoun_antecedent(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'“…,” he said': the last fitting speaker or subject before the pronoun."""
    if head.pos_ != "PRON" and head.lower_ not in article.lex.pronouns:
        return None
    kind = article.lex.pronouns.get(head.lower_)
    unresolved = rule_token("pronoun_antecedent", head.text, "?")
    if kind is None:
        return Speaker(None, "person", None, unresolved, 0.3, None)
    antecedent = _antecedent(article, head, kind)
    if antecedent is None:
        return Speaker(None, None, None, unresolved, 0.3, None)
    evidence = rule_token("pronoun_antecedent", head.text, antecedent.name)
    return Speaker(antecedent.name, antecedent.kind, None, evidence, 0.75, None)


def _antecedent(article: ArticlePeople, head: Token, kind: str) -> Mention | None:
    """Most recent fitting speaker or subject before the pronoun."""
    candidates = list(article.spoken) + _subject_mentions(article, head.i)
    candidates = [m for m in candidates if m.token < head.i and m.token not in article.quoted]
    candidates.sort(key=lambda m: m.token)
    gender = pronoun_gender(head)
    for mention in reversed(candidates):
        if _fits(mention, kind) and article.fits_gender(mention.name, gender):
            return mention
    return None


def _subject_mentions(article: ArticlePeople, before: int) -> list[Mention]:
    """People and organisations that were subjects of a clause (likely antecedents)."""
    found = []
    for ent, full in article.full_people:
        if ent.start < before and ent.root.dep_ in ("nsubj", "nsubjpass"):
            found.append(Mention(ent.root.i, full, "person"))
    for ent in article.doc.ents:
        is_body = ent.label_ in ORG_LABELS and not article.taken_for_a_body(ent)
        if ent.start < before and is_body and ent.root.dep_ == "nsubj":
            found.append(Mention(ent.root.i, strip_article(ent.text), "organisation"))
    return found


def _fits(mention: Mention, kind: str) -> bool:
    """Pronoun agreement: he/she -> one person, it -> organisation, they -> group."""
    if kind == "person":
        return mention.kind == "person" and not mention.plural
    if kind == "organisation":
        return mention.kind == "organisation"
    return mention.plural or mention.kind in ("organisation", "unnamed")


def issued_document(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'the statement said' -> the organisation (or person) that issued it;
    not "The Washington Post", a name with a speech noun in it."""
    lower, lemma = head.lower_, head.lemma_.lower()
    speech_noun = lemma in article.lex.speech_nouns or lower in article.lex.speech_nouns
    owned = any(c.dep_ == "poss" for c in head.children)  # "Schlafly's Final Column"
    if not speech_noun or (head.ent_type_ == "ORG" and not owned):
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
        found = article.resolve_one(owner, article.doc[owner.left_edge.i : owner.i + 1])
        if found.name:
            found.evidence = joined(
                found.evidence, rule_token("issued_document", head.text, found.name)
            )
            return found
    earlier = [m for m in article.spoken if m.token < head.sent.start]
    for wanted in ("organisation", None):
        for mention in reversed(earlier):
            if wanted is None or mention.kind == wanted:
                evidence = rule_token("issued_document", head.text, mention.name)
                return Speaker(mention.name, mention.kind, None, evidence, 0.7, None)
    evidence = rule_token("issued_document", head.text, "?")
    return Speaker(None, None, None, evidence, 0.3, None)


def known_surname(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Marin said', where the entity recogniser took Marin for a place or a
    company: a person named in full elsewhere in the article wins."""
    # A headline's "Sanders:" may come out as a common noun; capitalised will do.
    if not (head.pos_ == "PROPN" or head.is_title) or head.is_upper:
        return None  # acronyms are organisations
    honorifics = article.lex.honorifics
    if any(c.dep_ == "compound" and c.lower_.rstrip(".") not in honorifics for c in head.children):
        return None  # "Morgan Stanley": a longer name, not a surname
    full, _, confidence = article.full_name(head.text, head.i)
    if full == head.text:
        return None
    evidence = rule_token("known_surname", head.text, full)
    return Speaker(full, "person", None, evidence, confidence - 0.05, None)


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: 'Lim, who said' -> Lim."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.head.dep_ != "relcl":
        return None
    noun = token.head.head
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and _plural_verb(token.head):
        noun = noun.head  # "Washington and its allies who have …": all of them
    return _described_by(noun) or noun


def before_its_conjuncts(relative: Token, noun: Token) -> bool:
    conjuncts = [c.i for c in noun.children if c.dep_ == "conj"]
    return bool(conjuncts) and relative.i < min(conjuncts)


def _plural_verb(verb: Token) -> bool:
    """'who say', 'who have said': a verb that agrees with more than one. 'and
    Sanders, who says' is Sanders alone; a past tense does not tell."""
    return any(t.tag_ == "VBP" for t in [verb, *(c for c in verb.children if c.dep_ == "aux")])


def _described_by(noun: Token) -> Token | None:
    """'Trump is a serial liar, … and birther who has pledged …': the person a
    predicate noun describes. Only a named person, in a statement: "One such
    critic was Ann Cole, who …" keeps Cole, "The loudest critic of Garcia is
    a neighbor who says …" the neighbor, "Garcia is not the senator who …"
    and "Is Ortega a leader who …?" the senator and the leader."""
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.dep_ != "attr" or noun.ent_type_:
        return None
    verb = noun.head
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "… incites violence and is a serial liar …"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "PERSON" or noun.head.i < subject.i:
        return None
    return subject
