"""Long articles are read in blocks; one failing article never stops the others."""

from collections import Counter

import pytest

from nlp import pipeline
from nlp.blocks import cut_blocks
from nlp.extract import extract
from nlp.records import MAX_ARTICLE_CHARS, Article, Extraction
from tests.nlp.conftest import SAMPLES, read_article

FILLER = (
    "The committee met again on Tuesday to go over the figures for the coming year,"
    " and the discussion ran late into the evening without a vote.\n\n"
)


def quoted(text: str, extraction: Extraction) -> Counter:
    """(quote text, speaker) of every quote, read from the text at its offsets."""
    return Counter(
        (" … ".join(text[s:e] for s, e in q.content), q.speaker) for q in extraction.quotes
    )


def test_a_long_article_in_blocks_finds_what_its_parts_find_alone(samples):
    articles = [read_article(p) for p in sorted(SAMPLES.glob("*.txt"))]
    long_text = "\n\n".join(a.text for a in articles)
    assert len(cut_blocks(long_text, 3_000)) > 5

    found = next(extract([Article(doc="long", text=long_text)], block_chars=3_000))

    alone = sum((quoted(a.text, samples[a.doc]) for a in articles), Counter())
    assert found.error is None
    assert quoted(long_text, found) == alone


def test_a_quotation_over_several_paragraphs_stays_whole_across_a_block_end():
    quotation = (
        "Senator Ann Lee said on Monday: \u201cThe bill will pass this week, and nobody will stop"
        " it.\n\n"
        "\u201cWe have the votes in both chambers, and we have had them since spring.\n\n"
        # Longer than the context a block reads past its end.
        + "\u201cThe members have heard from their towns again and again this year.\n\n" * 30
        + "\u201cThe governor knows it, and so do the members who still say otherwise.\u201d\n\n"
    )
    text = FILLER * 20 + quotation + FILLER * 20
    start = text.index("The bill")
    # The block would end inside the quotation, in its second paragraph.
    block_chars = text.index("We have the votes")

    found = next(extract([Article(doc="t", text=text)], block_chars=block_chars))

    whole = [q for q in found.quotes if q.content[0][0] == start]
    assert len(whole) == 1, [text[s:e] for q in found.quotes for s, e in q.content]
    content = " ".join(text[s:e] for s, e in whole[0].content)
    assert "We have the votes" in content and content.endswith("still say otherwise.")
    assert whole[0].speaker == "Ann Lee"


def test_a_surname_in_a_later_block_is_the_person_named_in_full_earlier():
    text = (
        "Kremlin spokesman Dmitry Peskov said on Monday that the talks would go on.\n\n"
        + FILLER * 40
        + "\u201cWe are ready to talk to anyone who wants to talk,\u201d Mr. Peskov said.\n\n"
    )

    found = next(extract([Article(doc="t", text=text)], block_chars=2_000))

    last = max(found.quotes, key=lambda q: q.content[0][0])
    assert text[slice(*last.content[0])].startswith("We are ready")
    assert last.speaker == "Dmitry Peskov"


@pytest.fixture
def boom(monkeypatch):
    """The quote finder fails on any text that says BOOM."""
    real = pipeline.find_quotes

    def failing(doc, *args):
        if "BOOM" in doc.text:
            raise RuntimeError("rule tripped\non this text")
        return real(doc, *args)

    monkeypatch.setattr(pipeline, "find_quotes", failing)


def test_an_article_the_pass_fails_on_is_its_own_error_and_the_rest_go_on(boom):
    good = '"We will build it," Mayor Ann Lee said on Monday.\n'
    articles = [
        Article(doc="a", text=good),
        Article(doc="bad", text="BOOM. " + good),
        Article(doc="b", text=good),
    ]

    found = list(extract(articles))

    assert [e.article.doc for e in found] == ["a", "bad", "b"]
    assert found[1].error.startswith("the NLP pass failed on this article (RuntimeError")
    assert "\n" not in found[1].error and not found[1].quotes
    assert [len(e.quotes) for e in (found[0], found[2])] == [1, 1]
    assert found[0].error is None and found[2].error is None


def test_an_article_over_the_limit_says_the_limit():
    found = next(extract([Article(doc="huge", text="word " * (MAX_ARTICLE_CHARS // 5 + 1))]))

    assert found.error == (
        f"too large for an article ({MAX_ARTICLE_CHARS + 5:,} characters;"
        f" the limit is {MAX_ARTICLE_CHARS:,} characters)"
    )


def test_a_quotation_after_a_colon_paragraph_keeps_its_speaker_across_a_block_end():
    text = (
        FILLER * 20
        # A paragraph longer than the context a block reads before its start.
        + "The meeting went on for hours and the figures were read out one by one. " * 30
        + "At the end of it, Senator Ann Lee told the reporters waiting outside:\n\n"
        + "\u201cThe bill will pass this week, and nobody in this building will stop it.\u201d\n\n"
        + FILLER * 20
    )
    # The block would end right after the colon.
    block_chars = text.index("\u201cThe bill")

    found = next(extract([Article(doc="t", text=text)], block_chars=block_chars))

    quote = next(q for q in found.quotes if text[slice(*q.content[0])].startswith("The bill"))
    assert quote.speaker == "Ann Lee"


@pytest.mark.parametrize(
    "text",
    [
        FILLER * 200,
        FILLER.replace("\n\n", " ") * 200,  # one line, no paragraph to cut at
        "\u201c" + FILLER * 200,  # a quotation never closed
    ],
    ids=["paragraphs", "one line", "unclosed quotation"],
)
def test_blocks_cover_the_article_once_and_stay_near_their_size(text):
    cut = cut_blocks(text, 2_000)

    assert cut[0].own_start == 0 and cut[-1].own_end == len(text)
    assert all(a.own_end == b.own_start for a, b in zip(cut, cut[1:], strict=False))
    assert all(b.start <= b.own_start < b.own_end <= b.end for b in cut)
    assert max(b.own_end - b.own_start for b in cut) <= 2_000
