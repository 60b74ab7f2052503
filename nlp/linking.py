"""Stage 5, linking: frames and quotation marks joined into quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from nlp.adjacency import (
    _add_quotation,
    _after_dash,
    _attributed_before,
    _claimed_later,
    _colon_then_paragraph,
    _content_outside,
    _covered_by,
    _cued_after,
    _ends_before,
    _ends_next_sentence,
    _frame_extent,
    _gap_ok,
    _governed_by,
    _introduces_next,
    _leads_to_its_cue,
    _mixed_cued_before,
    _narration_after_quotation,
    _opens_quote,
    _quote_before,
    _quoted_object,
    _resumes_after_cue,
    _same_paragraph,
    _sentence_like,
)
from nlp.colons import _short_after_colon
from nlp.found import Found, MarkTokens, Settings, _quoted_indices
from nlp.lexicon import Lexicon
from nlp.quotation_cues import (
    _clause_frame,
    _exclaimed,
    _leading_frame,
    _sentence_before_frame,
    _trailing_frame,
)
from nlp.ranges import TokenRange, _overlaps, _union
from nlp.syntax import Frame
from nlp.titles import _echoed_quotation, _names_a_work, _title, _title_in_body


@dataclass
class Linking:
    """What the linking passes share: the frames and quotations, and what is taken."""

    doc: Doc
    frames: list[Frame]
    marks: list[MarkTokens]
    lex: Lexicon
    settings: Settings
    # A cue inside a quotation ("My mom says ...") is the quoted speaker's own
    # reporting: it may nest, but it never claims the quotation around it.
    quoted: set[int]
    extents: list[TokenRange]  # each frame's clause, for adjacency
    found: list[Found] = field(default_factory=list)
    used_marks: set[int] = field(default_factory=set)
    used_frames: set[int] = field(default_factory=set)
    passed_back: set[int] = field(default_factory=set)  # quotations a colon cue after them left
    direct: list[Found] = field(default_factory=list)  # direct quotes, for the leftover pass

    def free_marks(self) -> list[tuple[int, MarkTokens]]:
        return [(i, m) for i, m in enumerate(self.marks) if i not in self.used_marks]

    def free_frames(self) -> list[tuple[int, Frame]]:
        return [(i, f) for i, f in enumerate(self.frames) if i not in self.used_frames]


def link(
    doc: Doc, frames: list[Frame], marks: list[MarkTokens], lex: Lexicon, settings: Settings
) -> list[Found]:
    """Frames and quotation marks joined into quotes, pass by pass (LINK_PASSES)."""
    quoted = _quoted_indices(marks)
    # Cues inside a quotation are dropped altogether: on PolNeAR they are mostly
    # the speaker's own "I think" / "let me tell you", and they steal matches.
    frames = [f for f in frames if f.anchor not in quoted]
    extents = [_frame_extent(doc, f, quoted) for f in frames]
    state = Linking(doc, frames, marks, lex, settings, quoted, extents)
    for link_pass in LINK_PASSES:
        link_pass(state)
        for item in state.found:
            if not item.trail:
                item.trail.append(f"link:{link_pass.__name__}")
    return state.found


def quotation_beside_cue(state: Linking) -> None:
    """'“A,” he said, “B.”': a frame whose clause sits right next to a quotation."""
    for f_index, frame in enumerate(state.frames):
        if frame.according or frame.anchor in state.quoted:
            continue
        chosen = _beside_choice(state, f_index)
        if not chosen:
            continue
        state.used_marks.update(chosen)
        state.used_frames.add(f_index)
        ranges = [state.marks[i].inner for i in chosen]
        state.found.append(Found(ranges, frame, "direct", [state.marks[i].marked for i in chosen]))


def _beside_choice(state: Linking, f_index: int) -> list[int]:
    """The quotations (indices) a frame takes: the one before it, after it, or both."""
    doc, marks, frame = state.doc, state.marks, state.frames[f_index]
    lo, hi = state.extents[f_index]
    free = state.free_marks()
    before = [i for i, m in free if _gap_ok(doc, m.outer[1], lo)]
    after = [
        i
        for i, m in free
        if _gap_ok(doc, hi, m.outer[0]) or _colon_then_paragraph(doc, hi, m.outer[0])
    ]
    own_content = _content_outside(frame, marks, before + after)
    if (
        own_content
        and after
        and _narration_after_quotation(doc, frame, hi, marks[after[0]], state.lex)
    ):
        own_content = False
    if own_content and before and _after_dash(doc, marks[before[-1]]):
        # '… like Saddam Hussein - ''He would have loved Stalin,'' Mr. Biden said
        # twice - and …': the dash ends the narration the parse gave the cue.
        return before[-1:]
    if own_content or not (before or after):
        return []
    if not before:
        if not _opens_quote(doc, hi, marks[after[0]], state.extents, f_index):
            return []
        if _cued_after(doc, marks, after[0], state.extents, f_index, state.lex):
            return []  # 'declared the need for drive: “Change the world,” she said.'
        return after[:1]
    if not after:
        return before[-1:]
    return _between_two(state, f_index, before[-1], after[0])


def _between_two(state: Linking, f_index: int, before: int, after: int) -> list[int]:
    """'“A,” he said, “B.”': both, unless one of them belongs elsewhere."""
    doc, marks = state.doc, state.marks
    hi = state.extents[f_index][1]
    chosen = [before, after]
    if _claimed_later(doc, marks[after], state.extents, f_index):
        chosen = [before]  # '“A.” he said. “B,” she said.' — B is hers
    if not _same_paragraph(doc, hi, marks[after].outer[0]):
        return [before]  # '“A,” he claimed.' ends its paragraph
    if _introduces_next(doc, hi, marks[before], marks[after]):
        state.passed_back.add(before)
        return [after]  # '“A,” she said. “B.” He said: “C.”' — B is still hers
    return chosen


def quotation_as_object(state: Linking) -> None:
    """'Protesters chanted "no contract, no peace"': a quotation that is the cue's object."""
    for f_index, frame in state.free_frames():
        if frame.content:
            continue
        objects = [i for i, m in state.free_marks() if _quoted_object(state.doc, frame, m)]
        if objects:
            state.used_marks.add(objects[0])
            state.used_frames.add(f_index)
            mark = state.marks[objects[0]]
            state.found.append(Found([mark.inner], frame, "direct", [mark.marked]))


