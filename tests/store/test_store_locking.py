"""Two connections on one file: waits within the busy timeout, a clear error past it."""

import sqlite3
import threading
import time

import pytest
from store_helpers import quote_id, view

from store import db as store_db
from store import decisions
from store.db import open_db
from store.errors import StaleEdit, StoreError


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)


def hold_write_lock(path) -> sqlite3.Connection:
    """Another program in the middle of a long write."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("begin immediate")
    holder.execute("insert into outlets (name) values ('Pending')")
    return holder


def test_a_write_blocked_past_the_timeout_is_a_store_error(db, db_path, short_timeout):
    qid = quote_id(db, "a good day")
    blocked = open_db(db_path)
    holder = hold_write_lock(db_path)
    try:
        with pytest.raises(StoreError, match=r"data\.db: the database is locked"):
            decisions.accept(blocked, qid, analyst="maria")
    finally:
        holder.rollback()
        holder.close()
    assert view(db, qid)["status"] == "unreviewed"
    decisions.accept(blocked, qid, analyst="maria")  # the lock is gone: it works
    assert view(db, qid)["status"] == "accepted"
    blocked.conn.close()


def test_opening_a_database_held_exclusively_is_a_store_error(db, db_path, short_timeout):
    db.conn.close()  # exclusive mode needs every other connection gone
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("pragma locking_mode = exclusive")
    holder.execute("begin exclusive")
    holder.execute("insert into outlets (name) values ('Pending')")
    try:
        with pytest.raises(StoreError, match="locked"):
            open_db(db_path)
    finally:
        holder.rollback()
        holder.close()


def test_a_multi_quote_action_is_one_transaction(db, db_path, monkeypatch):
    # set_outlet writes a decision per quote of the article; if the third
    # write fails, the first two must not stay behind.
    article = view(db, quote_id(db, "a good day"))["article_id"]
    calls = {"n": 0}
    real = decisions._apply

    def failing_apply(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            # what the store's connection raises when the disk fails mid-write
            raise store_db.failure(db_path, sqlite3.OperationalError("disk I/O error"))
        return real(*args, **kwargs)

    monkeypatch.setattr(decisions, "_apply", failing_apply)
    with pytest.raises(StoreError):
        decisions.set_outlet(db, article, "Port Gazette", analyst="maria")
    assert db.execute("select count(*) from decisions").fetchone()[0] == 0
    assert {r[0] for r in db.execute("select outlet from quote_view")} == {"Wire"}


def test_a_write_waits_for_a_short_lock_instead_of_failing(db, db_path):
    qid = quote_id(db, "a good day")
    holder = hold_write_lock(db_path)
    release = threading.Timer(0.3, holder.commit)  # the other writer finishes soon
    release.start()
    started = time.monotonic()
    decisions.accept(db, qid, analyst="maria")  # waits on the busy timeout
    assert time.monotonic() - started >= 0.25
    assert view(db, qid)["status"] == "accepted"
    release.join()
    holder.close()


def test_a_stale_check_and_its_write_see_the_same_state(db, db_path):
    # The check runs inside the write transaction: a decision committed by
    # another connection before it is seen, never overwritten.
    qid = quote_id(db, "a good day")
    other = open_db(db_path)
    decisions.reject(other, qid, analyst="li", expected="unreviewed")
    with pytest.raises(StaleEdit):
        decisions.accept(db, qid, analyst="maria", expected="unreviewed")
    other.conn.close()
