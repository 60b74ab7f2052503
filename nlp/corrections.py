"""Passes after linking that correct a found quote: its source when the parse put it in a
quotation, the reach of "according to", the trained tagger's extra finds.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.adjacency import _covered_by, _same_paragraph
from nlp.found import Found, MarkTokens, Settings, _quoted_indices, _quoted_tokens
from nlp.lexicon import Lexicon
from nlp.ranges import _overlaps, _union
from nlp.sources import phrase_root
from nlp.speakers import Speaker
from nlp.syntax import Frame
from nlp.tagger import Tagged, tagged_attributions


def _thing_demands_thing(doc: Doc, item: Found, speaker: Speaker, found: list[Found]) -> bool:
    """'Lee said the new tariffs demand a quick response': a cue inside what
    somebody reported, whose subject is a common noun naming nobody and whose
    words are a noun phrase with no clause, says what a thing requires, not
    what anyone said. (Not a report of its own: 'the bakery chain reported
    flat sales' is one.)"""
    frame = item.frame
    if item.kind != "indirect" or frame is None or frame.source is None or speaker.name:
        return False
    if frame.source.pos_ != "NOUN" or frame.according:
        return False
    inside = (o for o in found if o is not item and o.frame is not None)
    if not any(s <= frame.anchor < e for other in inside for s, e in other.content):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for s, e in item.content for t in doc[s:e])


def _source_outside_quotations(doc: Doc, found: list[Found], marks: list[MarkTokens]) -> None:
    """A cue outside a quotation never has its source inside it: the parse hung
    "suggesting" on a verb inside the quotation it follows ('Cardin stressed
    that “the way to proceed is …,” suggesting that …' had "the way" say it).
    The speaker of that quotation speaks on; failing that, the name between the
    quotation and its cue, or the subject of the verb the participle joins."""
    held = [m for m in marks if any(m.marked is k for other in found for k in other.marks)]
    quoted = _quoted_indices(marks)
    for item in found:
        frame = item.frame
        if frame is None or frame.source is None or frame.label is not None:
            continue
        mark = next((m for m in held if _holds(m, frame.source, frame.anchor)), None)
        if mark is None:
            continue
        frame.source = _speaker_of(found, item, mark, quoted) or _outside_source(
            doc, frame.anchor, mark, quoted
        )
        item.trail.append("link:source_outside_quotations")


def _according_takes_quotation(doc: Doc, found: list[Found], lex: Lexicon) -> None:
    """'“A. B,” the pope told reporters, according to Reuters': Reuters reports
    all of what the pope said, so its content covers the whole quotation the
    clause's cue claims, not only the sentence "according to" sits in."""
    for item in found:
        if item.frame is None or not item.frame.according:
            continue
        according = doc[item.frame.anchor]
        inside = [
            other
            for other in found
            if other is not item
            and other.kind == "direct"
            and other.frame is not None
            and any(s <= other.frame.anchor < e for s, e in item.content)
            and doc[other.frame.anchor].lemma_.lower() in lex.speech_verbs
            and doc[other.frame.anchor] in according.ancestors
        ]
        for other in inside:
            item.content = _union(item.content, other.content)
            item.kind = "mixed"  # the quotation and the clause that frames it
            item.trail.append("link:according_takes_quotation")


def _holds(mark: MarkTokens, source: Token, anchor: int) -> bool:
    """The source lies wholly inside a quotation of someone's words and the cue
    outside it. A quoted name is no such quotation: '“The Lincoln Project”
    responded' (the source's whole phrase is quoted, its head outside), nor is a
    title or scare quote ('the “Medicare for all” document he released')."""
    inside = mark.marked.start <= source.idx and source.idx + len(source) <= mark.marked.end
    within = range(*mark.outer)
    quoted_name = (
        source.head.i not in within
        and source.left_edge.i in within
        and source.right_edge.i in within
    )
    return inside and not quoted_name and not mark.outer[0] <= anchor < mark.outer[1]


