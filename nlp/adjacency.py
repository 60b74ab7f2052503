"""Tests the linking passes ask: is a quotation next to a frame's clause, does it
continue another, is it sentence-like.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.found import Found, MarkTokens, Settings, _long_enough
from nlp.lexicon import Lexicon
from nlp.ranges import TokenRange
from nlp.syntax import QUOTE_END, SUBJECT_DEPS, Frame


def _frame_extent(doc: Doc, frame: Frame, quoted: set[int]) -> TokenRange:
    """The attribution clause: cue and source with their modifiers, not the content.

    Words inside quotation marks never belong to it, even when the parse hangs
    them on the cue ('Trump replied, “Well, maybe so. …”').
    """
    tokens = set(frame.cue)
    if frame.source is not None:
        # A speaker the parse made the root ('“…,” Nate Cole, the pollster who
        # founded …, tweeted') has the quotation in its subtree.
        source = frame.source.subtree
        tokens.update(t.i for t in source if t.i not in quoted and not t.is_punct)
    verb = doc[frame.cue[0]]
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "parataxis", "conj", "punct", "cc", "advcl"):
            continue
        if (
            child.dep_ == "dobj"
            and child.i not in tokens
            or child.dep_ in ("prep", "npadvmod", "advmod", "dative", "aux", "neg", "prt")
        ):
            tokens.update(t.i for t in child.subtree if t.i not in quoted)
    return min(tokens), max(tokens) + 1


DASHES = ("-", "--", "—", "–")


def _after_dash(doc: Doc, mark: MarkTokens) -> bool:
    """The quotation opens after a dash that opens (not one closing an aside:
    '"A" -- that he is a liberal -- "B," he said' is one quote)."""
    before = mark.outer[0] - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or doc[before].text not in DASHES:
        return False
    clause = doc[doc[before].sent.start : before + 1]
    dashes = sum(t.text in DASHES and t.i > 0 and bool(t.nbor(-1).whitespace_) for t in clause)
    return dashes % 2 == 1  # spaced dashes only: "nanny-state" has a hyphen


def _gap_ok(doc: Doc, end: int, start: int) -> bool:
    """Only punctuation and spaces between two token positions, and no line break:
    some outlets end a paragraph with a single newline."""
    if start < end or start - end > 3:
        return False
    gap = doc[end:start]
    return all(t.is_punct or t.is_space for t in gap) and "\n" not in gap.text


def _introduces_next(doc: Doc, end: int, before: MarkTokens, after: MarkTokens) -> bool:
    """A cue that ends in a colon introduces the quotation after it; a whole
    sentence quoted just before it ('“We are not terrorists.” Mr. Zahed said:
    “…”') goes on from the quote before, not from this cue."""
    colon = any(t.text == ":" for t in doc[end - 1 : after.outer[0]])
    return colon and _sentence_final(doc, before)


def _colon_then_paragraph(doc: Doc, end: int, start: int) -> bool:
    """'He declared:' closing a paragraph, the quotation opening the next one."""
    gap = doc[end:start]
    return (
        0 < len(gap) <= 3
        and gap[0].text == ":"
        and all(t.is_space for t in gap[1:])
        and "\n" in gap.text
    )


def _content_outside(frame: Frame, marks: list[MarkTokens], adjacent: list[int]) -> bool:
    """The frame has content of its own beyond the adjacent quotations."""
    if not frame.content:
        return False
    covered = [marks[i].outer for i in adjacent]
    return any(not any(s <= start and end <= e for s, e in covered) for start, end in frame.content)


def _narration_after_quotation(
    doc: Doc, frame: Frame, cue_end: int, mark: MarkTokens, lex: Lexicon
) -> bool:
    """The parse may hang narration after a quotation on the quoted clause:
    'saying: “The struggle continues” and vowing to …' (after a colon, what
    follows "and" is not the words) and 'said, “We’ll see,” when asked …'
    (after a comma, a when-clause tells when they were said)."""
    gap = doc[cue_end : mark.outer[0]]
    close = mark.outer[1]
    if close >= len(doc):
        return False
    colon = any(t.text == ":" for t in gap) and doc[close].lower_ in lex.joining_words
    comma = (
        any(t.text == "," for t in gap)
        and doc[close - 2].text == ","
        and doc[close].lower_ in lex.when_said_words
    )
    return (
        (colon or comma) and frame.content[-1][1] > close and frame.content[0][0] <= mark.inner[0]
    )


def _sentence_final(doc: Doc, mark: MarkTokens) -> bool:
    """The quotation ends a sentence inside its marks ('“We are not terrorists.”');
    the inner range is trimmed of its full stop, so look before the closing mark."""
    return doc[mark.outer[1] - 2].text in (".", "?", "!")


def _opens_quote(
    doc: Doc, frame_end: int, mark: MarkTokens, extents: list[TokenRange], own: int
) -> bool:
    """'he said: “…”' or 'he said, “…”' — a quotation introduced by the frame.
    Without a colon or comma between them, a quotation with a cue of its own
    right after it is not this frame's: 'Trump seemed to agree. “Illegal …,”
    he said.'"""
    gap = doc[frame_end : mark.outer[0]]
    if any(t.text in (":", ",") for t in gap):
        return True
    return _sentence_like_span(doc[slice(*mark.inner)]) and not _claimed_later(
        doc, mark, extents, own
    )


def _quoted_object(doc: Doc, frame: Frame, mark: MarkTokens) -> bool:
    """'Protesters chanted "no contract, no peace"': the quotation is what the
    cue verb says, its object, even with no comma or colon to introduce it."""
    root = doc[slice(*mark.inner)].root
    if root.dep_ != "dobj" or root.head.i not in frame.cue:
        return False
    # The whole object: 'lamented the "good old days"' names a thing, it says nothing.
    words = [t.i for t in root.subtree if not (t.is_punct or t.is_space)]
    return mark.inner[0] <= min(words) and max(words) < mark.inner[1]


def _covered_by(doc: Doc, content: list[TokenRange], marks: list[MarkTokens]) -> bool:
    """Content words all inside quotation marks (ignoring 'that' and punctuation).
    A long quotation may have a stray word outside; in a short one, 'called
    Trump “unhinged”', the word outside is reported speech around a quoted one."""
    inside = {i for m in marks for i in range(*m.outer)}
    words = [
        t
        for s, e in content
        for t in doc[s:e]
        if not (t.is_punct or t.is_space or t.lower_ == "that")
    ]
    outside = [t for t in words if t.i not in inside]
    # 'said Canada expressed “deep thanks for …”': a subject and its verb outside
    # the marks are the reporter's clause around the quoted words, however long they run.
    clause = any(t.dep_ in SUBJECT_DEPS and t.head.i not in inside for t in outside)
    return len(outside) <= len(words) // 10 and not clause


def _governed_by(doc: Doc, mark: MarkTokens, frame: Frame) -> bool:
    """The quoted word hangs (within three steps) on the framing verb."""
    span = doc[mark.inner[0] : mark.inner[1]]
    token = span.root
    for _ in range(4):
        if token.i == frame.cue[0]:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _sentence_like(doc: Doc, mark: MarkTokens, settings: Settings) -> bool:
    span = doc[mark.inner[0] : mark.inner[1]]
    if len(span) < settings.min_direct_tokens:
        return False
    return _sentence_like_span(span)


def _sentence_like_span(span: Span) -> bool:
    """A quotation that is a clause of its own: a capital start and a verb."""
    if not len(span):
        return False
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return first is not None and (first.is_title or first.is_upper) and has_verb


SENTENCE_END = (".", "!", "?")


def _leads_to_its_cue(doc: Doc, mark: MarkTokens) -> bool:
    """The quotation opens its sentence and closes on a comma, as words do
    before their cue: '"Debate recap," tweeted …', not 'hailed it as "fantastic,"'."""
    start = mark.outer[0]
    opens = start == 0 or doc[start - 1].text in (*SENTENCE_END, ":") or "\n" in doc[start - 1].text
    return opens and mark.outer[1] - 2 > start and doc[mark.outer[1] - 2].text == ","


def _quote_before(direct: list[Found], start: int) -> Found | None:
    """The attributed direct quote this one may join: the closest before it."""
    earlier = [f for f in direct if f.content[-1][1] <= start and f.frame is not None]
    return max(earlier, key=lambda f: f.content[-1][1]) if earlier else None


def _ends_before(first: Found, second: Found) -> bool:
    """First ends before second and is not a quote reported inside it."""
    starts_before = first.content[0][0] < second.content[0][0]
    return starts_before and first.content[-1][1] < second.content[-1][1]


def _add_quotation(item: Found, mark: MarkTokens) -> None:
    item.content.append(mark.inner)
    item.marks.append(mark.marked)
    item.trail.append("link:add_quotation")


def _resumes_after_cue(doc: Doc, previous: Found, mark: MarkTokens) -> bool:
    """'“A,” Thiel wrote in a statement explaining why …, “but most …”' or
    '"The bullying," Wallace said, as the crowd cheered. "The greed. …"': the
    quotation picks up right where the quote's own cue clause ends, so it is
    the same speaker's even when it is not a sentence of its own."""
    if previous.kind != "direct" or mark.inner[1] - mark.inner[0] < 2:
        return False
    before = mark.outer[0] - 1
    if before < 0 or doc[before].text not in (",", ".", ":"):
        return False
    cue = doc[previous.frame.cue[0]]
    quote_end = previous.content[-1][1]
    # Quote, cue clause and the mark that ends it: one sentence, in that order.
    in_order = quote_end <= cue.i < before
    one_sentence = doc[quote_end].sent == cue.sent == doc[before].sent
    return in_order and one_sentence


def _mixed_cued_before(doc: Doc, found: list[Found], mark: MarkTokens) -> Found | None:
    """The mixed quote just before this quotation, in its paragraph, when that
    quote ends with its own cue clause ('… at it,'' Mr. Trump said. ''My …'')."""
    start = mark.outer[0]
    earlier = [f for f in found if f.content[-1][1] <= start and f.frame is not None]
    if not earlier:
        return None
    closest = max(earlier, key=lambda f: f.content[-1][1])
    if closest.kind != "mixed" or not _same_paragraph(doc, closest.content[-1][1], start):
        return None
    # Quote, then its cue, then the sentence ends and the quotation opens.
    cue = closest.frame.cue[0]
    ended = start > 0 and doc[start - 1].text in SENTENCE_END
    return closest if ended and closest.content[-1][1] <= cue < start - 1 else None


def _ends_next_sentence(doc: Doc, previous: Found, mark: MarkTokens) -> bool:
    """'“A,” Lee said. Now, “most of them want a change.”': a clause in quotation
    marks that ends the sentence after a direct quote's cue goes on quoting
    the same speaker."""
    gap = doc[previous.content[-1][1] : mark.outer[0]]
    ends = [t.i for t in gap if t.text in SENTENCE_END]
    cue = previous.frame.cue[0]
    if len(ends) != 1 or "\n" in gap.text or any(t.is_quote for t in gap if t.i > cue):
        return False
    span = doc[slice(*mark.inner)]
    clause = len(span) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in span)
    after = doc[mark.outer[1]] if mark.outer[1] < len(doc) else None
    closes = (
        span[-1].text[-1] in SENTENCE_END
        or after is None
        or after.text in SENTENCE_END
        or "\n" in after.text
    )
    return clause and closes and cue < ends[0] and mark.outer[0] - ends[0] <= 8


