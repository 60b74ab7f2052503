"""Stage 5, linking: frames and quotation marks joined into quotes."""

from __future__ import annotations

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


def _next_to_its_clause(found: list[Found], mark: MarkTokens, clause: Frame) -> Found:
    item = Found([mark.inner], clause, "direct", [mark.marked], "its clause next to it")
    found.append(item)
    return item
