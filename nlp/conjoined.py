"""Conjoined speakers: 'Moscow and Pyongyang said', 'David and Jeanne Heidler
said', and the "and" that only goes on describing one speaker."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.article_people import ORG_LABELS, ArticlePeople, Speaker, is_full_name, rule_token
from nlp.persons import person_in


def conjoined(article: ArticlePeople, head: Token, conj: list[Token]) -> Speaker:
    """'Moscow and Pyongyang said': one quote, both speakers named in it."""
    tokens = [head, *conj]
    parts = [article.resolve_one(t, own_phrase(article, t)) for t in tokens]
    for index, token in enumerate(tokens):
        if _misnamed(article, token, parts[index]):
            # "Edward-Isaac Dovere and Gabriel Debenedetti", with the first
            # taken for an organisation: a name is its own words, not the next one's.
            own = article.doc[min(c.i for c in _name_words(token)) : token.i + 1]
            parts[index] = article.resolve_one(token, own)
    family = _family_name(article, conj[-1])
    for index, token in enumerate(tokens[:-1]):
        if family and _given_name_only(article, token):
            # "David and Jeanne Heidler", "Serena and Venus Williams": one family name.
            name = f"{token.text} {family}"
            evidence = rule_token("given_name_only", token.text, name)
            parts[index] = Speaker(name, "person", None, evidence, 0.85, None)
    names = [p.name or t.text for p, t in zip(parts, tokens, strict=True)]
    names = list(dict.fromkeys(names))
    named = sum(_names_someone(own_phrase(article, t)) for t in tokens)
    if len(names) == 1 and parts[0].name and named <= 1:
        # "Clinton's chief pollster and strategist Joel Benenson": one person.
        return parts[0]
    kinds = {p.kind for p in parts}
    kind = kinds.pop() if len(kinds) == 1 else "organisation"
    if all(t.ent_type_ in ORG_LABELS for t in tokens):
        kind = "organisation"
    members: dict[str, Speaker] = {}
    for part, token in zip(parts, tokens, strict=True):
        member = part.name or token.text
        members.setdefault(member, replace(part, name=member, source=alone(token)))
    name = " and ".join(names)
    evidence = rule_token("conjoined", name)
    return Speaker(name, kind, None, evidence, 0.8, None, [*members.values()])


def pair_on_noun(article: ArticlePeople, head: Token) -> Speaker | None:
    """'the Kremlin and Pyongyang state media said': the parse hangs the pair
    on the noun, but the first is a body named in full, speaking for itself,
    and the noun goes with the last: two sources."""
    doc = article.doc
    for first in head.lefts:
        conj = [c for c in first.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        ends = first.i + 1 < len(doc) and doc[first.i + 1].ent_iob_ != "I"
        named = first.dep_ in ("nmod", "compound") and first.ent_type_ in ORG_LABELS
        if named and conj and ends:
            body = article.resolve_one(first, doc[first.left_edge.i : first.i + 1])
            last = doc[conj[-1].left_edge.i : head.i + 1]
            rest = Speaker(
                last.text,
                "organisation",
                None,
                rule_token("pair_on_noun", last.text),
                0.75,
                (last.start, last.end),
            )
            body = replace(body, source=alone(first))
            name = f"{body.name} and {last.text}"
            evidence = rule_token("pair_on_noun", name)
            return Speaker(name, "organisation", None, evidence, 0.8, None, [body, rest])
    return None


def alone(token: Token) -> tuple[int, int]:
    """A conjunct's own words as a token range: "the agency" of "the ministry
    and the agency", without the conjunctions and conjuncts hung on it."""

    def own(word: Token) -> bool:
        while word.i != token.i:
            if word.dep_ in ("conj", "cc", "punct"):
                return False
            word = word.head
        return True

    words = [t.i for t in token.subtree if own(t)]
    return min(words), max(words) + 1


