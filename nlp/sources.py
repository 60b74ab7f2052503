"""Stage 4, source mentions: the token that names who speaks for a cue verb
(speaker_subject), including the asides and inversions around quotations.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.content_objects import PARTY_ENTITIES, _as_clause
from nlp.lexicon import Lexicon
from nlp.names import shares_surname
from nlp.ranges import trim
from nlp.subjects import _inverted_subject, _parsed_subject
from nlp.syntax import CLOSING, QUOTE_END, SPEAKER_POS


def _names_a_speaker(head: Token, lex: Lexicon) -> bool:
    """A named party, a noun like 'poll' or 'report', or the surname of a
    person the article names ('Reid:' before 'Senator Harry Reid said')."""
    lemma = head.lemma_.lower()
    if head.ent_type_ in (*PARTY_ENTITIES, "NORP"):
        return True
    if lemma in lex.unnamed_nouns | lex.org_nouns | lex.speech_nouns:
        return True
    people = (e for e in head.doc.ents if e.label_ == "PERSON" and e.start > head.i)
    return any(shares_surname(head.text, e.text) for e in people)


DASH_ASIDE = ("—", "–", "--")
DASH_WINDOW = 16


def _across_dash_aside(doc: Doc, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'pledged to ban all cars — thousands of them — from entering the city':
    the parse may end the clause at an aside set off by dashes; when a phrase of
    the clause resumes after the second dash, the content runs on through it."""
    if not content or content[-1][1] >= len(doc) or doc[content[-1][1]].text not in DASH_ASIDE:
        return content
    start, end = content[-1]
    sentence_end = doc[end].sent.end
    closing = next(
        (
            i
            for i in range(end + 1, min(end + DASH_WINDOW, sentence_end))
            if doc[i].text in DASH_ASIDE
        ),
        None,
    )
    if closing is None or closing + 1 >= sentence_end:
        return content
    aside, resumed = doc[end + 1 : closing], doc[closing + 1]
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in aside) or resumed.pos_ != "ADP":
        return content
    if resumed.left_edge.i != resumed.i:
        return content
    return [*content[:-1], trim(doc, start, resumed.right_edge.i + 1)]


