"""Person mentions: the person a mention names, the role around the name, and
a role that points back to the person last named with it ("the senator")."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from nlp.article_people import (
    ArticlePeople,
    Speaker,
    is_full_name,
    joined,
    qualifies_a_noun,
    rule_token,
)
from nlp.lexicon import Lexicon, read_table

TITLE_DEPS = ("compound", "amod", "nmod")


def named_person(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Kremlin spokesman Dmitry Peskov said': the person, the role, the full name."""
    person = person_in(article, span, head)
    if person is None:
        return None
    ent, name = person
    role = _role(span, ent, article.lex)
    full, evidence, confidence = article.full_name(name, ent.start)
    evidence = joined(rule_token("named_person", name), evidence)
    return Speaker(full, "person", role, evidence, confidence, None)


def person_in(article: ArticlePeople, span: Span, head: Token) -> tuple[Span, str] | None:
    """The person the mention names: the one its head belongs to, else the
    first one that is not a possessor: "Hillary Clinton's campaign chairman
    John Podesta" is Podesta, "Hillary Clinton's spokesman" is not Clinton."""
    hits = [(e, n) for e, n in article.people if e.start < span.end and e.end > span.start]
    own = [(e, n) for e, n in hits if e.start <= head.i < e.end]
    if not own and _unrecognised_name(article, head, hits):
        # "Chad Sweet, the Cruz campaign's chairman" with Sweet missed by the
        # recogniser: the name is Sweet's own, not the Cruz in his description.
        return None
    ranked = own + [(e, n) for e, n in hits if not _possessor(e) and not qualifies_a_noun(e)]
    return ranked[0] if ranked else None


def _unrecognised_name(article: ArticlePeople, head: Token, hits: list[tuple[Span, str]]) -> bool:
    """A proper noun, not a title ('Chairman Chuck Williams'), with every
    person the recogniser found in the mention in a description set off
    after it by a comma (not 'Supervisor of Elections Susan Bucher')."""
    title = head.lower_ in article.lex.roles or head.lower_ in article.lex.titles
    untagged = head.pos_ == "PROPN" and not head.ent_type_ and not title
    if not untagged or not hits:
        return False
    first = min(e.start for e, _ in hits)
    return first > head.i and any(t.text == "," for t in article.doc[head.i : first])


def _possessor(ent: Span) -> bool:
    # The recogniser sometimes keeps the "’s" inside the entity.
    doc = ent.doc
    return ent[-1].tag_ == "POS" or (ent.end < len(doc) and doc[ent.end].tag_ == "POS")


def _role(span: Span, ent: Span, lex: Lexicon) -> str | None:
    """Words around the name that say what the person is: 'Kremlin spokesman'."""
    before = [t for t in span if t.i < ent.start and not t.is_punct and not t.is_space]
    while before and (before[0].pos_ == "DET" or before[0].lower_.rstrip(".") in lex.honorifics):
        before.pop(0)
    while before and before[-1].lower_.rstrip(".") in lex.honorifics:
        before.pop()
    if before:
        return " ".join(span.doc[before[0].i : before[-1].i + 1].text.split())
    for token in ent.root.children:
        if token.dep_ == "appos" and token.i >= ent.end:
            words = [t for t in token.subtree if not (t.is_space)]
            while words and (words[0].pos_ == "DET" or words[0].is_punct):
                words.pop(0)
            while words and words[-1].is_punct:
                words.pop()
            if words:
                return span.doc[words[0].i : words[-1].i + 1].text
    return None


@cache
def title_roles() -> dict[str, str]:
    """Titles written short before a name: "Gov. Chris Christie" is a governor."""
    return {row[0].strip(): row[1].strip() for row in read_table("title_roles.tsv")}


def role_words(ent: Span) -> set[str]:
    """The words that give a person their role: the title run straight before
    the name ('Kremlin spokesman Dmitry Peskov', 'Vice President Joe Biden';
    not 'Trump's' in 'Trump's campaign manager Corey Lewandowski') or the
    apposition after it ('Dmitry Peskov, the Kremlin spokesman')."""
    doc = ent.doc
    words = list(ent)
    for token in reversed(doc[ent.sent.start : ent.start]):
        if token.dep_ not in TITLE_DEPS or not token.i < token.head.i < ent.end:
            break
        words.append(token)
    for appos in (c for c in ent.root.children if c.dep_ == "appos"):
        # Its head and title words only: not "allies of the candidate" in
        # "Rebekah Mercer, the conservative donors who have become allies of …".
        words += [appos, *(t for t in appos.children if t.dep_ in TITLE_DEPS)]
    found = set()
    for token in words:
        word = token.lower_.rstrip(".")
        found |= {word, token.lemma_.lower(), title_roles().get(word, word)}
    return found


def role_holder(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Senator Ann Lee … “…,” the senator said': a definite role points back
    to the person last named with it. 'a senator' and 'senators' name nobody."""
    lemma = head.lemma_.lower()
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if lemma not in article.lex.roles or not definite or head.tag_ != "NN":
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None
    full = _last_holder(article, head, lemma)
    if full is None:
        return None
    role = head.doc[head.left_edge.i + 1 : head.i + 1].text
    return Speaker(full, "person", role, rule_token("role_holder", role, full), 0.8, None)


def _last_holder(article: ArticlePeople, head: Token, lemma: str) -> str | None:
    """Back through the people named before the role: "Sen. Ann Lee …, Lee …,
    the senator said" is Lee; a person with another role ("President Vladimir
    Putin") is passed over; one with no known role may be the one meant
    ("Rubio …, the senator from Florida"), so nobody is named."""
    # "the former president" is not "Vice President Joe Biden": every word
    # of the role must be in the title.
    role = {lemma} | {c.lemma_.lower() for c in head.children if c.dep_ in TITLE_DEPS}
    earlier = [(ent, full) for ent, full in article.full_people if ent.end <= head.i]
    titles: dict[str, set[str]] = {}
    for ent, full in earlier:
        titles.setdefault(full, set()).update(role_words(ent))
    for _, full in reversed(earlier):
        if role <= titles[full] and is_full_name(full):
            return full
        if not titles[full] & article.lex.roles:
            return None
    return None


def titled_holder(article: ArticlePeople, role: Token) -> str | None:
    """'the Peruvian foreign minister's office', where the article names
    one person, before or after, with every word of that title ('Foreign
    Minister Ana Ruiz'); a country's word is no part of a title."""
    words = {role.lemma_.lower()} | {
        c.lemma_.lower()
        for c in role.children
        if c.dep_ in TITLE_DEPS and c.ent_type_ not in ("NORP", "GPE")
    }
    if len(words) < 2:
        return None  # "the minister's office": which minister is anybody's guess
    holders = {full for ent, full in article.full_people if words <= role_words(ent)}
    holders = {full for full in holders if is_full_name(full)}
    return holders.pop() if len(holders) == 1 else None