def _speaker_of(
    found: list[Found], item: Found, mark: MarkTokens, quoted: set[int]
) -> Token | None:
    for other in found:
        source = other.frame.source if other.frame is not None else None
        if other is item or source is None or source.i in quoted:
            continue
        if any(m is mark.marked for m in other.marks):
            return source
    return None


def _outside_source(doc: Doc, anchor: int, mark: MarkTokens, quoted: set[int]) -> Token | None:
    cue = doc[anchor]
    if mark.outer[1] <= anchor and cue.sent.start <= mark.outer[0]:
        # '“…,” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said'
        name = phrase_root(doc, mark.outer[1], anchor)
        if name is not None:
            return name
    if cue.tag_ != "VBG":
        return None
    # '“…,” Mr. Manafort said, adding of Mr. Trump, “He cares …”': the parse hung
    # "adding" inside the quotation; the clause it joins is the first head outside.
    head = cue.head
    while head.i in quoted and head.head.i != head.i:
        head = head.head
    if head.i == cue.i or head.i in quoted:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject if subject is not None and subject.i not in quoted else None


def _close_last_quotation(doc: Doc, item: Found, marks: list[MarkTokens]) -> None:
    """'he is "weak on illegal immigration, you know that. Weak …"': the parse
    ends the clause with its sentence, but the quotation it opened is part of
    what was reported (on PolNeAR train: 19 more mixed quotes matched, 2 fewer)."""
    start, end = item.content[-1]
    for mark in marks:
        # Open: the content stops inside the quoted words, or holds the opening
        # mark but not the closing one ('at an "early date' lost its '."');
        # "‘gratefully’" read from inside the marks is whole.
        inside = start <= mark.inner[0] < end < mark.outer[1]
        opened = end < mark.inner[1] or start <= mark.outer[0]
        if inside and opened and _same_paragraph(doc, end, mark.outer[1]):
            item.content[-1] = (start, mark.outer[1])
            item.trail.append("link:close_last_quotation")
            return


def _tagged(
    doc: Doc, found: list[Found], marks: list[MarkTokens], lex: Lexicon, settings: Settings
) -> list[Found]:
    """Attributions the trained tagger found (when it ran) that the rules did not."""
    taken = set(_quoted_tokens(found))
    extra = []
    for tagged in tagged_attributions(doc):
        tokens = {i for start, end in tagged.content for i in range(start, end)}
        if len(tokens & taken) * 3 > len(tokens):
            # The rules have it, with their own speaker and edges (better ones, on
            # held-apart articles); a third shared is already the same words twice.
            continue
        if tagged.source is None:
            continue  # words credited to nobody tell an analyst nothing
        if not _cue_leads(doc, tagged):
            continue  # a trailing cue is the rules' to read; the tagger's extras there were wrong
        belief = not _speech_cue(doc, tagged.cue, lex)
        if belief and not settings.include_beliefs:
            continue
        frame = Frame(tagged.cue, tagged.source, tagged.content, belief=belief)
        inside = [m for m in marks if _overlaps(m.inner, tagged.content)]
        if inside and _covered_by(doc, tagged.content, inside):
            item = Found([m.inner for m in inside], frame, "direct", [m.marked for m in inside])
        else:
            kind = "mixed" if inside else "belief" if belief else "indirect"
            item = Found(tagged.content, frame, kind)
        frame.rule = "tagged"  # the trained tagger's cue
        item.trail.append("link:tagged")
        taken |= tokens
        extra.append(item)
    return extra


def _cue_leads(doc: Doc, tagged: Tagged) -> bool:
    """The tagger's cue comes before its content, in the sentence where the content starts."""
    cue, start = tagged.cue[0], tagged.content[0][0]
    return cue < start and doc[cue].sent.start == doc[start].sent.start


def _speech_cue(doc: Doc, cue: list[int], lex: Lexicon) -> bool:
    words = {doc[i].lemma_.lower() for i in cue} | {doc[i].lower_ for i in cue}
    return bool(words & (lex.speech_verbs | lex.speech_nouns | {"according", ":"}))
