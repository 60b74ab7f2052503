"""A malformed extraction record is refused by name, and nothing stored is touched."""

import pytest
from store_helpers import TEXT, quote, record

from store.errors import StoreError
from store.ingest import save_extraction


def snapshot(db) -> tuple:
    return tuple(
        db.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("articles", "quotes", "speakers", "outlets", "current")
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q.update(content=[]), "quote 2 has no content span"),
        (lambda q: q.update(content=[[10, 99_999]]), r"content span \[10, 99999\] is outside"),
        (lambda q: q.update(cue=[[-1, 4]]), "cue span"),
        (lambda q: q.update(source=[["a", "b"]]), "source span"),
        (lambda q: q.update(kind=None), "quote 2 has no kind"),
        (lambda q: q.update(kind="bogus"), "quote 2: kind 'bogus' is not one of"),
        (lambda q: q.update(speaker_type="alien"), "speaker type 'alien' is unknown"),
        (lambda q: q.pop("cue"), "quote 2 has no cue list"),
    ],
)
def test_a_bad_span_names_the_article_and_stores_nothing(db, change, message):
    text = TEXT.replace("Minister backs", "Minister still backs")
    good = quote(text, "the deal was rushed", "said", "Tom Baker", "Tom Baker")
    bad = quote(text, "a good day for the region,", "said", "Ana Ruiz", "Ana Ruiz")
    change(bad)
    before = snapshot(db)
    with pytest.raises(StoreError, match=message) as caught:
        save_extraction(db, record(text=text, doc="second", quotes=[good, bad]), "rules-1")
    assert str(caught.value).startswith("second: ")
    assert snapshot(db) == before


def test_a_record_without_text_is_refused(db):
    broken = record()
    broken["article"]["text"] = None
    with pytest.raises(StoreError, match="port: the record has no article text"):
        save_extraction(db, broken, "rules-1")