def people_after_role(article: ArticlePeople, head: Token) -> tuple[Token, list[Token]] | None:
    """'biographers, David and Jeanne Heidler': a role noun, a comma, then
    two or more people, which the parse hangs on the noun as a conjunct
    or an apposition."""
    if head.pos_ != "NOUN" or head.i + 1 >= len(article.doc) or head.nbor(1).text != ",":
        return None
    for first in head.children:
        if first.dep_ in ("conj", "appos") and first.left_edge.i == head.i + 2:
            pair = [c for c in first.children if c.dep_ == "conj"]
            if pair and first.ent_type_ == "PERSON":
                return first, pair
    return None


def _misnamed(article: ArticlePeople, token: Token, part: Speaker) -> bool:
    """A proper-noun conjunct resolved to a name without its words; not a
    title ("former Pennsylvania Gov. and … Chairman Ed Rendell" is one man)."""
    word = token.lower_.rstrip(".")
    if token.pos_ != "PROPN" or word in article.lex.titles or word in article.lex.roles:
        return False
    return token.text not in (part.name or token.text).split()


def _family_name(article: ArticlePeople, token: Token) -> str | None:
    """The last word of the full name a conjunct is: "Heidler" of "Jeanne Heidler"."""
    person = person_in(article, own_phrase(article, token), token)
    if person is None or not is_full_name(person[1]) or not token.is_title:
        return None
    return token.text if person[1].split()[-1] == token.text else None


def _given_name_only(article: ArticlePeople, token: Token) -> bool:
    """A one-word person the article shows to be a given name: "David" when
    it names a David Eisenhower, not "Sanders" or "Trump" in "… and Hillary
    Clinton", which are surnames used alone."""
    words = [c for c in token.children if c.dep_ in ("compound", "flat", "amod", "poss")]
    if token.ent_type_ != "PERSON" or words:
        return False
    given, family = article.name_ends
    return token.text in given and token.text not in family


def own_phrase(article: ArticlePeople, token: Token) -> Span:
    """A conjunct's words without the other conjuncts."""
    words = [t for t in token.subtree if t.dep_ not in ("conj", "cc") or t.i == token.i]
    words = [t for t in words if token.i in (t.i, t.head.i, t.head.head.i)]
    return article.doc[min(t.i for t in words) : max(t.i for t in words) + 1]


def _name_words(token: Token) -> list[Token]:
    """The token and the name words before it that hang on it ("Edward", "Isaac")."""
    return [token, *(c for c in token.lefts if c.dep_ in ("compound", "flat", "punct"))]


def _names_someone(phrase: Span) -> bool:
    """A person's name of its own, not a possessor's ("Clinton's chief pollster")."""
    return any(t.ent_type_ == "PERSON" and "poss" not in (t.dep_, t.head.dep_) for t in phrase)


def describes(head: Token, conjunct: Token) -> bool:
    """An "and" that goes on describing the one speaker: after an apposition
    ('Trump, the frontrunner nationally and current polling leader'; "Steve
    Bell, senior director …, and a Republican who …"), or two roles under one
    article, the second with words of its own ('the front-runner and former
    secretary of state'). Two speakers stay two: "Sen. Bernie Sanders (Vt.)
    and … Martin O'Malley", "Dana Ward, the spokesperson, and the district
    attorney", "X, the lead author, and colleagues", "the book and the
    movie", "the husband and wife"."""
    if conjunct.ent_type_ in ("PERSON", "ORG") or conjunct.tag_ not in ("NN", "NNP"):
        return False
    apposition = any(
        c.dep_ == "appos" and c.i < conjunct.i and c.doc[max(c.left_edge.i - 1, 0)].text != "("
        for c in head.children
    )
    if apposition:
        comma = conjunct.doc[max(conjunct.left_edge.i - 2, 0)].text == ","
        return not comma or _determiner(conjunct) in ("a", "an")
    modified = any(c.dep_ in ("amod", "compound", "nmod", "nummod") for c in conjunct.children)
    return (
        head.tag_ == conjunct.tag_ == "NN"
        and bool(_determiner(head))
        and modified
        and not _determiner(conjunct)
    )


def _determiner(noun: Token) -> str:
    """The noun's article or possessor, lower-cased ("" if none)."""
    found = next((c for c in noun.children if c.dep_ in ("det", "poss")), None)
    return found.lower_ if found is not None else ""