def _attributed_before(
    doc: Doc, found: list[Found], mark: MarkTokens, settings: Settings
) -> Found | None:
    """The quote a stray quotation most likely continues: the closest attributed
    one before it, of any kind. On PolNeAR train the closest direct quote named
    the gold source 16 times in 167, the closest of any kind 68 times in 200:
    a paragraph often reports its speaker ("Corker said he was “meticulous” …")
    before quoting them at length. Only in its own paragraph or at the start of
    the next: further away, or inside a paragraph of narration, it was the
    gold speaker 0 times in 131, and no speaker is better than a wrong one."""
    start = mark.inner[0]
    earlier = [
        f
        for f in found
        if f.frame is not None
        and f.frame.source is not None
        and f.content[-1][1] <= start
        and _long_enough(doc, f, settings)
    ]
    if not earlier:
        return None
    closest = max(earlier, key=lambda f: f.content[-1][1])
    between = doc[closest.content[-1][1] : mark.outer[0]].text
    breaks = len(PARAGRAPH_BREAK.findall(between))
    if breaks == 0 or breaks == 1 and _opens_paragraph(doc, mark.outer[0]):
        return closest
    return None


PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _opens_paragraph(doc: Doc, index: int) -> bool:
    return index == 0 or "\n" in doc[index - 1].text or doc[index - 1].whitespace_ == "\n"