def clause_content(state: Linking) -> None:
    """'She said that “the vote is lost”': frames with syntactic content; quotation
    marks inside make them direct or mixed."""
    for f_index, frame in state.free_frames():
        if not frame.content:
            continue
        item = _content_quote(state, frame)
        if item is not None:
            state.found.append(item)
            state.used_frames.add(f_index)


def _content_quote(state: Linking, frame: Frame) -> Found | None:
    """The quote a frame's content makes, or None when its quotations are taken."""
    doc, marks = state.doc, state.marks
    content = frame.content
    if frame.label is None:
        content = _with_whole_quotations(doc, content, marks)
    inside = [i for i, m in enumerate(marks) if _overlaps(m.inner, content)]
    if frame.label is not None:
        state.used_marks.update(inside)  # quotations within a transcript line are part of it
        return Found(list(content), frame, "direct")
    if inside and _covered_by(doc, content, [marks[i] for i in inside]):
        fresh = [i for i in inside if i not in state.used_marks]
        if not fresh and _reported_within(state.found, frame, marks, inside):
            # 'said Canada expressed “deep appreciation for …”': what the
            # reporter quotes, Canada expressed; a report inside the report.
            return Found(list(content), frame, "mixed")
        if not fresh:
            return None  # a cue inside a quotation already attributed
        state.used_marks.update(inside)
        ranges = [marks[i].inner for i in inside]
        return Found(ranges, frame, "direct", [marks[i].marked for i in inside])
    if inside:
        state.used_marks.update(inside)
        return Found(list(content), frame, "mixed")
    return Found(list(content), frame, "belief" if frame.belief else "indirect")


def framed_quoted_words(state: Linking) -> None:
    """'called it an “epoch-making” summit': a framing verb around a quoted word."""
    for _, frame in state.free_frames():
        if not frame.framing:
            continue
        inside = [i for i, m in state.free_marks() if _governed_by(state.doc, m, frame)]
        if inside:
            state.used_marks.update(inside)
            state.found.append(Found([state.marks[i].inner for i in inside], frame, "mixed"))


def quoted_words_in_clause(state: Linking) -> None:
    """'Kim offered his “full support”': a quoted phrase in a clause whose subject is
    a named speaker is that speaker's words (a scare quote has no such subject:
    'the so-called “deal”')."""
    doc = state.doc
    for index, mark in enumerate(state.marks):
        if index in state.used_marks or _sentence_like(doc, mark, state.settings):
            continue
        if _title(doc, mark, state.lex) or _exclaimed(doc, mark, state.lex) is not None:
            continue  # an exclamation is all the verb says: a direct quote, the leftover pass's
        frame = _clause_frame(doc, mark, state.lex)
        if frame is not None:
            state.used_marks.add(index)
            _join_clause(state, mark, frame)


def _join_clause(state: Linking, mark: MarkTokens, frame: Frame) -> None:
    """The quoted words join the quote their clause makes, or make one."""
    found = state.found
    if (echoed := _echoed_quotation(state.doc, mark, found)) is not None:
        # 'Lee “gladly” accepts invitation' over '“… Lee gladly accepted it,”
        # the spokesman said': the word is the one quoted, not the subject's.
        echo = Found(frame.content, None, "mixed", trail=["link:echoed_quotation"])
        echo.follows = echoed
        echo.clause = frame
        found.append(echo)
        return
    same_cue = [f for f in found if f.frame is not None and f.frame.cue[0] == frame.cue[0]]
    if same_cue:
        # The verb is already a cue ("dismissed X as a “claim”"): the quote joins it.
        same_cue[0].kind = "mixed"
        same_cue[0].trail.append("link:join_clause(same_cue)")
        if not _overlaps(mark.inner, same_cue[0].content):
            same_cue[0].content = _union(same_cue[0].content, frame.content)
        return
    around = [
        f
        for f in found
        if f.kind == "mixed" and any(_overlaps(r, f.content) for r in frame.content)
    ]
    if around:
        # 'Ash wrote that Priebus has made “numerous requests” …, “and even …”':
        # a later quotation of a reported clause is the reporter's too.
        around[0].content = _union(around[0].content, frame.content)
        around[0].trail.append("link:join_clause(around)")
        return
    found.append(Found(frame.content, frame, "mixed"))


