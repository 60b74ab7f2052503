"""save_extractions: many articles in one transaction, stored as one by one would store them."""

import sqlite3

from store_helpers import TEXT, quote, quote_id, record, span

from store import decisions
from store.db import open_db, transaction
from store.errors import BadRecord
from store.ingest import save_extraction, save_extractions
from store.queries import QuoteFilter, list_quotes
from store.schema import TALLY_FILL, refresh_current


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


# A desk with history: the names a new batch must find as speaker_id finds them.
STORY = (
    "Port deal signed\n\n"
    "“We are ready,” said A. Ruiz, the transport minister.\n\n"
    "Tom Baker said the union would watch closely.\n\n"
    "The ministry and Mara Lind said the port would reopen in May.\n\n"
    "Ruiz added that “nothing is final.”\n\n"
    "Perhaps the port will grow, a source said."
)


def story(n: int, url: str | None = None, baker: str = "Tom Baker") -> dict:
    """A new article naming a merged speaker, a renamed one, an alias, a new
    speaker with a role, two speakers at once and a candidate."""
    text = STORY.replace("May", f"May ({n})")
    ruiz = quote(text, "We are ready,", "said", "A. Ruiz", "A. Ruiz", role="transport minister")
    text = text.replace("Tom Baker", baker)
    baker = quote(text, "the union would watch closely", "said", baker, baker, "indirect")
    pair = quote(
        text, "the port would reopen in May", "said", "The ministry and Mara Lind",
        "ministry and Mara Lind", "indirect", speaker_type="organisation",
    )  # fmt: skip
    pair["content"] = [span(text, f"the port would reopen in May ({n})")]
    pair["speakers"] = [
        {"name": name, "type": type_, "role": role, "source": [span(text, words)]}
        for name, type_, role, words in (
            ("ministry", "organisation", None, "The ministry"),
            ("Mara Lind", "person", f"adviser {n}", "Mara Lind"),
        )
    ]
    alias = quote(text, "nothing is final.", "added", "Ruiz", "Ruiz")
    maybe = quote(text, "the port will grow", "said", "a source", None, "indirect")
    found = record(text, doc=f"story-{n}", quotes=[ruiz, baker, pair, alias])
    found["candidates"] = [maybe]
    found["aliases"] = [{"alias": "Ruiz", "speaker": "Ana Ruiz", "evidence": "surname"}]
    found["article"]["url"] = url
    return found


def desk_with_history(path):
    db = open_db(path)
    save_extraction(db, record(), "v1")  # Ana Ruiz, Tom Baker
    save_extraction(db, story(0), "v1")  # A. Ruiz, ministry, Mara Lind
    baker = db.execute("select id from speakers where name = 'Tom Baker'").fetchone()[0]
    decisions.rename_speaker(db, baker, "Thomas Baker", analyst="ann")
    decisions.merge_speakers(db, "A. Ruiz", "Ana Ruiz", analyst="ann")
    decisions.accept(db, 1, analyst="ann")
    return db


def batch_of_stories() -> list[dict]:
    records = [story(n, url=f"https://example.org/{n}") for n in range(1, 5)]
    records.insert(2, dict(records[0]))  # the same text twice: unchanged the second time
    # A new text at a URL of this batch, naming someone new; and a new article naming them.
    edited = story(9, url="https://example.org/1", baker="Rosa Diaz")
    return [*records, edited, story(5, baker="Rosa Diaz")]


def everything(path) -> dict[str, list]:
    """Every row of every table (the search index as what it finds), clock column aside."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute("select name from sqlite_master where type = 'table'")
            if not name.startswith(("sqlite_", "quotes_fts"))
        ]
        dumped = {t: conn.execute(f"select * from {t} order by 1, 2").fetchall() for t in tables}
        dumped["search"] = [
            conn.execute(
                "select rowid from quotes_fts where quotes_fts match ? order by rowid", [word]
            ).fetchall()
            for word in ("ready", "reopen", "source", "fishermen", "Ruiz", "Mara")
        ]
    dumped["articles"] = [row[:11] + row[12:] for row in dumped["articles"]]  # ingested_at
    dumped["decisions"] = [row[:2] + row[3:] for row in dumped["decisions"]]  # at
    return dumped


def test_a_batch_over_a_desk_with_history_stores_what_one_by_one_stores(tmp_path):
    one_by_one = desk_with_history(tmp_path / "a.db")
    batched = desk_with_history(tmp_path / "b.db")
    singles = [save_extraction(one_by_one, r, "v1") for r in batch_of_stories()]
    together = save_extractions(batched, batch_of_stories(), "v1")
    statuses = [r.status for r in together]
    assert statuses == [r.status for r in singles]
    assert statuses == ["new", "new", "unchanged", "new", "new", "updated", "new"]
    assert everything(tmp_path / "a.db") == everything(tmp_path / "b.db")


def test_a_batch_finds_merged_renamed_and_aliased_speakers(tmp_path):
    db = desk_with_history(tmp_path / "data.db")
    before = db.execute("select count(*) from speakers").fetchone()[0]
    save_extractions(db, batch_of_stories(), "v1")
    # Rosa Diaz is the one new name (made once, though first met on the careful path).
    assert db.execute("select count(*) from speakers").fetchone()[0] == before + 1
    story_4 = db.execute("select id from articles where doc = 'story-4'").fetchone()[0]
    said = dict(db.execute("select quote, speaker from quote_view where article_id = ?", [story_4]))
    assert said["We are ready,"] == "Ana Ruiz"  # A. Ruiz, merged into her
    assert said["the union would watch closely"] == "Thomas Baker"  # renamed from Tom Baker
    assert said["nothing is final."] == "Ana Ruiz"  # the alias
    role = db.execute("select role from speakers where name = 'Mara Lind'").fetchone()[0]
    assert role == "adviser 0"  # the first role learned sticks


def merged_state(db) -> dict[str, set]:
    tables = ("current", "current_speakers", "tallies", "speaker_tallies")
    return {
        t: set(db.execute(f"select * from {t} where {'n > 0' if 'tall' in t else '1'}"))
        for t in tables
    }


def test_the_merged_state_written_for_new_articles_is_what_the_view_sql_computes(tmp_path):
    db = desk_with_history(tmp_path / "data.db")
    save_extractions(db, batch_of_stories(), "v1")
    written = merged_state(db)
    with transaction(db):
        db.execute("delete from current")
        refresh_current(db, "1", [])
        db.executescript(TALLY_FILL)
    assert merged_state(db) == written
    assert len(written["current"]) == db.execute("select count(*) from quotes").fetchone()[0]


def test_a_decision_already_on_a_new_quote_key_wins_in_the_merged_state(tmp_path):
    db = open_db(tmp_path / "data.db")
    first = save_extraction(db, story(1), "v1")
    key = db.execute("select quote_key from quotes where text = 'We are ready,'").fetchone()[0]
    # The decision outlives its article (a desk rebuilt from its log): the key comes back.
    decisions.reject(db, quote_id(db, "We are ready"), analyst="ann")
    with transaction(db):
        db.execute("delete from quotes where article_id = ?", [first.article_id])
        db.execute("delete from articles where id = ?", [first.article_id])
    save_extractions(db, [story(1)], "v1")
    status = db.execute(
        "select c.status from current c join quotes q on q.id = c.id where q.quote_key = ?", [key]
    ).fetchone()
    assert status == ("rejected",)
