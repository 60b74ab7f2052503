"""The decision log: every action logged, undo appends, stale edits refused."""

import pytest
from store_helpers import quote_id, view

from store import decisions
from store.db import open_db
from store.errors import StaleEdit, StoreError


def log_rows(db) -> list[tuple]:
    return db.execute(
        "select analyst, action, field, old, new from decisions order by id"
    ).fetchall()


def test_each_action_lands_in_the_log_with_the_analyst(db):
    qid = quote_id(db, "a good day")
    decisions.accept(db, qid, analyst="maria")
    decisions.set_stance(db, qid, "support", analyst="maria")
    decisions.set_note(db, qid, "first-hand", analyst="li")
    assert log_rows(db) == [
        ("maria", "accept", "status", "unreviewed", "accepted"),
        ("maria", "stance", "stance", None, "support"),
        ("li", "note", "note", None, "first-hand"),
    ]
    row = view(db, qid)
    assert (row["decided_by"], row["source"]) == ("li", "human")


def test_undo_appends_a_revert_and_redo_puts_it_back(db):
    qid = quote_id(db, "a good day")
    decisions.reject(db, qid, analyst="maria")
    assert decisions.undo(db, analyst="maria") == "undid reject"
    assert view(db, qid)["status"] == "unreviewed"
    assert [r[1] for r in log_rows(db)] == ["reject", "undo"]
    assert decisions.redo(db, analyst="maria") == "redid reject"
    assert view(db, qid)["status"] == "rejected"
    assert decisions.undo(db, analyst="maria") == "undid reject"
    assert decisions.undo(db, analyst="maria") is None
    assert view(db, qid)["status"] == "unreviewed"


def test_undo_is_per_analyst(db):
    a, b = quote_id(db, "a good day"), quote_id(db, "rushed")
    decisions.accept(db, a, analyst="maria")
    decisions.reject(db, b, analyst="li")
    decisions.undo(db, analyst="maria")
    assert view(db, a)["status"] == "unreviewed"
    assert view(db, b)["status"] == "rejected"


def test_an_edit_on_a_stale_view_is_refused(db, db_path):
    qid = quote_id(db, "a good day")
    other = open_db(db_path)  # a second analyst, another connection
    seen = view(db, qid)["status"]
    decisions.accept(other, qid, analyst="li", expected=seen)
    with pytest.raises(StaleEdit, match="someone else"):
        decisions.reject(db, qid, analyst="maria", expected=seen)
    assert view(db, qid)["status"] == "accepted"
    assert view(db, qid)["decided_by"] == "li"
    other.conn.close()


def test_undo_refuses_when_someone_changed_the_quote_since(db):
    qid = quote_id(db, "a good day")
    decisions.accept(db, qid, analyst="maria")
    decisions.reject(db, qid, analyst="li")
    with pytest.raises(StaleEdit):
        decisions.undo(db, analyst="maria")
    assert view(db, qid)["status"] == "rejected"


def test_set_speaker_to_a_new_speaker_and_merge_and_split(db):
    qid = quote_id(db, "rushed")
    decisions.set_speaker(db, qid, "T. Baker", speaker_type="person", analyst="maria")
    assert view(db, qid)["speaker"] == "T. Baker"
    decisions.merge_speakers(db, "T. Baker", "Tom Baker", analyst="maria")
    assert view(db, qid)["speaker"] == "Tom Baker"
    tom = db.execute("select id from speakers where name = 'Tom Baker'").fetchone()[0]
    decisions.split_alias(db, tom, "T. Baker", analyst="maria")
    assert view(db, qid)["speaker"] == "T. Baker"
    decisions.undo(db, analyst="maria")
    assert view(db, qid)["speaker"] == "Tom Baker"


def test_rename_refuses_a_name_that_is_taken(db):
    ana = db.execute("select id from speakers where name = 'Ana Ruiz'").fetchone()[0]
    with pytest.raises(StoreError, match="merge"):
        decisions.rename_speaker(db, ana, "Tom Baker", analyst="maria")
    decisions.rename_speaker(db, ana, "Ana Ruiz Gómez", analyst="maria")
    assert view(db, quote_id(db, "a good day"))["speaker"] == "Ana Ruiz Gómez"


def test_set_outlet_applies_to_every_quote_of_the_article(db):
    qid = quote_id(db, "a good day")
    article = view(db, qid)["article_id"]
    decisions.set_outlet(db, article, "Port Gazette", analyst="maria", expected="Wire")
    outlets = {r[0] for r in db.execute("select outlet from quote_view")}
    assert outlets == {"Port Gazette"}
    decisions.undo(db, analyst="maria")
    assert {r[0] for r in db.execute("select outlet from quote_view")} == {"Wire"}


def test_a_failed_action_writes_nothing(db):
    with pytest.raises(StoreError):
        decisions.accept(db, 9999, analyst="maria")
    assert log_rows(db) == []


def test_the_human_layer_is_exactly_the_log_replayed(db):
    """`human` is a cache: replaying `decisions` in order gives the same values."""
    day, sign, rushed = (quote_id(db, p) for p in ("a good day", "We will not", "rushed"))
    decisions.accept(db, day, analyst="maria")
    decisions.set_stance(db, day, "support", "port deal", analyst="maria")
    decisions.reject(db, rushed, analyst="li")
    decisions.set_speaker(db, sign, "Tom Baker", analyst="li")
    decisions.undo(db, analyst="li")
    decisions.redo(db, analyst="li")
    decisions.set_note(db, sign, "check", analyst="maria")
    decisions.undo(db, analyst="maria")
    article = view(db, day)["article_id"]
    decisions.set_outlet(db, article, "Gazette", analyst="li")
    replayed: dict[str, dict] = {}
    for key, field, new in db.execute(
        "select quote_key, field, new from decisions where quote_key is not null order by id"
    ):
        replayed.setdefault(key, {})[field] = new
    fields = ("status", "stance", "stance_target", "note", "speaker_id", "outlet_id")
    stored = {
        row[0]: {f: (None if v is None else str(v)) for f, v in zip(fields, row[1:], strict=True)}
        for row in db.execute(f"select quote_key, {', '.join(fields)} from human")
    }
    for key, values in replayed.items():
        for field, value in values.items():
            assert stored[key][field] == value, (key, field)
    assert set(stored) == set(replayed)