def leftover_quotations(state: Linking) -> None:
    """'“We will win.”': quotations left over; sentence-like ones continue or stand
    alone, the rest are scare quotes nobody said and are dropped."""
    state.direct = sorted(
        (f for f in state.found if f.kind == "direct"), key=lambda f: f.content[0][0]
    )
    for index, mark in enumerate(state.marks):
        if index in state.used_marks:
            continue
        if _sentence_like(state.doc, mark, state.settings):
            _sentence_leftover(state, index, mark)
        else:
            _short_leftover(state, mark)


def _short_leftover(state: Linking, mark: MarkTokens) -> None:
    """'"Debate recap," tweeted Conant.': short words set off before their cue, or
    one more range of the quote before."""
    doc, lex = state.doc, state.lex
    leads = _leads_to_its_cue(doc, mark) and not _title(doc, mark, lex)
    if leads and (clause := _trailing_frame(doc, mark, lex)) is not None:
        state.direct.append(_next_to_its_clause(state.found, mark, clause))
        return
    if (clause := _exclaimed(doc, mark, lex) or _short_after_colon(doc, mark, lex)) is not None:
        state.direct.append(_next_to_its_clause(state.found, mark, clause))
        return
    previous = _quote_before(state.direct, mark.inner[0])
    if previous is not None and (
        _resumes_after_cue(doc, previous, mark) or _ends_next_sentence(doc, previous, mark)
    ):
        _add_quotation(previous, mark)


def _sentence_leftover(state: Linking, index: int, mark: MarkTokens) -> None:
    """'“A,” he said. “B.”': a sentence-like quotation gets its cue, goes on from
    the quote before, or stands alone."""
    doc, lex = state.doc, state.lex
    if _names_a_work(doc, mark):
        return
    clause = None if index in state.passed_back else _trailing_frame(doc, mark, lex)
    clause = clause or _leading_frame(doc, mark, lex)
    if clause is not None:
        state.direct.append(_next_to_its_clause(state.found, mark, clause))
        return
    previous = _quote_before(state.direct, mark.inner[0])
    mixed = _mixed_cued_before(doc, state.found, mark)
    if mixed is not None and (previous is None or _ends_before(previous, mixed)):
        # '“A” but “B,” he said. “C.”': as with a direct quote, one attribution;
        # it wins over a direct quote earlier in the paragraph.
        mixed.content.append(mark.outer)
        mixed.trail.append("link:mixed_cued_before")
    elif previous is not None and _same_paragraph(doc, previous.content[-1][1], mark.inner[0]):
        # '"A," Clark said, noting ... "B."': one attribution, one more range.
        _add_quotation(previous, mark)
    else:
        _continued_or_alone(state, mark)


def _continued_or_alone(state: Linking, mark: MarkTokens) -> None:
    """'"A," he said.⏎⏎"B."': the speaker before goes on; else the sentence
    before names the speaker; else nobody is named."""
    doc, found = state.doc, state.found
    if (speaker := _attributed_before(doc, found, mark, state.settings)) is not None:
        if speaker.kind == "direct":
            # PolNeAR train joins these 33 times in 40: one attribution.
            _add_quotation(speaker, mark)
        else:
            item = Found([mark.inner], None, "direct", [mark.marked], ["link:attributed_before"])
            item.follows = speaker
            found.append(item)
    elif (clause := _sentence_before_frame(doc, mark, state.lex)) is not None:
        state.direct.append(_next_to_its_clause(found, mark, clause))
    elif state.settings.keep_unattributed and not _title_in_body(doc, mark, state.lex):
        # The marks, not the tokens, bound its words: '.“We …' is one token.
        found.append(
            Found(
                [mark.inner],
                None,
                "direct",
                [mark.marked],
                ["link:continued_or_alone(unattributed)"],
            )
        )


# The linking passes in the order they run: each takes quotations and frames the
# ones before it left free.
LINK_PASSES = (
    quotation_beside_cue,
    quotation_as_object,
    clause_content,
    framed_quoted_words,
    quoted_words_in_clause,
    leftover_quotations,
)


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


def _next_to_its_clause(found: list[Found], mark: MarkTokens, clause: Frame) -> Found:
    item = Found([mark.inner], clause, "direct", [mark.marked], ["link:next_to_its_clause"])
    found.append(item)
    return item
