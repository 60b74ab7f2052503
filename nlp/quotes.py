"""The quote finder: the stages in the order they run -> quotes on Doc._.quotes.

Each quote is a plain dict (JSON-safe, so docs survive nlp.pipe(n_process=N))
with character ranges; extract.py turns them into records.Quote.
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.corrections import (
    _according_takes_quotation,
    _close_last_quotation,
    _source_outside_quotations,
    _tagged,
    _thing_demands_thing,
)
from nlp.cues import find_frames
from nlp.found import Settings, _long_enough, _mark_tokens, _quoted_tokens
from nlp.lexicon import Lexicon
from nlp.linking import link
from nlp.marks import find_marked
from nlp.record import _as_dict, _resolution_order, _set_parents, _speaker_for
from nlp.speakers import Speaker, SpeakerResolver


def find_quotes(doc: Doc, lex: Lexicon, settings: Settings) -> list[dict]:
    marked = [m for m in (_mark_tokens(doc, m) for m in find_marked(doc.text)) if m]
    frames = find_frames(doc, lex, settings.include_beliefs)
    found = link(doc, frames, marked, lex, settings)
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