def _same_paragraph(doc: Doc, end: int, start: int) -> bool:
    return "\n" not in doc[end:start].text


def _claimed_later(doc: Doc, mark: MarkTokens, extents: list[TokenRange], own: int) -> bool:
    """Another frame sits right after this quotation: it is that frame's quote."""
    return any(i != own and _gap_ok(doc, mark.outer[1], lo) for i, (lo, _) in enumerate(extents))


def _cued_after(
    doc: Doc, marks: list[MarkTokens], index: int, extents: list[TokenRange], own: int, lex: Lexicon
) -> bool:
    """A cue closes the quotation ('“…,” she said.') and opens none of its own:
    'Mills then writes back, “You look cute.”' introduces the next quotation,
    it does not claim the one before."""
    mark = marks[index]
    end = mark.outer[1]
    if end - 2 <= mark.outer[0] or doc[end - 2].text not in QUOTE_END:
        return False  # '…: "It's just not true." He said …' ends where it stands
    for i, (lo, hi) in enumerate(extents):
        if i == own or not _gap_ok(doc, end, lo) or doc[lo].lower_ in lex.when_said_words:
            continue  # '“…,” when asked whether …' is no cue of its own
        if not any(_gap_ok(doc, hi, m.outer[0]) for m in marks[index + 1 :]):
            return True
    return False
