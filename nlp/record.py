"""The extraction record: a found quote and its speaker as the dict on Doc._.quotes."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.found import Found
from nlp.ranges import TokenRange, _runs
from nlp.speakers import Speaker, SpeakerResolver
from nlp.syntax import Frame


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
                item.frame = item.clause
                item.trail = ["link:quoted_words_in_clause"]  # not an echo after all
                return here
        return _continued_speaker(before)
    return _no_speaker()


def _no_speaker() -> Speaker:
    """'“We will win.”' with no cue near and nobody before: nobody is named."""
    return Speaker(None, None, None, "speaker:no_speaker", 0.2, None)


def _continued_speaker(before: Speaker) -> Speaker:
    """'“A,” he said.⏎⏎“B.”': the speaker of the quote before goes on. The mention
    that named the speaker is the source: there is none nearer."""
    detail = f"({before.name})" if before.name else ""
    return Speaker(
        before.name,
        before.kind,
        before.role,
        f"speaker:continued_speaker{detail}",
        before.confidence * 0.7,
        before.source,
        before.members,
    )


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
        "evidence": evidence_trail(doc, item, speaker),
        "parent": None,
    }
    if speaker.members:  # several sources: each one is a speaker of the quote
        record["speakers"] = [
            {"name": m.name, "type": m.kind, "role": m.role}
            | {"source": _char_ranges(doc, [m.source])}
            for m in speaker.members
        ]
    return record


def evidence_trail(doc: Doc, item: Found, speaker: Speaker) -> str:
    """The rules that made the quote, stage by stage: 'mark:close_double
    cue:verb_frame(said) content:that_clause source:own_subject link:clause_content
    speaker:…'. Each rule name is its function's name, so grep finds it."""
    tokens = [*_mark_rules(item), *_frame_rules(doc, item.frame), *item.trail]
    if speaker.evidence:
        tokens.append(speaker.evidence)
    return " ".join(dict.fromkeys(tokens))  # a rule that fired twice is named once


def _mark_rules(item: Found) -> list[str]:
    """'mark:close_double', 'mark:open_double(paragraphs)' for a quote over
    several paragraphs, 'mark:single_mark' for ‘…’."""
    tokens = []
    for mark in item.marks:
        if mark.single:
            tokens.append("mark:single_mark")
            continue
        tokens.append("mark:close_double")
        if mark.paragraphs:
            tokens.append("mark:open_double(paragraphs)")
    return tokens


def _frame_rules(doc: Doc, frame: Frame | None) -> list[str]:
    """'cue:verb_frame(said) content:that_clause source:own_subject'."""
    if frame is None:
        return []
    words = " ".join(doc[i].text for i in frame.cue)
    return [f"cue:{frame.rule or 'frame'}({words})", *frame.trail]


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
