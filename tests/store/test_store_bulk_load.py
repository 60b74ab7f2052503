"""A bulk load (indexes built once at the end) leaves the desk a normal ingest leaves."""

import sqlite3

import pytest
from test_store_batch_writer import batch_of_stories, desk_with_history, everything

from store import bulk_load as bulk
from store.db import open_db
from store.ingest import save_extractions
from store.queries import QuoteFilter, count_quotes, list_quotes, list_speakers


@pytest.fixture
def small_bulk(monkeypatch):
    monkeypatch.setattr(bulk, "BULK_LOAD_MIN", 3)


def indexes(path) -> set[tuple]:
    with sqlite3.connect(path) as conn:
        return set(
            conn.execute("select name, tbl_name, sql from sqlite_master where type = 'index'")
        )


def ingest(db, records: list[dict]) -> bool:
    with bulk.bulk_load(db, len(records)) as was_bulk:
        for first in range(0, len(records), 2):  # several transactions, as an ingest writes
            save_extractions(db, records[first : first + 2], "v1")
    return was_bulk


def test_bulk_and_normal_ingests_store_the_same_rows_and_indexes(tmp_path, small_bulk):
    normal, bulked = open_db(tmp_path / "a.db"), open_db(tmp_path / "b.db")
    before = indexes(tmp_path / "a.db")
    records = batch_of_stories()
    with bulk.bulk_load(normal, 0):  # not a bulk load
        save_extractions(normal, records, "v1")
    assert ingest(bulked, records)
    assert everything(tmp_path / "a.db") == everything(tmp_path / "b.db")
    assert indexes(tmp_path / "b.db") == indexes(tmp_path / "a.db") == before
    assert not bulk.unfinished(bulked)


def test_only_an_ingest_as_big_as_the_desk_is_a_bulk_load(tmp_path, small_bulk):
    db = desk_with_history(tmp_path / "data.db")
    save_extractions(db, batch_of_stories(), "v1")
    stored = db.execute("select count(*) from articles").fetchone()[0]
    assert not bulk.worth_it(db, stored - 1)
    assert bulk.worth_it(db, stored)
    assert not bulk.worth_it(db, 2)  # never below the minimum


def test_an_ingest_that_fails_midway_still_builds_its_indexes(tmp_path, small_bulk):
    db = open_db(tmp_path / "data.db")
    before = indexes(tmp_path / "data.db")
    with pytest.raises(KeyboardInterrupt), bulk.bulk_load(db, 10):
        save_extractions(db, batch_of_stories()[:2], "v1")
        raise KeyboardInterrupt
    assert indexes(tmp_path / "data.db") == before
    assert not bulk.unfinished(db)
    assert db.execute("select count(*) from articles").fetchone()[0] == 2  # committed, kept


def answers(db) -> list:
    """What the app asks of a desk: filtered pages, counts, the Speakers list."""
    filters = [QuoteFilter(speaker="Ana Ruiz"), QuoteFilter(kind="indirect"), QuoteFilter()]
    return [
        *[[q["id"] for q in list_quotes(db, f, 0, 100)] for f in filters],
        *[count_quotes(db, f) for f in filters],
        [(s["name"], s["quotes"]) for s in list_speakers(db)],
    ]


def test_a_bulk_load_killed_midway_leaves_a_desk_that_answers_and_the_next_ingest_mends(
    tmp_path, small_bulk
):
    normal = open_db(tmp_path / "normal.db")
    save_extractions(normal, batch_of_stories()[:4], "v1")
    path = tmp_path / "data.db"
    db = open_db(path)
    before = indexes(path)
    bulk.start(db)  # what a killed ingest leaves: its start and its batches committed, no end
    save_extractions(db, batch_of_stories()[:4], "v1")
    db.conn.close()
    db = open_db(path)
    assert bulk.unfinished(db) and indexes(path) < before
    assert answers(db) == answers(normal)
    with bulk.bulk_load(db, 1):  # the next ingest, however small
        save_extractions(db, batch_of_stories()[5:], "v1")
    save_extractions(normal, batch_of_stories()[5:], "v1")
    assert indexes(path) == before and not bulk.unfinished(db)
    assert everything(path) == everything(tmp_path / "normal.db")
