"""The quote finder: frames from the parse + quotation marks -> quotes on Doc._.quotes.

Each quote is a plain dict (JSON-safe, so docs survive nlp.pipe(n_process=N))
with character ranges; extract.py turns them into records.Quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from nlp.attribution import Tagged, tagged_attributions
from nlp.frames import (
    FINITE,
    QUOTE_END,
    SPEAKER_POS,
    SUBJECT_DEPS,
    Frame,
    find_frames,
    noun_before,
    object_range,
    phrase_root,
    speaker_subject,
    trim,
)
from nlp.lexicon import Lexicon
from nlp.marks import Marked, find_marked
from nlp.speakers import Speaker, SpeakerResolver

TokenRange = tuple[int, int]
NAMED = ("PERSON", "ORG", "GPE", "NORP")


@dataclass
class Settings:
    include_beliefs: bool = True
    keep_unattributed: bool = True  # sentence-like quotes nobody is named for
    min_direct_tokens: int = 4  # shorter quoted bits need a frame to count
    # "criticized Ford", "defended his deals": a reported object this short names
    # a topic or a party, not what was said (on PolNeAR train, two in three such
    # finds match no attribution).
    min_indirect_words: int = 3


@dataclass
class Found:
    """A quote while it is being assembled (token ranges)."""

    content: list[TokenRange]
    frame: Frame | None
    kind: str
    marks: list[Marked] = field(default_factory=list)
    evidence: str = ""
    follows: Found | None = None  # quote this one continues (same speaker)
    # The clause the quoted words sit in, when they repeat another quotation:
    # kept when its subject is that quotation's speaker too.
    clause: Frame | None = None


def find_quotes(doc: Doc, lex: Lexicon, settings: Settings) -> list[dict]:
    marked = [m for m in (_mark_tokens(doc, m) for m in find_marked(doc.text)) if m]
    frames = find_frames(doc, lex, settings.include_beliefs)
    found = _link(doc, frames, marked, lex, settings)
    _source_outside_quotations(doc, found, marked)
    _according_takes_quotation(doc, found, lex)
    found += _tagged(doc, found, marked, lex, settings)
    found = [f for f in found if _long_enough(doc, f, settings)]
    for item in found:
        if item.kind == "mixed":
            _close_last_quotation(doc, item, marked)
    found.sort(key=lambda f: f.content[0][0])
    resolver = SpeakerResolver(doc, lex, _quoted_tokens(found))
    quotes: list[dict] = []
    speakers: dict[int, Speaker] = {}
    for item in sorted(found, key=_resolution_order):
        speakers[id(item)] = _speaker_for(item, resolver, speakers)
    for item in found:
        if not _thing_demands_thing(doc, item, speakers[id(item)], found):
            quotes.append(_as_dict(doc, item, speakers[id(item)]))
    _set_parents(quotes)
    return quotes


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


def _quoted_indices(marks: list[MarkTokens]) -> set[int]:
    return {i for m in marks for i in range(*m.inner)}


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
            return


def _long_enough(doc: Doc, item: Found, settings: Settings) -> bool:
    """Reported content under min_indirect_words ("criticized Ford") is too thin to keep."""
    if item.kind in ("direct", "mixed") or _words(doc, item) >= settings.min_indirect_words:
        return True
    return item.frame is not None and doc[item.frame.cue[0]].lemma_.lower() == "say"


def _words(doc: Doc, item: Found) -> int:
    return sum(1 for s, e in item.content for t in doc[s:e] if not (t.is_punct or t.is_space))


def _quoted_tokens(found: list[Found]) -> frozenset[int]:
    """Tokens inside some quote's content: the people named there are talked
    about, so neither they nor a nested source is the antecedent of a 'he'."""
    return frozenset(i for item in found for start, end in item.content for i in range(start, end))


# -- marks --------------------------------------------------------------------


@dataclass
class MarkTokens:
    marked: Marked
    inner: TokenRange  # tokens inside the marks
    outer: TokenRange  # tokens including the marks


def _mark_tokens(doc: Doc, marked: Marked) -> MarkTokens | None:
    inner = doc.char_span(marked.start, marked.end, alignment_mode="expand")
    outer = doc.char_span(marked.outer_start, marked.outer_end, alignment_mode="expand")
    if inner is None or outer is None or not len(inner):
        return None
    return MarkTokens(marked, trim(doc, inner.start, inner.end), (outer.start, outer.end))


# -- linking frames and marks ------------------------------------------------------


def _link(
    doc: Doc, frames: list[Frame], marks: list[MarkTokens], lex: Lexicon, settings: Settings
) -> list[Found]:
    found: list[Found] = []
    used_marks: set[int] = set()
    used_frames: set[int] = set()
    passed_back: set[int] = set()  # quotations a colon cue after them did not take
    # A cue inside a quotation ("My mom says ...") is the quoted speaker's own
    # reporting: it may nest, but it never claims the quotation around it.
    quoted = _quoted_indices(marks)
    # Cues inside a quotation are dropped altogether: on PolNeAR they are mostly
    # the speaker's own "I think" / "let me tell you", and they steal matches.
    frames = [f for f in frames if f.anchor not in quoted]
    # 1. A frame whose clause sits right next to a quotation: "“…,” he said, “…”".
    extents = [_frame_extent(doc, f, quoted) for f in frames]
    for f_index, frame in enumerate(frames):
        if frame.according or frame.anchor in quoted:
            continue
        lo, hi = extents[f_index]
        before = [
            i for i, m in enumerate(marks) if i not in used_marks and _gap_ok(doc, m.outer[1], lo)
        ]
        after = [
            i
            for i, m in enumerate(marks)
            if i not in used_marks
            and (_gap_ok(doc, hi, m.outer[0]) or _colon_then_paragraph(doc, hi, m.outer[0]))
        ]
        own_content = _content_outside(frame, marks, before + after)
        if own_content and after and _narration_after_quotation(doc, frame, hi, marks[after[0]]):
            own_content = False
        if own_content and before and _after_dash(doc, marks[before[-1]]):
            # '… like Saddam Hussein - ''He would have loved Stalin,'' Mr. Biden said
            # twice - and …': the dash ends the narration the parse gave the cue.
            before, after, own_content = before[-1:], [], False
        if own_content or not (before or after):
            continue
        chosen = before[-1:] + after[:1]
        if before and after and _claimed_later(doc, marks[after[0]], extents, f_index):
            chosen = before[-1:]  # '“A.” he said. “B,” she said.' — B is hers
        if before and after and not _same_paragraph(doc, hi, marks[after[0]].outer[0]):
            chosen = before[-1:]  # '“A,” he claimed.' ends its paragraph
        elif before and after and _introduces_next(doc, hi, marks[before[-1]], marks[after[0]]):
            chosen = after[:1]  # '“A,” she said. “B.” He said: “C.”' — B is still hers
            passed_back.add(before[-1])
        if not before and after and not _opens_quote(doc, hi, marks[after[0]], extents, f_index):
            continue
        if not before and after and _cued_after(doc, marks, after[0], extents, f_index):
            continue  # 'declared the need for drive: “Change the world,” she said.'
        used_marks.update(chosen)
        used_frames.add(f_index)
        ranges = [marks[i].inner for i in chosen]
        found.append(Found(ranges, frame, "direct", [marks[i].marked for i in chosen]))
    # 1b. A quotation that is the cue's object: 'Protesters chanted "no contract, no peace"'.
    for f_index, frame in enumerate(frames):
        if f_index in used_frames or frame.content:
            continue
        objects = [
            i for i, m in enumerate(marks) if i not in used_marks and _quoted_object(doc, frame, m)
        ]
        if objects:
            used_marks.add(objects[0])
            used_frames.add(f_index)
            mark = marks[objects[0]]
            found.append(Found([mark.inner], frame, "direct", [mark.marked]))
    # 2. Frames with syntactic content; quotation marks inside make them direct or mixed.
    for f_index, frame in enumerate(frames):
        if f_index in used_frames or not frame.content:
            continue
        content = frame.content
        if frame.label is None:
            content = _with_whole_quotations(doc, content, marks)
        inside = [i for i, m in enumerate(marks) if _overlaps(m.inner, content)]
        if frame.label is not None:
            used_marks.update(inside)  # quotations within a transcript line are part of it
            found.append(Found(list(content), frame, "direct"))
        elif inside and _covered_by(doc, content, [marks[i] for i in inside]):
            fresh = [i for i in inside if i not in used_marks]
            if not fresh and _reported_within(found, frame, marks, inside):
                # 'said Canada expressed “deep appreciation for …”': what the
                # reporter quotes, Canada expressed; a report inside the report.
                found.append(Found(list(content), frame, "mixed"))
                used_frames.add(f_index)
                continue
            if not fresh:
                continue  # a cue inside a quotation already attributed
            used_marks.update(inside)
            ranges = [marks[i].inner for i in inside]
            found.append(Found(ranges, frame, "direct", [marks[i].marked for i in inside]))
        elif inside:
            used_marks.update(inside)
            found.append(Found(list(content), frame, "mixed"))
        else:
            kind = "belief" if frame.belief else "indirect"
            found.append(Found(list(content), frame, kind))
        used_frames.add(f_index)
    # 3. Framing verbs around a quoted word: "called it an “epoch-making” summit".
    for f_index, frame in enumerate(frames):
        if f_index in used_frames or not frame.framing:
            continue
        inside = [
            i for i, m in enumerate(marks) if i not in used_marks and _governed_by(doc, m, frame)
        ]
        if inside:
            used_marks.update(inside)
            found.append(Found([marks[i].inner for i in inside], frame, "mixed"))
    # 3b. A quoted phrase in a clause whose subject is a named speaker is that
    #     speaker's words: "Kim offered his “full support”" (a scare quote has no
    #     such subject: "the so-called “deal”").
    for index, mark in enumerate(marks):
        if index in used_marks or _sentence_like(doc, mark, settings) or _title(doc, mark):
            continue
        if _exclaimed(doc, mark, lex) is not None:
            continue  # all the verb says: a direct quote, step 4's
        frame = _clause_frame(doc, mark)
        if frame is None:
            continue
        used_marks.add(index)
        if (echoed := _echoed_quotation(doc, mark, found)) is not None:
            # 'Lee “gladly” accepts invitation' over '“… Lee gladly accepted it,”
            # the spokesman said': the word is the one quoted, not the subject's.
            evidence = "repeats words of a quotation"
            echo = Found(frame.content, None, "mixed", evidence=evidence, follows=echoed)
            echo.clause = frame
            found.append(echo)
            continue
        same_cue = [f for f in found if f.frame is not None and f.frame.cue[0] == frame.cue[0]]
        if same_cue:
            # The verb is already a cue ("dismissed X as a “claim”"): the quote joins it.
            same_cue[0].kind = "mixed"
            if not _overlaps(mark.inner, same_cue[0].content):
                same_cue[0].content = _union(same_cue[0].content, frame.content)
            continue
        around = [
            f
            for f in found
            if f.kind == "mixed" and any(_overlaps(r, f.content) for r in frame.content)
        ]
        if around:
            # 'Ash wrote that Priebus has made “numerous requests” …, “and even …”':
            # a later quotation of a reported clause is the reporter's too.
            around[0].content = _union(around[0].content, frame.content)
            continue
        found.append(Found(frame.content, frame, "mixed", evidence="quoted words in its clause"))
    # 4. Quotations left over: sentence-like ones continue or stand alone; the rest are
    #    scare quotes nobody said and are dropped.
    direct = sorted((f for f in found if f.kind == "direct"), key=lambda f: f.content[0][0])
    for index, mark in enumerate(marks):
        if index in used_marks:
            continue
        if not _sentence_like(doc, mark, settings):
            leads = _leads_to_its_cue(doc, mark) and not _title(doc, mark)
            if leads and (clause := _trailing_frame(doc, mark, lex)) is not None:
                # '"Debate recap," tweeted Conant.': words set off before their cue.
                direct.append(_next_to_its_clause(found, mark, clause))
                continue
            if (
                clause := _exclaimed(doc, mark, lex) or _short_after_colon(doc, mark, lex)
            ) is not None:
                direct.append(_next_to_its_clause(found, mark, clause))
                continue
            previous = _quote_before(direct, mark.inner[0])
            if previous is not None and (
                _resumes_after_cue(doc, previous, mark) or _ends_next_sentence(doc, previous, mark)
            ):
                _add_quotation(previous, mark)
            continue
        if _names_a_work(doc, mark):
            continue
        clause = None if index in passed_back else _trailing_frame(doc, mark, lex)
        clause = clause or _leading_frame(doc, mark, lex)
        if clause is not None:
            direct.append(_next_to_its_clause(found, mark, clause))
            continue
        previous = _quote_before(direct, mark.inner[0])
        mixed = _mixed_cued_before(doc, found, mark)
        if mixed is not None and (previous is None or _ends_before(previous, mixed)):
            # '“A” but “B,” he said. “C.”': as with a direct quote, one attribution;
            # it wins over a direct quote earlier in the paragraph.
            mixed.content.append(mark.outer)
        elif previous is not None and _same_paragraph(doc, previous.content[-1][1], mark.inner[0]):
            # '"A," Clark said, noting ... "B."': one attribution, one more range.
            _add_quotation(previous, mark)
        elif (speaker := _attributed_before(doc, found, mark, settings)) is not None:
            if speaker.kind == "direct":
                # '"A," he said.⏎⏎"B."': the speaker goes on, one attribution (PolNeAR
                # train joins these 33 times in 40).
                _add_quotation(speaker, mark)
            else:
                found.append(
                    Found(
                        [mark.inner],
                        None,
                        "direct",
                        [mark.marked],
                        evidence="continues",
                        follows=speaker,
                    )
                )
        elif (clause := _sentence_before_frame(doc, mark)) is not None:
            direct.append(_next_to_its_clause(found, mark, clause))
        elif settings.keep_unattributed and not _title_in_body(doc, mark):
            # The marks, not the tokens, bound its words: '.“We …' is one token.
            found.append(Found([mark.inner], None, "direct", [mark.marked], "nobody named"))
    return found


def _reported_within(
    found: list[Found], frame: Frame, marks: list[MarkTokens], inside: list[int]
) -> bool:
    """The cue lies in the reported words of a mixed quote found before, and
    the quotation opens on the cue's own noun ('expressed “deep appreciation
    …”'): the reporter quotes what the inner speaker expressed. Not 'said he
    called it “an evil act”', where the quotation is the reporter's own
    quoting of the inner words (on PolNeAR train such inner quotes matched
    4 times in 12)."""
    opens_on_cue = any(
        marks[i].inner[0] <= c < marks[i].inner[1] for i in inside for c in frame.cue
    )
    return opens_on_cue and any(
        item.kind == "mixed" and any(s <= frame.anchor < e for s, e in item.content)
        for item in found
    )


def _with_whole_quotations(
    doc: Doc, content: list[TokenRange], marks: list[MarkTokens]
) -> list[TokenRange]:
    """The parse may end a clause inside a quotation, or on its opening mark
    ('… to delay the motion, “and even to agree …”' hangs elsewhere): a
    quotation is never cut, unless it runs on past its paragraph (a mark left
    open). A content the cue interrupts keeps its edges: a mark across the
    gap is more likely an apostrophe ("the studios' end, he said, rather than
    viewers'")."""
    if len(content) != 1:
        return content
    start, end = content[0]
    cut = [
        m.outer
        for m in marks
        if _overlaps(m.outer, content)
        and not (start <= m.outer[0] and m.outer[1] <= end)
        and "\n" not in doc[m.outer[0] : m.outer[1]].text
    ]
    return _union(content, cut) if cut else content


def _exclaimed(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'She declared “What a night!”', 'She declared: “Stay there!”': a short
    quotation that ends the sentence right after a speech verb is all the
    verb says, though too short to pass for a sentence of its own."""
    before = mark.outer[0] - 1
    if before > 0 and doc[before].text == ":":
        before -= 1  # not after a comma: 'X, he said, “but Y.”' goes on X
    verb = doc[before] if before >= 0 else None
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.speech_verbs:
        return None
    after = mark.outer[1]
    last = doc[mark.inner[1] - 1].text
    ends = after >= len(doc) or "\n" in doc[after].text or doc[after].text in SENTENCE_END
    if not (ends or last in SENTENCE_END):
        return None
    return _speech_verb_before(doc, mark.outer[0], lex)


def _sentence_before_frame(doc: Doc, mark: MarkTokens) -> Frame | None:
    """'Clinton touted her record on the bill. “We need to support workers …”':
    a quotation standing as its own sentence, with no cue of its own, goes on
    from the sentence just before it in its paragraph; that sentence's subject,
    when it is somebody, speaks."""
    start = mark.outer[0]
    end = start - 1
    while end > 0 and doc[end].is_space:
        end -= 1
    if end <= 0 or doc[end].text not in SENTENCE_END:
        return None
    sentence = doc[doc[end].sent.start : end + 1]
    if sentence.start == 0:
        return None  # the headline introduces nobody's words
    if any(t.is_quote or "\n" in t.text for t in sentence):
        return None  # a sentence with its own quotation is another rule's
    if not _same_paragraph(doc, end, start):
        # Past a paragraph break, narration names the speaker rarely: on
        # PolNeAR train, as often wrongly as rightly.
        return None
    verb = sentence.root
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.pos_ not in ("VERB", "AUX") or subject is None or not _speaker_like(subject):
        return None
    if subject.lower_ == "it":
        return None  # "it's an open question": a situation, not a speaker
    return Frame(cue=_with_particle(verb), source=subject)


def _next_to_its_clause(found: list[Found], mark: MarkTokens, clause: Frame) -> Found:
    item = Found([mark.inner], clause, "direct", [mark.marked], "its clause next to it")
    found.append(item)
    return item


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
        item.evidence = "attribution tagger"
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


SPEAKING_WORDS = frozenset("i we you my our your me us".split())
SMALL_WORDS = frozenset("a an and as at but by for from in of on or the to with".split())


def _title(doc: Doc, mark: MarkTokens) -> bool:
    """'took the stage to “Eye of the Tiger”', 'on “This Week”': a capitalised
    name of a show, song or book, not anybody's words."""
    words = [t for t in doc[mark.inner[0] : mark.inner[1]] if t.is_alpha]
    return (
        bool(words)
        and all(t.is_title or t.is_upper or t.lower_ in SMALL_WORDS for t in words)
        and (words[0].is_title or words[0].is_upper)
    )


def _title_in_body(doc: Doc, mark: MarkTokens) -> bool:
    """'the podcast “So, That Happened.”': below the headline, a capitalised
    quotation nobody is said to have said names a work. The headline itself
    capitalises every word, quotes included ('Issa: Clinton’s ‘Honesty Is In Question’')."""
    headline_end = doc.text.find("\n")
    in_headline = headline_end == -1 or doc[mark.outer[0]].idx < headline_end
    if in_headline or not _title(doc, mark):
        return False
    # Shouted or spoken words are capitalised too: "THE FAKE NEWS MEDIA …!",
    # “I Can’t Breathe.”, “We Want Justice Now.”
    words = [t for t in doc[mark.inner[0] : mark.inner[1]] if not t.is_space]
    shouted = all(t.is_upper for t in words if t.is_alpha) or words[-1].text in ("!", "?")
    return not shouted and not any(t.lower_ in SPEAKING_WORDS for t in words)


def _names_a_work(doc: Doc, mark: MarkTokens) -> bool:
    """'“Orange Is the New Black” star Selenis Leyva', 'a "Jeb Can Fix It" bus
    tour', '—"Posthumous books could come with a lot of dollar signs," by
    Boston Globe's Joseph P. Kahn': a quotation that modifies the noun after
    it, or that is credited to its writer with 'by', is the name of a show, a
    slogan or an article, not anybody's words."""
    end = mark.outer[1]
    if end >= len(doc):
        return False
    after = doc[end]
    # Not "''… to accurately measure'' income rather than …", where the noun
    # ends the quoted clause; the parse may still hang "star Selenis Leyva"
    # inside the quotation, but a noun or name after it shows a noun phrase.
    following = doc[end + 1] if end + 1 < len(doc) else None
    outside = not mark.outer[0] <= after.head.i < end
    compound = following is not None and following.pos_ in SPEAKER_POS
    modifies = after.pos_ == "NOUN" and after.is_lower and (outside or compound)
    if modifies and doc[end - 2].text not in (*QUOTE_END, ".", ":"):
        return True
    byline = doc[end + 1] if after.text == "," and end + 1 < len(doc) else after
    name = doc[byline.i + 1] if byline.i + 1 < len(doc) else None
    return byline.lower_ == "by" and name is not None and name.pos_ == "PROPN"


def _echoed_quotation(doc: Doc, mark: MarkTokens, found: list[Found]) -> Found | None:
    """The one direct quote of the article whose quotation holds the quoted
    phrase word for word (a headline quoting its story's source)."""
    words = _word_list(doc[mark.inner[0] : mark.inner[1]].text)
    if not words:
        return None
    holders = [
        item
        for item in found
        if item.kind == "direct"
        and item.frame is not None
        and not any(m == mark.marked for m in item.marks)
        and any(_holds_words(_word_list(doc.text[m.start : m.end]), words) for m in item.marks)
    ]
    return holders[0] if len(holders) == 1 else None


def _word_list(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _holds_words(text: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(text[i : i + n] == words for i in range(len(text) - n + 1))


def _clause_frame(doc: Doc, mark: MarkTokens) -> Frame | None:
    """The verb governing a quoted phrase, when its subject names somebody."""
    token = doc[mark.inner[0] : mark.inner[1]].root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and not (mark.inner[0] <= token.i < mark.inner[1]):
            break
        if token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    if token.lemma_ == "be":
        return None  # "He is now host of “The Nightly Show”": a title, not his words
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.ent_type_ in NAMED or subject.pos_ == "PRON"):
        return None
    if subject.pos_ == "PRON" and subject.lower_ not in ("he", "she", "they"):
        return None
    child = _mark_child(doc, token, mark)
    end = child.right_edge.i + 1
    if child.dep_ == "dobj":
        end = object_range(token, child)[1]  # 'blamed the “fog of war” for the failure …'
    # 'slammed the proposal as “divisive”': the phrase is about the object before it.
    content = [trim(doc, noun_before(token, child.left_edge.i, ("dobj",)), end)]
    return Frame(cue=[token.i], source=subject, content=content)


TRAILING_GAP = ("ADV", "PUNCT", "SPACE")
SPEAKING_PRONOUNS = ("he", "she", "they", "it", "we", "i", "who")


def _trailing_frame(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'"France will always be France," an angry Hollande retaliated.': any verb
    right after a quotation, with a subject of its own, is its attribution.

    The speech lexicon misses such verbs, but the layout leaves no other reading.
    """
    end = mark.outer[1]
    if end >= len(doc) or "\n" in doc[end - 1 : min(end + 1, len(doc))].text:
        return None
    return (
        _trailing_by_parse(doc, mark)
        or _trailing_by_layout(doc, mark)
        or _trailing_by_words(doc, mark, lex)
    )


NOUN_RUN = ("DET", "ADJ", "NUM", "NOUN", "PROPN", "PART")
TRAILING_WORDS = 12


def _trailing_by_words(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'“…?” the 43-year-old asked in the video', '"…," tweeted Rubio spokesman
    Alex Conant.', '“…,” a voice-over in the ad states.': the parse may read the
    speech verb as a noun or an adjective. The words still say it: a noun phrase
    and a speech verb, in either order, filling the clause after the quotation."""
    words = []
    for token in doc[mark.outer[1] : mark.outer[1] + TRAILING_WORDS]:
        if token.is_quote or token.text in (".", "?", "!", ";") or "\n" in token.text:
            break
        words.append(token)
    at = next((i for i, t in enumerate(words) if _speech_word(t, lex)), None)
    if at is None:
        return None
    if at == 0:
        run = _noun_run(words[1:])  # "tweeted Rubio spokesman Alex Conant"
    else:
        run = _noun_run(words[:at])  # "the Post's senior politics editor Steven Ginsberg"
        if len(run) != at and _misread_noun(words[:at]):
            run = [words[0], *_noun_run(words[1:at])]  # "screenwriter Cole Haddon wrote"
        after = words[at + 1] if at + 1 < len(words) else None
        if len(run) != at or after is not None and after.pos_ not in ("PUNCT", "ADP", "ADV"):
            return None
    head = next((i for i, t in enumerate(run) if t.pos_ == "ADP"), len(run))
    run = run[:head]  # "a voice-over in the ad": the head comes before "in"
    if not run or run[-1].pos_ not in (*SPEAKER_POS, "ADJ"):
        return None  # "the 43-year-old" ends in an adjective the parse made its head
    return Frame(cue=[words[at].i], source=run[-1])


def _misread_noun(words: list[Token]) -> bool:
    """'“…,” screenwriter Cole Haddon wrote': the parse may take the role word
    opening a name for a verb. Lower case, then a name, before the speech verb."""
    first = words[0]
    return len(words) > 1 and first.pos_ == "VERB" and first.is_lower and words[1].pos_ == "PROPN"


def _speech_word(token: Token, lex: Lexicon) -> bool:
    """A speech verb by its form, whatever the tagger made of it ('states')."""
    if not token.is_lower or token.lemma_.lower() not in lex.speech_verbs:
        return False
    if token.tag_ == "NN":
        # '“…,” the editorial read.': tagged a noun, but it follows one and ends the clause.
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return (
            token.i > 0
            and token.nbor(-1).pos_ in ("NOUN", "ADJ", "PROPN")
            and (after is None or after.text in (".", ",") or after.pos_ == "ADP")
        )
    return token.pos_ in ("VERB", "ADJ") or token.tag_ == "NNS"


def _noun_run(words: list[Token]) -> list[Token]:
    """The words opening the list that can make up a noun phrase."""
    run = []
    for token in words:
        joins = token.pos_ in NOUN_RUN or token.text in ("-", "'s", "’s")
        if not joins and (token.pos_ != "ADP" or not run):
            break  # a preposition may go on a phrase ("a voice-over in the ad"), not open one
        run.append(token)
    return run


def _leading_frame(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'Rubio fired back forcefully: “If they sue us …”': a clause that ends in a
    colon introduces the quotation after it, and its subject speaks. So does a
    speech verb right before a comma: 'He adopted a fake accent and joked, “…”'
    (when the parse did not make the quotation the verb's object)."""
    before = mark.outer[0] - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    if before <= 0:
        return None
    if doc[before].text == ",":
        return _speech_verb_before(doc, before, lex) or _clause_before_sentence(doc, before, mark)
    if not doc[before].is_punct and doc[before].sent.start == doc[mark.outer[0]].sent.start:
        # 'asked the crowd "If Hillary …"': the quotation is the verb's last word.
        return _speech_verb_before(doc, mark.outer[0], lex)
    return _colon_frame(doc, before, lex) if doc[before].text == ":" else None


def _short_after_colon(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'saying: “The struggle continues”': a clause too short to stand alone as a
    quote is one when a speech verb introduces it with a colon."""
    before = mark.outer[0] - 1
    if before <= 0 or doc[before].text != ":" or not _sentence_like_span(doc[slice(*mark.inner)]):
        return None
    frame = _colon_frame(doc, before, lex)
    if frame is None or doc[frame.cue[0]].lemma_.lower() not in lex.speech_verbs:
        return None
    return frame


def _colon_frame(doc: Doc, colon: int, lex: Lexicon) -> Frame | None:
    verb = doc[colon].head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i > colon:
        # 'Mitt Romney, the nominee, tweeted in response:' can come out with the
        # colon hung on the quotation's verb: take the clause that ends at it.
        verb = _verb_ending_at(doc, colon)
        if verb is None:
            return _name_before_colon(doc, colon, lex)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and verb.i < subject.i < colon and verb.i == verb.sent.start:
        return Frame(cue=_with_particle(verb), source=subject)  # "Continued Stone: “…”"
    # 'Any decision would involve Lynch, who told Congress when asked: “…”': a
    # speech verb in the clause that ends at the colon beats the main clause.
    ending = _verb_ending_at(doc, colon)
    if ending is not None and ending.i != verb.i:
        for clause_verb in _verbs_up(ending, colon):
            if clause_verb.i == verb.i:
                break
            if clause_verb.tag_ == "VBN":
                continue  # "when asked …" is put to the speaker, not said
            subject = _colon_speaker(clause_verb, lex)
            if subject is not None and clause_verb.lemma_.lower() in lex.speech_verbs:
                return Frame(cue=_with_particle(clause_verb), source=subject)
    # 'Clinton has since apologized for what happened: “…”': the clause that ends
    # at the colon may be a subordinate one; the speaker is the main clause's.
    for clause_verb in _verbs_up(verb, colon):
        subject = _colon_speaker(clause_verb, lex)
        if subject is not None:
            return Frame(cue=_with_particle(clause_verb), source=subject)
    return None


def _verbs_up(verb: Token, colon: int) -> Iterator[Token]:
    """The verb, then the verbs that govern it before the colon."""
    yield verb
    token = verb
    for _ in range(3):
        if token.head.i == token.i or token.head.i > colon:
            return
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            yield token


def _colon_speaker(verb: Token, lex: Lexicon) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        subject = _participle_speaker(verb, lex)
    if subject is None:
        subject = speaker_subject(verb, lex)  # "leaned in and boomed: “…”"
    if subject is None or subject.i > verb.i or not _speaker_like(subject):
        return None
    return subject


def _verb_ending_at(doc: Doc, colon: int) -> Token | None:
    start = doc[colon].sent.start
    verb = next((t for t in reversed(doc[start:colon]) if t.pos_ == "VERB"), None)
    if verb is None or any(t.i not in {d.i for d in verb.subtree} for t in doc[verb.i : colon]):
        return None
    return verb


LABEL_BOUNDARY = ("-", "—", "–", ".", ";")
LABEL_WINDOW = 8


def _name_before_colon(doc: Doc, colon: int, lex: Lexicon) -> Frame | None:
    """'Jeffrey M. Jones: “Gallup’s analysis …”', 'Clinton: "…" Bush: "…"': a
    name with no verb of its own, set before a quotation with a colon, labels it.
    So does 'Continued Stone:', which the parse reads as a name with an adjective."""
    end = colon
    if doc[end - 1].text == ")":  # "Rep. Trey Gowdy (R-S.C.):"
        opening = next((i for i in range(end - 1, max(end - 8, 0), -1) if doc[i].text == "("), None)
        end = opening if opening is not None else end
    name = doc[end - 1] if end > 0 else None
    if name is None or not _label_name(name):
        return None
    start = end - 1
    while start > 0 and end - start < LABEL_WINDOW:
        token = doc[start - 1]
        if token.is_quote or token.text in LABEL_BOUNDARY or "\n" in token.text:
            break
        if token.pos_ in ("VERB", "AUX") or token.is_sent_end:
            if token.lemma_.lower() in lex.speech_verbs and _phrase_start(doc, token.i):
                return Frame(cue=[token.i], source=doc[token.i + 1 : end].root)
            return None
        start -= 1
    else:
        if start > 0:
            return None
    root = doc[start:end].root
    return Frame(cue=[colon], source=root) if _label_name(root) else None


def _label_name(token: Token) -> bool:
    """A person or organisation; a proper noun the entity tagger missed, or the
    surname of a person the article names, counts too."""
    if token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN" and not token.ent_type_:
        return True
    return token.is_title and any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == token.text
        for ent in token.doc.ents
    )


def _phrase_start(doc: Doc, index: int) -> bool:
    before = doc[index - 1] if index > 0 else None
    return before is None or before.is_space or before.text in LABEL_BOUNDARY or before.is_quote


def _saying_participle(verb: Token, lex: Lexicon) -> bool:
    """'a voice-over saying:', and 'Mitt Romney, the nominee, tweeted in
    response:', which the parse reads as a reduced relative clause."""
    if verb.dep_ != "acl" or verb.head.i > verb.i:
        return False
    if verb.tag_ == "VBG":
        return verb.lemma_.lower() in lex.speech_verbs
    if verb.tag_ == "VBD" and verb.i == verb.head.i + 1:
        return True  # '…, a man yelled “Stay there!”': a past tense right after its noun
    return verb.tag_ in ("VBD", "VBN") and verb.head.ent_type_ in ("PERSON", "ORG")


# Verbs whose object is the one written to, not the message.
MESSAGING = ("email", "text", "message", "telephone", "phone", "call", "ping", "tweet")
SENDING = ("send", "blast", "email", "mail", "text", "write", "post", "circulate", "forward")


def _participle_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """For a 'saying' participle, the noun it hangs on, except one it was sent
    to: 'sent a text message to supporters saying: “…”' is the sender's
    ('replied to a reporter saying …' is still the reporter's)."""
    if not _saying_participle(verb, lex):
        return None
    noun = verb.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in MESSAGING:
        # "emailed supporters saying: “…”": the one emailed is not the one writing.
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return noun
    sender = noun.head.head
    if sender.pos_ == "NOUN":
        sender = sender.head  # "sent a message to supporters"
    if sender.lemma_.lower() not in SENDING:
        return noun
    return next((c for c in sender.children if c.dep_ == "nsubj"), None)


def _verb_before(doc: Doc, comma: int) -> Token | None:
    """The last verb of the sentence before comma, when the words between are
    its own ("joked to reporters,")."""
    start = doc[comma].sent.start
    verb = next((t for t in reversed(doc[start:comma]) if t.pos_ == "VERB"), None)
    if verb is None or any(verb not in t.ancestors for t in doc[verb.i + 1 : comma]):
        return None
    return verb


def _speech_verb_before(doc: Doc, comma: int, lex: Lexicon) -> Frame | None:
    verb = _verb_before(doc, comma)
    if verb is None:
        return None
    speech = verb.lemma_.lower() in lex.speech_verbs
    if not speech and not _ends_in_verb(doc, verb, comma):
        return None
    # "shared the news, writing “…”": a participle speaks with its verb's subject;
    # "held up a sign saying “…”": one that hangs on a noun, with the noun.
    subject = (
        _shared_subject(verb)
        or speaker_subject(verb, lex)
        or _participle_speaker(verb, lex)
        or _sentence_subject(verb)
    )
    if subject is None or subject.i > verb.i or not _speaker_like(subject):
        return None
    cue = _with_particle(verb) if speech else list(range(verb.i, comma))  # "shot back"
    return Frame(cue=cue, source=subject)


def _clause_before_sentence(doc: Doc, comma: int, mark: MarkTokens) -> Frame | None:
    """'Grandi reacted skeptically to the deal, “I am concerned about …”': a
    whole quoted sentence that closes the sentence a clause opened, set off from
    it by a comma, is that clause's subject speaking, whatever the verb."""
    quoted = doc[mark.inner[0] : mark.inner[1]]
    if not _sentence_like_span(quoted) or all(t.is_title for t in quoted if t.is_alpha):
        return None  # "its podcast, “So, That Happened.”": a title
    if any(t.is_quote for t in doc[doc[comma].sent.start : comma]):
        return None  # 'telling the crowd, “A,” and, “B.”': the clause before is quoted
    if doc[mark.outer[1] - 2].text not in (".", "?", "!") or not _ends_sentence(doc, mark.outer[1]):
        return None
    verb = _verb_before(doc, comma)
    if verb is None or verb.dep_ not in ("ROOT", "conj") or verb.tag_ == "VBG":
        return None
    subject = _shared_subject(verb)
    if subject is None or subject.i > verb.i or not _speaker_like(subject):
        return None
    return Frame(cue=_with_particle(verb), source=subject)


def _ends_sentence(doc: Doc, index: int) -> bool:
    """The paragraph ends at index, or a new sentence (or a bracketed credit) starts."""
    if index >= len(doc):
        return True
    token = doc[index]
    return token.is_space or token.is_sent_start or token.is_title or token.text in "(["


def _sentence_subject(verb: Token) -> Token | None:
    """'Flea shared the news on social media, writing “…”': the parse may hang
    the participle anywhere, but set off by a comma after the main clause it
    shares that clause's subject. Not after "and" ('watched the protesters,
    waving flags and shouting, “…”' is the protesters')."""
    root = verb.sent.root
    if verb.tag_ != "VBG" or verb.i == 0 or root.i >= verb.i or verb.nbor(-1).text != ",":
        return None
    return next((c for c in root.children if c.dep_ == "nsubj"), None)


def _ends_in_verb(doc: Doc, verb: Token, comma: int) -> bool:
    """'Hillary shot back, “I suppose …”': a clause that ends in its verb
    before a comma and a quotation introduces it, whatever the verb, as a
    colon does (the quotation reaches this point only when no cue took it)."""
    clause = doc[verb.left_edge.i : verb.i]
    if verb.dep_ in ("relcl", "acl") or any(t.tag_ in ("WP", "WP$", "WDT") for t in clause):
        return False  # '“A,” he said of people whose rights were restored, “B”'
    return all(t.dep_ in ("prt", "advmod") for t in doc[verb.i + 1 : comma])


def _shared_subject(verb: Token) -> Token | None:
    """The verb's subject, or for 'adopted an accent and joked' the first verb's
    (the parser may hang the second verb on the first one's object)."""
    token = verb
    for _ in range(3):
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if token.dep_ == "conj" or (token.i != verb.i and token.pos_ == "NOUN"):
            token = token.head
        else:
            return None
    return None


def _trailing_by_parse(doc: Doc, mark: MarkTokens) -> Frame | None:
    # The last quoted sentence is the one the verb governs.
    end = mark.outer[1]
    heads = [t.head for t in doc[mark.outer[0] : end] if t.head.i >= end]
    if not heads or heads[-1].pos_ != "VERB":
        return None
    verb = heads[-1]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < end or not _speaker_like(subject):
        return None
    clause = {t.i for t in subject.subtree}
    between = doc[end : verb.i]
    if "\n" in between.text or not all(t.i in clause or t.pos_ in TRAILING_GAP for t in between):
        return None
    return Frame(cue=_with_particle(verb), source=subject)


def _ends_open(doc: Doc, mark: MarkTokens) -> bool:
    """The quotation ends '…,”' (or ? ! —), so the sentence goes on after it."""
    return mark.outer[1] - 2 >= mark.outer[0] and doc[mark.outer[1] - 2].text in QUOTE_END


def _trailing_by_layout(doc: Doc, mark: MarkTokens) -> Frame | None:
    """'"…, right?" Trump went on.' when the parse splits the two: a noun phrase
    and a finite verb straight after a quotation that ends open."""
    if not _ends_open(doc, mark):
        return None
    subject = None
    in_phrase = False  # "a staffer in the room wondered": the phrase after the noun is not it
    for token in doc[mark.outer[1] : mark.outer[1] + 9]:
        if subject is not None and (token.tag_ in FINITE or _after_misread_name(subject, token)):
            return Frame(cue=_with_particle(token), source=subject)
        if subject is None and token.i == mark.outer[1] and _misread_name(token):
            subject = token  # '“…,” Will wrote.', '"…," Trump shot back.'
            continue
        if subject is not None and subject.pos_ != "PRON" and token.pos_ == "ADP":
            in_phrase = True
        elif in_phrase:
            if token.pos_ not in ("DET", "ADJ", "NUM", "NOUN", "PROPN"):
                return None
        elif token.pos_ == "PRON" and subject is None:
            if not _speaker_like(token):
                return None  # "“…,” this means": not a speaker
            subject = token
        elif token.pos_ in SPEAKER_POS and (subject is None or subject.pos_ != "PRON"):
            subject = token  # the last noun of "an angry Hollande"
        elif token.pos_ not in ("DET", "ADJ", "NUM", "PART", "ADV"):
            return None
    return None


def _misread_name(token: Token) -> bool:
    """A capitalised word the tagger read as a verb or a modal ("Trump",
    "Will") straight after a quotation that ends open: mid-sentence, only a
    name starts with a capital there."""
    return token.is_title and token.tag_ in ("VB", "VBP", "MD") and token.nbor(-1).is_quote


def _after_misread_name(subject: Token, token: Token) -> bool:
    """'Will wrote': after a name read as a modal, the tagger makes the verb a participle."""
    return subject.tag_ == "MD" and token.i == subject.i + 1 and token.tag_ in ("VBN", "VB")


def _with_particle(verb: Token) -> list[int]:
    """'fired back', 'went on': the particle belongs to the cue."""
    return sorted([verb.i, *(c.i for c in verb.children if c.dep_ == "prt" or _back(verb, c))])


def _back(verb: Token, child: Token) -> bool:
    """'shot back': the parse may make the particle an adverb."""
    return child.dep_ == "advmod" and child.lower_ == "back" and child.i == verb.i + 1


def _speaker_like(token: Token) -> bool:
    if token.pos_ == "PRON":
        return token.lower_ in SPEAKING_PRONOUNS
    return token.pos_ in SPEAKER_POS


def _mark_child(doc: Doc, verb: Token, mark: MarkTokens) -> Token:
    """The verb's dependent whose phrase holds the quotation."""
    inner = doc[mark.inner[0] : mark.inner[1]].root
    while inner.head.i != verb.i and inner.head.i != inner.i:
        inner = inner.head
    return inner


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


JOINING = ("and", "but", "then", "before")
# '“We’ll see,” when asked whether …': what follows tells when it was said.
WHEN_SAID = ("when", "after", "as", "while")


def _narration_after_quotation(doc: Doc, frame: Frame, cue_end: int, mark: MarkTokens) -> bool:
    """The parse may hang narration after a quotation on the quoted clause:
    'saying: “The struggle continues” and vowing to …' (after a colon, what
    follows "and" is not the words) and 'said, “We’ll see,” when asked …'
    (after a comma, a when-clause tells when they were said)."""
    gap = doc[cue_end : mark.outer[0]]
    close = mark.outer[1]
    if close >= len(doc):
        return False
    colon = any(t.text == ":" for t in gap) and doc[close].lower_ in JOINING
    comma = (
        any(t.text == "," for t in gap)
        and doc[close - 2].text == ","
        and doc[close].lower_ in WHEN_SAID
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


def _overlaps(inner: TokenRange, ranges: list[TokenRange]) -> bool:
    return any(inner[0] < e and s < inner[1] for s, e in ranges)


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
    doc: Doc, marks: list[MarkTokens], index: int, extents: list[TokenRange], own: int
) -> bool:
    """A cue closes the quotation ('“…,” she said.') and opens none of its own:
    'Mills then writes back, “You look cute.”' introduces the next quotation,
    it does not claim the one before."""
    mark = marks[index]
    end = mark.outer[1]
    if end - 2 <= mark.outer[0] or doc[end - 2].text not in QUOTE_END:
        return False  # '…: "It's just not true." He said …' ends where it stands
    for i, (lo, hi) in enumerate(extents):
        if i == own or not _gap_ok(doc, end, lo) or doc[lo].lower_ in WHEN_SAID:
            continue  # '“…,” when asked whether …' is no cue of its own
        if not any(_gap_ok(doc, hi, m.outer[0]) for m in marks[index + 1 :]):
            return True
    return False


# -- speakers ------------------------------------------------------------------


def _resolution_order(item: Found) -> tuple[int, int]:
    """Resolve in the order a reader meets the sources, continuations last."""
    if item.frame is None:
        return (1, item.content[0][0])
    return (0, item.frame.source.i if item.frame.source is not None else item.frame.anchor)


def _speaker_for(item: Found, resolver: SpeakerResolver, done: dict[int, Speaker]) -> Speaker:
    if item.frame is not None and item.frame.label is not None:
        return resolver.label(*item.frame.label)
    if item.frame is not None and item.frame.source is not None:
        return resolver.resolve(item.frame.source, item.frame.anchor)
    if item.follows is not None and id(item.follows) in done:
        before = done[id(item.follows)]
        if item.clause is not None:
            here = resolver.resolve(item.clause.source, item.clause.anchor)
            if here.name == before.name:
                # 'She referenced the “Charleston loophole”' after her own
                # quotation of it: her words, named here.
                item.frame, item.evidence = item.clause, ""
                return here
        # The mention that named the speaker is the source: there is none nearer.
        return Speaker(
            before.name,
            before.kind,
            before.role,
            "continues the quote before",
            before.confidence * 0.7,
            before.source,
            before.members,
        )
    return Speaker(None, None, None, "no speaker found", 0.2, None)


# -- output ----------------------------------------------------------------------


CONFIDENCE = {"direct": 1.0, "mixed": 0.9, "indirect": 0.85, "belief": 0.7}


def _as_dict(doc: Doc, item: Found, speaker: Speaker) -> dict:
    frame = item.frame
    cue = _char_ranges(doc, _runs(frame.cue)) if frame else []
    source = _char_ranges(doc, [speaker.source]) if speaker.source else []
    content = _char_ranges(doc, item.content)
    if item.kind == "direct" and item.marks:
        # Exact inner text of the marks, independent of tokenisation.
        text = doc.text  # built from the tokens on every access: once, not per mark
        content = [_without_joining_comma(text, m.start, m.end) for m in item.marks]
    record = {
        "content": [list(r) for r in content],
        "cue": [list(r) for r in cue],
        "source": [list(r) for r in source],
        "speaker": speaker.name,
        "speaker_type": speaker.kind,
        "role": speaker.role,
        "kind": item.kind,
        "confidence": round(CONFIDENCE[item.kind] * speaker.confidence, 3),
        "evidence": _evidence(item, frame, speaker, doc),
        "parent": None,
    }
    if speaker.members:  # several sources: each one is a speaker of the quote
        record["speakers"] = [
            {"name": m.name, "type": m.kind, "role": m.role}
            | {"source": _char_ranges(doc, [m.source])}
            for m in speaker.members
        ]
    return record


def _evidence(item: Found, frame: Frame | None, speaker: Speaker, doc: Doc) -> str:
    parts = []
    if frame is not None:
        cue = " ".join(doc[i].text for i in frame.cue)
        parts.append(f"source of '{cue}'")
    if item.evidence:
        parts.append(item.evidence)
    parts.append(speaker.evidence)
    return "; ".join(parts)


def _union(first: list[TokenRange], second: list[TokenRange]) -> list[TokenRange]:
    """The tokens of both, as ranges: the two may overlap, and a quote must not
    repeat its words."""
    return _runs(list({i for start, end in first + second for i in range(start, end)}))


def _runs(indices: list[int]) -> list[TokenRange]:
    runs: list[TokenRange] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _char_ranges(doc: Doc, ranges: list[TokenRange]) -> list[tuple[int, int]]:
    out = []
    for start, end in ranges:
        if end > start:
            span = doc[start:end]
            out.append((span.start_char, span.end_char))
    return out


def _without_joining_comma(text: str, start: int, end: int) -> tuple[int, int]:
    """'“… through diplomatic channels,” he said': the comma before the closing
    mark joins the quotation to the sentence around it and is not the
    speaker's; a full stop, question or exclamation mark is."""
    start, end = _strip_spaces(text, start, end)
    if end > start + 1 and text[end - 1] == ",":
        return _strip_spaces(text, start, end - 1)
    return start, end


def _strip_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _set_parents(quotes: list[dict]) -> None:
    """Nested reporting: a quote whose cue lies in another quote's content is its child."""
    for index, quote in enumerate(quotes):
        if not quote["cue"]:
            continue
        cue_start = quote["cue"][0][0]
        holders = [
            (sum(e - s for s, e in other["content"]), j)
            for j, other in enumerate(quotes)
            if j != index and any(s <= cue_start < e for s, e in other["content"])
        ]
        if holders:
            quote["parent"] = min(holders)[1]
