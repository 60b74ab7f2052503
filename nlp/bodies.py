"""Organisations, outlets, campaigns and owned bodies as speakers.

"Pyongyang's Foreign Ministry" keeps its owner in its name; "the Post" after
"The Washington Post" is the Post named in full; "the newspaper" the news
body named last; "Clinton's campaign" is "Hillary Clinton's campaign".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.article_people import (
    ORG_LABELS,
    ArticlePeople,
    Speaker,
    core_phrase,
    joined,
    rule_token,
    strip_article,
    without_possessive,
)
from nlp.persons import titled_holder

BACK_REFERENCE_WINDOW = 60  # tokens before the mention's sentence: about three sentences


def person_taken_for_a_body(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Trump said', Trump tagged an organisation here, a person elsewhere."""
    for ent in span.ents:
        if ent.start <= head.i < ent.end and article.taken_for_a_body(ent):
            name = without_possessive(ent.text)
            full, evidence, confidence = article.full_name(name, ent.start)
            evidence = joined(rule_token("person_taken_for_a_body", name), evidence)
            return Speaker(full, "person", None, evidence, confidence - 0.05, None)
    return None


def owned_organisation(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Pyongyang's Foreign Ministry said': a body that goes by a common name
    keeps the place or body that owns it in its name; a bare 'the Foreign
    Ministry' is that one, when the article gives it one owner only."""
    org = org_in(article, span, head)
    if org is None or org.split()[-1].lower() not in article.lex.org_nouns:
        return None  # "Seoul's Yonhap News" has a name of its own
    owner = _org_owner(article, head)
    if owner is not None:
        evidence = rule_token("owned_organisation", org, f"{owner} {org}")
        return Speaker(f"{owner} {org}", "organisation", None, evidence, 0.85, None)
    owners = {
        _org_owner(article, e.root)
        for e in article.doc.ents
        if e.label_ == "ORG" and strip_article(e.text) == org
    }
    owners.discard(None)
    if len(owners) != 1:
        return None
    owner = owners.pop()
    evidence = rule_token("owned_organisation", org, f"{owner} {org}")
    return Speaker(f"{owner} {org}", "organisation", None, evidence, 0.75, None)


def outlet_in_full(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'The Washington Post … the Post said': an outlet's last word stands for
    its name, as a surname does for a person's. Only a news word: 'the Hill'
    is not Capitol Hill."""
    org = org_in(article, span, head)
    if org is None or " " in org or org.lower() not in article.lex.media_words:
        return None
    longer = [
        strip_article(e.text)
        for e in article.doc.ents
        if e.label_ == "ORG" and e.end <= head.i and len(e) > 1
    ]
    longer = [n for n in longer if n.split()[-1] == org and n != org]
    if not longer:
        return None
    evidence = rule_token("outlet_in_full", org, longer[-1])
    return Speaker(longer[-1], "organisation", None, evidence, 0.8, None)


def named_organisation(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'The Kremlin said', 'the state agency KCNA said': the organisation named."""
    org = org_in(article, span, head)
    if org is None:
        return None
    return Speaker(org, "organisation", None, rule_token("named_organisation", org), 0.85, None)


def org_in(article: ArticlePeople, span: Span, head: Token) -> str | None:
    """An organisation entity that is the mention's head or modifies it, or
    names it in apposition ('the state official Korea Central News Agency')."""
    for ent in span.ents:
        if ent.label_ not in ORG_LABELS or article.taken_for_a_body(ent):
            continue
        apposed = ent.label_ == "ORG" and _names_a_body(article, head, ent)
        if ent.start <= head.i < ent.end or apposed:
            return strip_article(ent.text)
    return None


def _names_a_body(article: ArticlePeople, head: Token, ent: Span) -> bool:
    """'the state official Korea Central News Agency', 'one group, One
    Nation': a noun for a body, with the body's name in apposition."""
    lemma = head.lemma_.lower()
    body = lemma in article.lex.org_nouns or lemma in article.lex.unnamed_nouns
    return body and ent.root.dep_ == "appos" and ent.root.head.i == head.i


def _org_owner(article: ArticlePeople, head: Token) -> str | None:
    """The place or body a possessive before an organisation's name names:
    'Pyongyang's Foreign Ministry', "North Korea's Foreign Ministry"."""
    doc = article.doc
    name_start = next((e.start for e in doc.ents if e.start <= head.i < e.end), head.i)
    for child in head.children:
        if child.dep_ != "poss" or child.i >= name_start:
            continue  # "Commentary’s Noah Rothman" is all one name
        if _names_a_place_or_body(article, child):
            words = [t for t in child.subtree if t.dep_ != "det"]
            owner = "".join(t.text_with_ws for t in words).strip()
            return owner.replace("’", "'") if words[-1].tag_ == "POS" else None
    return None


def _names_a_place_or_body(article: ArticlePeople, token: Token) -> bool:
    """A place or body, or a proper noun the recogniser left untagged that
    names no person of the article ("North Korea’s" can come out so)."""
    if token.ent_type_:
        return token.ent_type_ in ORG_LABELS
    person = article.full_name(token.text, token.i)[0] != token.text
    return token.pos_ == "PROPN" and not person and token.text not in article.named_people


def _org_noun(article: ArticlePeople, head: Token) -> bool:
    """A common noun for a body: 'the ministry', 'media' (lemma 'medium')."""
    return head.lemma_.lower() in article.lex.org_nouns or head.lower_ in article.lex.org_nouns


def body_named_before(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'The Daily News, which backed the ban … “…,” the newspaper wrote': a
    bare "the newspaper" (or paper, network, station) is the news body named
    last, in its sentence or the few before; "the campaign" the last
    campaign named for its candidate."""
    lemma = head.lemma_.lower()
    plain = all(c.dep_ in ("det", "punct") for c in head.lefts)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)
    if not _org_noun(article, head) or lemma not in article.lex.back_reference_nouns:
        return None
    if head.tag_ != "NN" or not (plain and definite):
        return None
    start = max(head.sent.start - BACK_REFERENCE_WINDOW, 0)
    if lemma == "campaign":
        name = _campaign_before(article, start, head.i)
    else:
        name = _outlet_before(article, start, head.i)
    if name is None:
        return None
    evidence = rule_token("body_named_before", head.text, name)
    return Speaker(name, "organisation", None, evidence, 0.65, None)


def _outlet_before(article: ArticlePeople, start: int, end: int) -> str | None:
    """The last news organisation a clause was about, before the mention."""
    outlets = [
        e
        for e in article.doc.ents
        if start <= e.start
        and e.end <= end
        and e.label_ == "ORG"
        and e.start not in article.quoted
        and _topic_of_its_clause(e)
        and any(t.lower_ in article.lex.media_words for t in e)
    ]
    return strip_article(outlets[-1].text) if outlets else None


def _topic_of_its_clause(ent: Span) -> bool:
    """'The Daily News was one of several papers sued by the NAACP …, the
    newspaper said': the body a later "the newspaper" means is what its clause
    is about, its subject ('the Daily News, which backed …' too), not one it mentions."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(c.dep_ == "relcl" for c in root.children)


def _campaign_before(article: ArticlePeople, start: int, end: int) -> str | None:
    """The last "Sanders campaign" / "Clinton's campaign" before the mention,
    as it was resolved when it spoke."""
    spoke = {m.token: m.name for m in article.spoken}
    for token in reversed(article.doc[start:end]):
        if token.lemma_.lower() != "campaign" or token.i in article.quoted:
            continue
        owner = [c for c in token.lefts if c.dep_ in ("compound", "poss")]
        if owner and (owner[-1].ent_type_ == "PERSON" or owner[-1].pos_ == "PROPN"):
            phrase = article.doc[token.left_edge.i : token.i + 1]
            name = spoke.get(token.i) or article.resolve_one(token, phrase).name
            return name or core_phrase(token)
    return None


def owned_body(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Clinton's campaign said', 'the Clinton campaign' and 'Mrs. Clinton's
    campaign' are one body, named for its owner in full: "Hillary Clinton's
    campaign", so it is one speaker across articles."""
    if not _org_noun(article, head):
        return None
    owner = next((c for c in head.children if c.dep_ in ("poss", "compound")), None)
    full = _owner_name(article, owner) if owner is not None else None
    if full is None:
        return None
    doc = article.doc
    start = owner.right_edge.i + 1
    start += doc[start].tag_ == "POS"  # the "'s" is written anew below
    name = f"{full}'s {doc[start : head.i + 1].text}"  # "re-election" stays whole
    evidence = rule_token("owned_body", doc[owner.left_edge.i : head.i + 1].text, name)
    return Speaker(name, "organisation", None, evidence, 0.75, None)


def _owner_name(article: ArticlePeople, owner: Token) -> str | None:
    """The person a body's owner names, in full. Not 'his' or 'her': read
    on the train side, 'his campaign' went to the wrong person as often as
    to the right one, where its words alone mislead nobody."""
    if owner.lemma_.lower() in article.lex.roles:
        return titled_holder(article, owner)
    if owner.ent_type_ != "PERSON":
        # "the Sanders campaign" with Sanders taken for a body: a person
        # the article names in full will do.
        full = article.full_name(owner.text, owner.i)[0] if owner.pos_ == "PROPN" else None
        return full if full != owner.text else None
    titles = article.lex.titles | article.lex.honorifics
    words = [
        c
        for c in owner.lefts
        if c.dep_ in ("compound", "flat")
        and c.ent_type_ == "PERSON"
        and c.lower_.rstrip(".") not in titles
    ]
    return article.full_name(" ".join(t.text for t in [*words, owner]), owner.i)[0]


def organisation_noun(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'The ministry said': a body named by its common noun only."""
    if not _org_noun(article, head):
        return None
    phrase = core_phrase(head)
    evidence = rule_token("organisation_noun", phrase)
    return Speaker(phrase, "organisation", None, evidence, 0.75, None)
