"""Quotations that are not anybody's words: titles of works, and words that repeat
another quotation.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.found import Found, MarkTokens
from nlp.lexicon import Lexicon
from nlp.syntax import QUOTE_END, SPEAKER_POS


def _title(doc: Doc, mark: MarkTokens, lex: Lexicon) -> bool:
    """'took the stage to “Eye of the Tiger”', 'on “This Week”': a capitalised
    name of a show, song or book, not anybody's words."""
    words = [t for t in doc[mark.inner[0] : mark.inner[1]] if t.is_alpha]
    return (
        bool(words)
        and all(t.is_title or t.is_upper or t.lower_ in lex.title_small_words for t in words)
        and (words[0].is_title or words[0].is_upper)
    )


def _title_in_body(doc: Doc, mark: MarkTokens, lex: Lexicon) -> bool:
    """'the podcast “So, That Happened.”': below the headline, a capitalised
    quotation nobody is said to have said names a work. The headline itself
    capitalises every word, quotes included ('Issa: Clinton’s ‘Honesty Is In Question’')."""
    headline_end = doc.text.find("\n")
    in_headline = headline_end == -1 or doc[mark.outer[0]].idx < headline_end
    if in_headline or not _title(doc, mark, lex):
        return False
    # Shouted or spoken words are capitalised too: "THE FAKE NEWS MEDIA …!",
    # “I Can’t Breathe.”, “We Want Justice Now.”
    words = [t for t in doc[mark.inner[0] : mark.inner[1]] if not t.is_space]
    shouted = all(t.is_upper for t in words if t.is_alpha) or words[-1].text in ("!", "?")
    return not shouted and not any(t.lower_ in lex.speaking_words for t in words)


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
