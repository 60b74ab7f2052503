"""The quote finder: the stages in the order they run -> quotes on Doc._.quotes.

Each quote is a plain dict (JSON-safe, so docs survive nlp.pipe(n_process=N))
with character ranges; extract.py turns them into records.Quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from nlp.corrections import (
    _according_takes_quotation,
    _close_last_quotation,
    _source_outside_quotations,
    _tagged,
    _thing_demands_thing,
)
from nlp.cues import find_frames
from nlp.found import Found, MarkTokens, Settings, _long_enough, _mark_tokens, _quoted_tokens
from nlp.lexicon import Lexicon
from nlp.linking import link
from nlp.marks import find_marked
from nlp.record import _as_dict, _resolution_order, _set_parents, _speaker_for
from nlp.speakers import Speaker, SpeakerResolver
from nlp.syntax import Frame


@dataclass
class Finding:
    """One article on its way through the stages: what each stage found so far."""

    doc: Doc
    lex: Lexicon
    settings: Settings
    marks: list[MarkTokens] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    speakers: dict[int, Speaker] = field(default_factory=dict)  # id(found) -> its speaker
    quotes: list[dict] = field(default_factory=list)


def find_quotes(doc: Doc, lex: Lexicon, settings: Settings) -> list[dict]:
    """The article's quotes as dicts, the stages of STAGES run in order."""
    finding = Finding(doc, lex, settings)
    for stage in STAGES:
        stage(finding)
    return finding.quotes


def quotation_marks(finding: Finding) -> None:
    """Stage 1 (marks.py): quotation marks paired on the raw text, as token ranges."""
    doc = finding.doc
    finding.marks = [m for m in (_mark_tokens(doc, m) for m in find_marked(doc.text)) if m]


def cues(finding: Finding) -> None:
    """Stages 2-4 (cues.py, content.py, sources.py): every cue the parse supports,
    each with the content it reports and the mention of its source."""
    finding.frames = find_frames(finding.doc, finding.lex, finding.settings.include_beliefs)


def linking(finding: Finding) -> None:
    """Stage 5 (linking.py, LINK_PASSES): cues and quotations joined into quotes."""
    finding.found = link(finding.doc, finding.frames, finding.marks, finding.lex, finding.settings)


def corrections(finding: Finding) -> None:
    """Stage 5, last passes (corrections.py): sources the parse put inside a
    quotation, the reach of "according to", the tagger's extra finds, too-thin
    content dropped, quotations a mixed quote left open closed."""
    doc, found, marks = finding.doc, finding.found, finding.marks
    _source_outside_quotations(doc, found, marks)
    _according_takes_quotation(doc, found, finding.lex)
    if finding.settings.tagger_quotes:
        found += _tagged(doc, found, marks, finding.lex, finding.settings)
    found = [f for f in found if _long_enough(doc, f, finding.settings)]
    for item in found:
        if item.kind == "mixed":
            _close_last_quotation(doc, item, marks)
    found.sort(key=lambda f: f.content[0][0])
    finding.found = found


def speakers(finding: Finding) -> None:
    """Stage 6 (speakers.py): each quote's source resolved to a speaker, in the
    order a reader meets the sources, continuations last."""
    resolver = SpeakerResolver(finding.doc, finding.lex, _quoted_tokens(finding.found))
    for item in sorted(finding.found, key=_resolution_order):
        finding.speakers[id(item)] = _speaker_for(item, resolver, finding.speakers)


def records(finding: Finding) -> None:
    """Stage 7 (record.py): the extraction records, with their evidence trail."""
    doc, found = finding.doc, finding.found
    for item in found:
        speaker = finding.speakers[id(item)]
        if not _thing_demands_thing(doc, item, speaker, found):
            finding.quotes.append(_as_dict(doc, item, speaker))
    _set_parents(finding.quotes)


# The stages in the order they run; each reads what the ones before it found.
STAGES = (quotation_marks, cues, linking, corrections, speakers, records)
