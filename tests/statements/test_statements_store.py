"""Statements in the database: grouping on ingest, analysts' joins and splits kept."""

import sqlite3

import pytest

from store import decisions
from store.db import open_db
from store.ingest import save_extraction
from store.statements import (
    also_reported,
    join_candidates,
    list_statements,
    regroup,
    remember_words,
    versions,
)

STORIES = {
    "wire": (
        "Wire",
        "2024-05-02",
        "Minister Ana Ruiz said the harbour expansion would create "
        "four thousand jobs within two years.",
    ),
    "daily": (
        "Daily",
        "2024-05-03",
        "The harbour expansion will create four thousand jobs in "
        "two years, Minister Ana Ruiz said.",
    ),
    "weekly": (
        "Weekly",
        "2024-05-04",
        "Minister Ana Ruiz said fishing quotas would be cut sharply next spring.",
    ),
}


def article(doc: str) -> dict:
    outlet, published, text = STORIES[doc]
    content = text[text.index("the harbour") if "said the" in text else 0 :]
    content = content.split(", Minister")[0].rstrip(".")
    if "quotas" in text:
        content = text[text.index("fishing") :].rstrip(".")
    start = text.index(content)
    quote = {
        "content": [[start, start + len(content)]],
        "cue": [[text.index("said"), text.index("said") + 4]],
        "source": [[text.index("Ana Ruiz"), text.index("Ana Ruiz") + 8]],
        "speaker": "Ana Ruiz",
        "kind": "indirect",
        "confidence": 0.8,
        "speaker_type": "person",
        "role": "Minister",
        "evidence": "",
        "parent": None,
    }
    return {
        "article": {
            "doc": doc,
            "text": text,
            "title": doc,
            "outlet": None,
            "url": None,
            "published": published,
            "path": None,
        },
        "outlet": outlet,
        "outlet_evidence": "metadata",
        "quotes": [quote],
        "aliases": [],
    }


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "data.db")
    for doc in STORIES:
        save_extraction(database, article(doc), "rules-1")
    regroup(database, ["2024-05-03"])
    yield database
    database.conn.close()


def ids(db) -> dict[str, int]:
    rows = db.execute("select a.doc, q.id from quotes q join articles a on a.id = q.article_id")
    return dict(rows.fetchall())


def statement(db, quote_id: int) -> int:
    row = db.execute("select statement_id from quote_view where id = ?", [quote_id])
    return row.fetchone()[0]


def test_two_outlets_reporting_one_statement_share_it(db):
    q = ids(db)
    assert statement(db, q["wire"]) == statement(db, q["daily"]) != statement(db, q["weekly"])
    [shared] = list_statements(db)
    assert (shared["outlets"], shared["first_outlet"], shared["first_seen"]) == (
        2,
        "Wire",
        "2024-05-02",
    )
    assert [v["outlet"] for v in also_reported(db, q["daily"])] == ["Wire"]


def test_an_analysts_split_and_join_survive_regrouping(db):
    q = ids(db)
    decisions.leave_statement(db, q["daily"], analyst="maria")
    decisions.join_statement(db, q["weekly"], q["wire"], analyst="li")
    assert statement(db, q["weekly"]) == statement(db, q["wire"]) != statement(db, q["daily"])
    for _ in range(2):
        regroup(db)
        assert statement(db, q["weekly"]) == statement(db, q["wire"])
        assert statement(db, q["daily"]) != statement(db, q["wire"])


def test_undoing_a_split_puts_the_quote_back(db):
    q = ids(db)
    before = statement(db, q["daily"])
    decisions.leave_statement(db, q["daily"], analyst="maria")
    assert statement(db, q["daily"]) != before
    # Undo alone regroups the quote's days: no separate regroup needed.
    decisions.undo(db, analyst="maria")
    assert statement(db, q["daily"]) == statement(db, q["wire"]) == before


def test_statement_view_reads_in_plain_sql(db, tmp_path):
    with sqlite3.connect(tmp_path / "data.db") as conn:
        rows = conn.execute(
            "select speaker, first_seen, outlets, versions, outlet_names from statement_view"
            " where versions > 1"
        ).fetchall()
    assert rows == [("Ana Ruiz", "2024-05-02", 2, 2, "Daily, Wire")]


def test_versions_list_every_outlets_wording(db):
    q = ids(db)
    texts = [v["quote"] for v in versions(db, statement(db, q["wire"]))]
    assert len(texts) == 2 and all("four thousand jobs" in t for t in texts)


