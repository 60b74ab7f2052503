"""save_extractions: many articles in one transaction, stored as one by one would store them."""

import sqlite3

from store_helpers import TEXT, record

from store.db import open_db
from store.errors import BadRecord
from store.ingest import save_extraction, save_extractions
from store.queries import QuoteFilter, list_quotes


def variant(n: int) -> dict:
    """The same article in another edition: new text, the same speakers."""
    edited = TEXT.replace("Monday", f"day {n}").replace("rushed", f"rushed ({n})")
    return record(edited, doc=f"port-{n}")


def dump(path) -> dict[str, list]:
    with sqlite3.connect(path) as conn:
        tables = ["articles", "quotes", "current", "speakers", "speaker_aliases", "outlets"]
        dumped = {t: conn.execute(f"select * from {t} order by 1").fetchall() for t in tables}
        dumped["search"] = conn.execute(
            "select rowid from quotes_fts where quotes_fts match 'fishermen' order by rowid"
        ).fetchall()
    dumped["articles"] = [row[:11] + row[12:] for row in dumped["articles"]]  # ingested_at
    return dumped


def test_a_batch_stores_what_one_by_one_stores(tmp_path):
    records = [variant(n) for n in range(5)]
    records.insert(2, dict(records[0]))  # the same text twice: stored once
    one_by_one, batched = open_db(tmp_path / "a.db"), open_db(tmp_path / "b.db")
    singles = [save_extraction(one_by_one, r, "v1") for r in records]
    together = save_extractions(batched, records, "v1")
    assert [r.status for r in together] == [r.status for r in singles]
    assert [r.status for r in together].count("unchanged") == 1
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")
    assert len(dump(tmp_path / "b.db")["search"]) == 5


def test_a_bad_record_in_a_batch_is_its_own_error_and_the_rest_is_stored(tmp_path):
    bad = variant(1)
    bad["quotes"][0]["content"] = [[0, 10**6]]
    db = open_db(tmp_path / "data.db")
    results = save_extractions(db, [variant(0), bad, variant(2)], "v1")
    assert isinstance(results[1], BadRecord) and "port-1" in str(results[1])
    assert [r.status for r in (results[0], results[2])] == ["new", "new"]
    assert db.execute("select doc from articles order by id").fetchall() == [
        ("port-0",),
        ("port-2",),
    ]


def test_a_batch_of_a_new_pipeline_version_updates_and_adds_in_order(tmp_path):
    db = open_db(tmp_path / "data.db")
    save_extractions(db, [variant(0), variant(1)], "v1")
    results = save_extractions(db, [variant(0), variant(2), variant(1)], "v2")
    assert [r.status for r in results] == ["updated", "new", "updated"]
    rows = list_quotes(db, QuoteFilter(search="fishermen"), 0, 100)
    assert len(rows) == 3


def test_quotes_inserted_one_at_a_time_are_still_found_by_search(tmp_path):
    db = open_db(tmp_path / "data.db")
    save_extractions(db, [variant(0)], "v1")
    db.execute(
        "insert into quotes (quote_key, article_id, kind, text, content_start, content_end,"
        " content_spans, cue_spans, source_spans, pipeline_version)"
        " values ('k', 1, 'direct', 'lighthouse keepers', 0, 1, '[]', '[]', '[]', 'v1')"
    )
    hits = db.execute("select rowid from quotes_fts where quotes_fts match 'lighthouse'")
    assert len(hits.fetchall()) == 1
    assert not db.execute("select 1 from meta where key = 'search_by_batch'").fetchone()