def _inverted_aside(verb: Token, lex: Lexicon) -> tuple[Token, list[tuple[int, int]]] | None:
    """'The contrast with Trump, said Doyle and others, would be clear …': the
    parse may make the content's subject the cue's own, and the speaker the
    subject of the rest of the content. Returns the speaker and both parts.
    A subject that could speak is the speaker ("Biden, however, said Russia,
    not Ukraine, started it"), and its phrase must run up to the cue's comma."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    front = next((c for c in verb.lefts if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if front is None or clause is None or front.right_edge.i < verb.i - 2:
        return None
    if front.ent_type_ or front.lemma_.lower() in lex.roles or _names_a_speaker(front, lex):
        return None
    speaker = next(
        (c for c in clause.lefts if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1), None
    )
    if speaker is None or speaker.pos_ != "PROPN":
        return None
    comma = next(
        (i for i in (speaker.right_edge.i, speaker.right_edge.i + 1) if doc[i].text == ","), None
    )
    if comma is None:
        return None
    before = trim(doc, front.left_edge.i, verb.i)
    return speaker, [before, trim(doc, comma + 1, clause.right_edge.i + 1)]


def _before_speaker(
    content: list[tuple[int, int]], verb: Token, source: Token
) -> list[tuple[int, int]]:
    """'“We were wrong,” Ramos, 58, told AFP': the parse may make the
    quotation and the speaker after it one clause; the content ends with the
    quotation."""
    closing = _quotation_before(verb)
    if closing is None or source.i < closing:
        return content
    start = _introduced_quotation_start(verb.doc, closing)
    cut = [(s, closing + 1) if s <= closing < source.i < e else (s, e) for s, e in content]
    return [(start, e) if s < start < e else (s, e) for s, e in cut]


def _introduced_quotation_start(doc: Doc, closing: int) -> int:
    """'declared the need for drive: “Change the world,” she said', 'telling
    Mic in an interview, “But gosh …,” he said': the words before a colon or
    comma that opens the quotation are the writer's, not the speaker's.
    Returns where the content may start (0 when no such mark opens it)."""
    opening = next((i for i in range(closing - 1, -1, -1) if doc[i].is_quote), None)
    if opening is None or opening == 0 or doc[opening - 1].text not in (":", ","):
        return 0
    quoted = doc[opening + 1 : closing]
    clause = len(quoted) and quoted[0].is_title and any(t.pos_ in ("VERB", "AUX") for t in quoted)
    if doc[opening - 1].text == "," and not clause:
        # 'The party, "allows us to …," Coleman said': one sentence, all his;
        # 'on his show, “Generations with Kevin Swanson,” Right Wing Watch
        # reported': a title, not what was said.
        return 0
    return opening


def _put_to(verb: Token) -> bool:
    """'Asked whether he would run, Trump said …': a participle whose subject
    is the one asked, not the one asking (PolNeAR gives these no source)."""
    own = ("nsubj", "nsubjpass", "aux", "auxpass", "agent")
    if verb.lemma_.lower() != "ask" or verb.tag_ not in ("VBN", "VBD"):
        return False  # the tagger reads a clause-initial "Asked" as VBD
    if verb.dep_ == "advcl":
        return not any(c.dep_ in own for c in verb.children)
    # 'Trump was asked what he thought …': the one asked is the subject.
    return any(c.dep_ == "nsubjpass" for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _as_put_it(verb: Token) -> Token | None:
    """'As X put it, …': a way of quoting somebody, whatever 'put' means
    elsewhere. Returns the 'it', part of the cue."""
    if verb.lemma_.lower() != "put" or not _as_clause(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"), None)


def _issued_statement(verb: Token, lex: Lexicon) -> Token | None:
    """The speech noun a verb like 'issued' or 'released' takes as its object."""
    if verb.lemma_.lower() not in lex.issuing_verbs:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in lex.speech_nouns:
            return child
    return None


def speaker_subject(verb: Token, lex: Lexicon, trail: list[str] | None = None) -> Token | None:
    """The verb's subject; after a quotation, the words between it and the verb.
    The source rules that fired go on `trail` when one is given."""
    walked: list[str] = []
    found = _parsed_subject(verb, lex, walked)
    closing = _quotation_before(verb)
    if closing is None or (found is not None and not _inside_quotation(found, closing)):
        if trail is not None:
            trail.extend(walked)
        return found  # "Ann Smith, who called it “a disaster,” said …" keeps Smith
    # '“We were wrong …,” Ramos, 58, told AFP': the parse may take a word inside
    # the quotation for the subject ("We"), or find none at all.
    for rule in (_name_after_quotation, _inverted_subject):
        if (named := rule(verb)) is not None:
            if trail is not None:
                trail.append(f"source:{rule.__name__.lstrip('_')}")
            return named
    if trail is not None:
        trail.extend(walked)
    return found


def _name_after_quotation(verb: Token) -> Token | None:
    """'“We were wrong …,” Ramos, 58, told AFP': the name between the quotation and the verb."""
    closing = _quotation_before(verb)
    return phrase_root(verb.doc, closing + 1, verb.i) if closing is not None else None


CUE_WINDOW = 24
SPEAKER_START = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON")


def _quotation_before(verb: Token) -> int | None:
    """The closing mark of a quotation ending '…,”' shortly before the verb,
    with only a speaker's name in between."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.i - CUE_WINDOW - 1, 0), -1):
        token = doc[i]
        if "\n" in token.text or token.text in (".", ";"):
            return None
        if token.text in CLOSING and doc[i - 1].text in QUOTE_END:
            after = doc[i + 1] if i + 1 < verb.i else None
            return i if after is None or after.pos_ in SPEAKER_START else None
    return None


def _inside_quotation(token: Token, closing: int) -> bool:
    """The token lies between the closing mark and the mark that opened it."""
    doc = token.doc
    opening = next((i for i in range(closing - 1, -1, -1) if doc[i].is_quote), None)
    return opening is not None and opening < token.i < closing


def phrase_root(doc: Doc, start: int, end: int) -> Token | None:
    """The head of the noun phrase in [start, end): the first word whose head is outside."""
    for token in doc[start:end]:
        root = token.head.i == token.i or not start <= token.head.i < end
        if token.pos_ in SPEAKER_POS and root:
            return token
    return None