def test_joining_a_whole_statement_is_one_undoable_step(db):
    q = ids(db)
    decisions.join_statements(db, [q["wire"], q["daily"]], q["weekly"], analyst="li")
    assert statement(db, q["wire"]) == statement(db, q["daily"]) == statement(db, q["weekly"])
    decisions.undo(db, analyst="li")
    assert statement(db, q["wire"]) == statement(db, q["daily"]) != statement(db, q["weekly"])
    assert decisions.undo(db, analyst="li") is None


def test_join_candidates_offer_the_same_speakers_statements_nearby(db):
    q = ids(db)
    [candidate] = join_candidates(db, q["weekly"])
    assert candidate["statement_id"] == statement(db, q["wire"])
    assert candidate["first_quote_id"] == q["wire"]
    assert "four thousand jobs" in candidate["quote"]


def test_statements_found_by_speaker_or_words(db):
    everything = list_statements(db, min_outlets=1)
    assert len(everything) == 2
    assert [s["quote"] for s in list_statements(db, min_outlets=1, search="quotas")] == [
        "fishing quotas would be cut sharply next spring"
    ]
    assert len(list_statements(db, min_outlets=1, search="Ruiz")) == 2
    assert list_statements(db, min_outlets=1, search="nobody said this") == []


def test_a_statement_two_people_made_together_groups_with_either_one_s_report(tmp_path):
    database = open_db(tmp_path / "data.db")
    together = "Mayor Tom Hale and Minister Ana Ruiz said the harbour expansion would create"
    wire = article("wire")
    text = wire["article"]["text"].replace(
        "Minister Ana Ruiz said the harbour expansion would create", together
    )
    wire["article"]["text"] = text
    (found,) = wire["quotes"]
    content = text[text.index("the harbour") :].rstrip(".")
    found["content"] = [[text.index(content), text.index(content) + len(content)]]
    found["cue"] = [[text.index("said"), text.index("said") + 4]]
    found["source"] = [[0, text.index(" said")]]
    found["speaker"] = "Tom Hale and Ana Ruiz"
    found["speakers"] = [
        {"name": name, "type": "person", "role": None, "source": [[start, start + len(name)]]}
        for name, start in (("Tom Hale", text.index("Tom")), ("Ana Ruiz", text.index("Ana")))
    ]
    save_extraction(database, wire, "rules-1")
    save_extraction(database, article("daily"), "rules-1")
    regroup(database, ["2024-05-03"])
    q = ids(database)
    assert statement(database, q["wire"]) == statement(database, q["daily"])
    database.conn.close()


def test_a_statement_whose_quotes_all_went_to_another_is_dropped(db):
    """Two halves of one statement (as two ingests apart could leave them) meet
    in a regroup: the statement the group did not keep leaves the list."""
    q = ids(db)
    kept = statement(db, q["wire"])
    db.execute("insert into statements (id, versions, articles, outlets) values (99, 1, 1, 1)")
    db.execute("update quote_statements set statement_id = 99 where quote_id = ?", [q["daily"]])
    regroup(db, ["2024-05-03"])
    assert statement(db, q["daily"]) == statement(db, q["wire"]) == kept
    assert db.execute("select count(*) from statements where id = 99").fetchone()[0] == 0


def test_a_quote_whose_words_change_is_grouped_on_its_new_words(db):
    q = ids(db)
    assert statement(db, q["daily"]) == statement(db, q["wire"])
    db.execute(
        "update quotes set text = 'fishing quotas would be cut sharply next spring' where id = ?",
        [q["daily"]],
    )
    regroup(db, ["2024-05-03"])
    assert statement(db, q["daily"]) == statement(db, q["weekly"]) != statement(db, q["wire"])
    words = db.execute("select words from quote_words where quote_id = ?", [q["daily"]])
    assert "fishin" in words.fetchone()[0].split()


def test_words_kept_as_quotes_are_stored_are_the_ones_regroup_finds(db, tmp_path):
    """An ingest may call remember_words as it stores quotes, so that grouping at
    the end has none to find: the same words either way."""
    found = dict(db.execute("select quote_id, words from quote_words").fetchall())
    db.execute("delete from quote_words")
    remember_words(db, list(found))
    assert dict(db.execute("select quote_id, words from quote_words").fetchall()) == found
