"""Mentions that name nobody in particular: "officials", "a Republican", "the
spokesman" with no name before it, "Clinton allies" (the name says whose)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.article_people import ArticlePeople, Speaker, core_phrase, qualifies_a_noun, rule_token


def _unnamed_noun(article: ArticlePeople, head: Token) -> bool:
    unnamed = article.lex.unnamed_nouns
    return head.lower_ in unnamed or head.lemma_.lower() in unnamed


def unnamed_group(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'US intelligence officials said': unnamed, even when a country is named."""
    if not _unnamed_noun(article, head) or head.tag_ != "NNS":
        return None
    phrase = core_phrase(head)
    return Speaker(phrase, "unnamed", None, rule_token("unnamed_group", phrase), 0.8, None)


def one_of_a_group(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'another New Hampshire Democrat said', 'a Republican said': one unnamed
    member of a group the entity recogniser labels like a party or a nation."""
    if head.ent_type_ != "NORP":
        return None
    one = article.lex.one_of_determiners
    if not any(c.dep_ == "det" and c.lower_ in one for c in head.children):
        return None
    phrase = core_phrase(head)
    return Speaker(phrase, "unnamed", None, rule_token("one_of_a_group", phrase), 0.7, None)


def unnamed_source(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'A source close to the talks said': one unnamed source."""
    if not _unnamed_noun(article, head):
        return None
    phrase = core_phrase(head)
    return Speaker(phrase, "unnamed", None, rule_token("unnamed_source", phrase), 0.8, None)


def role_without_a_name(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'A spokesman said': a role nobody in the article was named with."""
    if head.lemma_.lower() not in article.lex.roles:
        return None
    phrase = core_phrase(head)
    return Speaker(phrase, "unnamed", None, rule_token("role_without_a_name", phrase), 0.6, None)


def proper_noun(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Tzortzis said', a name the entity recogniser missed: acronyms ('NATO
    said') are organisations."""
    if head.pos_ != "PROPN":
        return None
    kind = "organisation" if head.is_upper else "person"
    phrase = core_phrase(head)
    return Speaker(phrase, kind, None, rule_token("proper_noun", phrase), 0.6, None)


def name_says_whose(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Some Clinton allies said', 'the Rove ad says': the name says whose, not who."""
    people = [e for e, _ in article.people if span.start <= e.start < span.end]
    if not any(qualifies_a_noun(e) for e in people):
        return None
    phrase = core_phrase(head)
    return Speaker(phrase, "unnamed", None, rule_token("name_says_whose", phrase), 0.6, None)


def no_name(article: ArticlePeople, head: Token, span: Span) -> Speaker | None:
    """'Something said': no rule names anyone; always the last rule."""
    return Speaker(None, None, None, rule_token("no_name"), 0.3, None)
