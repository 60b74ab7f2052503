"""A database written by an older quotedesk is upgraded in place, data kept."""

import sqlite3

from store_helpers import TEXT, quote, quote_id, record, span

from store import decisions
from store.db import SCHEMA_VERSION, open_db
from store.hand_quotes import HandQuote
from store.ingest import save_extraction, stored_at_url
from store.queries import QuoteFilter, count_quotes, list_speakers, overview
from store.schema import (
    CANDIDATE_COLUMN,
    CANDIDATES,
    QUOTE_SPEAKER_VIEW,
    QUOTE_VIEW,
    TALLIES_V2,
    TALLY_FILL,
)
from store.statements import regroup

# Schema 7's merged view: one speaker per quote.
QUOTE_VIEW_7 = (
    QUOTE_VIEW[: QUOTE_VIEW.index(",\n    (select group_concat")]
    + QUOTE_VIEW[QUOTE_VIEW.index("\nfrom current c") :]
)
# Schema 4's merged view: no hand_quotes to join.
QUOTE_VIEW_4 = (
    QUOTE_VIEW_7.replace("and hq.quote_key is null ", "")
    .replace(",\n    hq.quote_key is not null as hand_made", "")
    .replace("\nleft join hand_quotes hq on hq.quote_key = q.quote_key", "")
)
WEB_COLUMNS = ("canonical_url", "fetched_at", "author", "wire", "evidence")


# Before candidates, a rejected quote was the only row the running counts left out.
def _counts_of_version_8(sql: str) -> str:
    return sql.replace("not in ('rejected', 'candidate', 'dismissed')", "!= 'rejected'")


# The four views as schema 9 wrote them: every table joined, most of them inner joins.
VIEWS_9 = CANDIDATES.removeprefix(CANDIDATE_COLUMN) + QUOTE_SPEAKER_VIEW
MERGED_VIEWS = ("quote_speaker_view", "candidate_view", "quote_view", "quote_view_all")


def make_version_9(path) -> None:
    """Turn a current database back into what schema 9 wrote (its views, no outlet
    names beside the speakers, no content words kept)."""
    with sqlite3.connect(path) as conn:
        for view in MERGED_VIEWS:
            conn.execute(f"drop view {view}")
        conn.execute("drop trigger outlets_au")
        conn.execute("drop trigger current_speakers_named")
        conn.execute("drop index current_speakers_outlet")
        conn.execute("alter table current_speakers drop column outlet")
        conn.execute("drop index statements_listed")
        for trigger in ("quote_words_text", "quote_words_gone", "quote_words_day"):
            conn.execute(f"drop trigger {trigger}")
        conn.execute("drop table quote_words")
        conn.execute("create index statements_outlets on statements(outlets, versions)")
        conn.executescript(VIEWS_9)
        conn.execute("update meta set value = '9' where key = 'schema_version'")


def make_version_8(path) -> None:
    """Turn a current database back into what schema 8 wrote (no candidates)."""
    make_version_9(path)
    with sqlite3.connect(path) as conn:
        for view in ("candidate_view", "quote_view", "quote_view_all"):
            conn.execute(f"drop view {view}")
        conn.execute(QUOTE_VIEW)
        conn.execute("alter table quotes drop column candidate")
        triggers = ("current_tally_ai", "current_tally_ad", "current_tally_au")
        for name in (*triggers, "current_speakers_ai", "current_speakers_ad"):
            (sql,) = conn.execute("select sql from sqlite_master where name = ?", [name]).fetchone()
            conn.execute(f"drop trigger {name}")
            conn.execute(_counts_of_version_8(sql))
        conn.executescript(_counts_of_version_8(TALLY_FILL))
        conn.execute("update meta set value = '8' where key = 'schema_version'")


def make_version_7(path) -> None:
    """Turn a current database back into what schema 7 wrote (one speaker per quote)."""
    make_version_8(path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop view quote_speaker_view")
        conn.execute("drop view quote_view")
        conn.execute(QUOTE_VIEW_7)
        for trigger in ("current_tally_ai", "current_tally_ad", "current_tally_au"):
            conn.execute(f"drop trigger {trigger}")
        conn.executescript(_counts_of_version_8(TALLIES_V2))
        conn.execute("drop table current_speakers")
        conn.execute("drop table quote_speakers")
        conn.execute("update meta set value = '7' where key = 'schema_version'")


def make_version_6(path) -> None:
    """Turn a current database back into what schema 6 wrote (no pass values under hand quotes)."""
    make_version_7(path)
    with sqlite3.connect(path) as conn:
        conn.execute("alter table hand_quotes drop column machine")
        conn.execute("update meta set value = '6' where key = 'schema_version'")


def make_version_5(path) -> None:
    """Turn a current database back into what schema 5 wrote (search indexed row by row)."""
    make_version_6(path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop trigger quotes_ai")
        conn.execute(
            "create trigger quotes_ai after insert on quotes begin"
            " insert into quotes_fts (rowid, text, source_text)"
            " values (new.rowid, new.text, new.source_text); end"
        )
        conn.execute("update meta set value = '5' where key = 'schema_version'")


def make_version_4(path) -> None:
    """Turn a current database back into what schema 4 wrote (no hand-made quotes)."""
    make_version_5(path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop view quote_view")
        conn.execute("drop table hand_quotes")
        conn.execute(QUOTE_VIEW_4)
        conn.execute("update meta set value = '4' where key = 'schema_version'")


def make_version_3(path) -> None:
    """Turn a current database back into what schema 3 wrote (no team coding)."""
    make_version_4(path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop view codings")
        for index in ("decisions_coded", "decisions_settles"):
            conn.execute(f"drop index {index}")
        for column in ("coded_in", "settles"):
            conn.execute(f"alter table decisions drop column {column}")
        for table in ("sample_quotes", "sample_coders", "samples"):
            conn.execute(f"drop table {table}")
        conn.execute("update meta set value = '3' where key = 'schema_version'")


def make_version_2(path) -> None:
    """Turn a current database back into what schema 2 wrote (no web columns)."""
    make_version_3(path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop index articles_canonical_url")
        conn.execute("drop index articles_url")
        for column in WEB_COLUMNS:
            conn.execute(f"alter table articles drop column {column}")
        conn.execute("update meta set value = '2' where key = 'schema_version'")


def make_version_1(path) -> None:
    """Turn a current database back into what schema 1 wrote (no running tallies)."""
    make_version_2(path)
    with sqlite3.connect(path) as conn:
        for trigger in ("current_tally_ai", "current_tally_ad", "current_tally_au"):
            conn.execute(f"drop trigger {trigger}")
        conn.execute("drop table tallies")
        conn.execute("drop table speaker_tallies")
        conn.execute("update meta set value = '1' where key = 'schema_version'")


def test_a_version_1_database_is_migrated_with_its_decisions(db, db_path):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    db.conn.close()
    make_version_1(db_path)
    migrated = open_db(db_path)
    stamp = migrated.execute("select value from meta where key = 'schema_version'").fetchone()
    assert int(stamp[0]) == SCHEMA_VERSION == 11
    assert count_quotes(migrated, QuoteFilter()) == 2
    assert overview(migrated)["review"] == {"unreviewed": 2, "rejected": 1}
    decisions.accept(migrated, quote_id(migrated, "a good day"), analyst="li")
    assert overview(migrated)["review"] == {"unreviewed": 1, "accepted": 1, "rejected": 1}


def test_a_version_2_database_gains_the_web_columns_and_keeps_its_articles(db, db_path):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    db.conn.close()
    make_version_2(db_path)
    migrated = open_db(db_path)
    columns = {c.name for c in migrated["articles"].columns}
    assert set(WEB_COLUMNS) <= columns
    assert overview(migrated)["review"] == {"unreviewed": 2, "rejected": 1}
    record_ = record("Another article.", doc="web", quotes=[])
    record_["article"].update(
        url="http://example.test/a",
        canonical_url="https://example.test/a",
        fetched_at="2024-01-01T00:00:00Z",
        evidence={"outlet": "og:site_name 'X'"},
        outlet_evidence="og:site_name 'X'",
    )
    save_extraction(migrated, record_, "rules-1")
    row = migrated.execute(
        "select canonical_url, fetched_at, evidence, outlet_evidence from articles"
        " where doc = 'web'"
    ).fetchone()
    assert row == (
        "https://example.test/a",
        "2024-01-01T00:00:00Z",
        '{"outlet": "og:site_name \'X\'"}',
        "og:site_name 'X'",
    )
    assert stored_at_url(migrated, ["https://example.test/a"])


def test_a_version_3_database_gains_team_coding_with_its_decisions_kept(db, db_path):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    db.conn.close()
    make_version_3(db_path)
    migrated = open_db(db_path)
    assert {"samples", "sample_coders", "sample_quotes"} <= set(migrated.table_names())
    assert "codings" in migrated.view_names()
    assert overview(migrated)["review"] == {"unreviewed": 2, "rejected": 1}
    assert decisions.undo(migrated, analyst="maria") == "undid reject"


def test_a_version_4_database_gains_hand_made_quotes(db, db_path):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    db.conn.close()
    make_version_4(db_path)
    old = sqlite3.connect(db_path)
    assert "hand_quotes" not in old.execute("select sql from sqlite_master").fetchall().__str__()
    old.close()
    migrated = open_db(db_path)
    assert "hand_quotes" in migrated.table_names()
    sources = {r[0] for r in migrated.execute("select source from quote_view")}
    assert sources == {"machine", "human"}
    assert overview(migrated)["review"] == {"unreviewed": 2, "rejected": 1}


def test_a_version_5_database_indexes_a_batch_of_new_quotes_for_search(db, db_path):
    db.conn.close()
    make_version_5(db_path)
    migrated = open_db(db_path)
    text = "Lee said the budget was a good plan."
    found = quote(text, "the budget was a good plan", "said", "Lee", "Ann Lee", "indirect")
    save_extraction(migrated, record(text, doc="new", quotes=[found]), "r-2")
    hits = migrated.execute(
        "select count(*) from quotes_fts where quotes_fts match 'budget'"
    ).fetchone()[0]
    assert hits == 1
    trigger = migrated.execute("select sql from sqlite_master where name = 'quotes_ai'").fetchone()[
        0
    ]
    assert "search_by_batch" in trigger


def test_a_version_7_database_splits_joined_speakers_whose_parts_are_known(db, db_path, capsys):
    text = (
        "Talks\n\nThe ministry and the agency said the talks would resume.\n\n"
        "The ministry said the port would stay open. The agency said ships would wait.\n\n"
        "Reuters and the BBC reported that the port was shut."
    )

    def joined(content, source, name, cue="said"):
        return quote(
            text, content, cue, source, name, "indirect", speaker_type="organisation",
            evidence=f"source of '{cue}'; conjoined speakers",
        )  # fmt: skip

    quotes = [
        joined("the talks would resume", "The ministry and the agency", "ministry and agency"),
        quote(text, "the port would stay open", "said", "The ministry", "ministry", "indirect"),
        quote(text, "ships would wait", "said", "The agency", "agency", "indirect"),
        joined("the port was shut", "Reuters and the BBC", "Reuters and BBC", "reported"),
    ]
    save_extraction(db, record(text, doc="talks", quotes=quotes), "rules-1")
    db.conn.close()
    make_version_7(db_path)
    migrated = open_db(db_path)
    rows = dict(migrated.execute("select quote, speakers from quote_view"))
    assert rows["the talks would resume"] == "ministry; agency"
    names = {r[0] for r in migrated.execute("select name from speakers")}
    assert "ministry and agency" not in names
    agency = QuoteFilter(speaker="agency")
    assert count_quotes(migrated, agency) == 2
    counts = {s["name"]: s["quotes"] for s in list_speakers(migrated)}
    assert (counts["agency"], counts["ministry"]) == (2, 2)
    # Neither Reuters nor BBC is a speaker of this desk: left as one, and said so.
    assert rows["the port was shut"] == "Reuters and BBC"
    assert "left speaker 'Reuters and BBC' as one" in capsys.readouterr().err


def test_a_version_8_database_gains_candidates_with_its_counts_kept(db, db_path):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    db.conn.close()
    make_version_8(db_path)
    migrated = open_db(db_path)
    assert overview(migrated)["review"] == {"unreviewed": 2, "rejected": 1}
    text = "Lee said the budget was a good plan."
    found = quote(text, "the budget was a good plan", "said", "Lee", "Ann Lee", "indirect")
    save_extraction(migrated, record(text, doc="new", quotes=[{**found, "candidate": True}]), "r")
    assert count_quotes(migrated, QuoteFilter()) == 2
    assert count_quotes(migrated, QuoteFilter(status="candidate")) == 1
    assert overview(migrated)["review"] == {"unreviewed": 2, "rejected": 1}


def a_desk_of_every_kind_of_row(db) -> None:
    """Decisions of each kind, a hand-made quote, a candidate, several speakers,
    an article with no outlet and statements: what the views merge."""
    text = "Lee said the budget was a good plan.\n\nThe ministry and the agency said it was late."
    budget = quote(text, "the budget was a good plan", "said", "Lee", "Ann Lee", "indirect")
    late = quote(text, "it was late", "said", "The ministry and the agency", "ministry", "indirect")
    late["speakers"] = [
        {"name": name, "type": "organisation", "role": None, "source": [span(text, words)]}
        for name, words in (("ministry", "The ministry"), ("agency", "the agency"))
    ]
    other = TEXT.replace("Monday", "Tuesday")  # another text: the same one is skipped
    unsure = {**quote(other, "talks would go on", "adding", "Ruiz", "Ana Ruiz"), "candidate": True}
    save_extraction(db, record(text, doc="budget", outlet=None, quotes=[budget, late]), "r")
    save_extraction(db, record(doc="copy", outlet="Post", published="2024-03-05"), "r")
    save_extraction(db, record(other, doc="unsure", outlet="Post", quotes=[unsure]), "r")
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    decisions.accept(db, quote_id(db, "a good plan"), analyst="maria")
    decisions.set_stance(db, quote_id(db, "fishermen"), "oppose", "the deal", analyst="li")
    decisions.set_note(db, quote_id(db, "it was late"), "check the date", analyst="li")
    decisions.set_speaker(db, quote_id(db, "a good day"), "Ana Ruiz-Diaz", analyst="li")
    decisions.set_outlet(db, 1, "Harbour Times", analyst="li")
    article = db.execute("select id from articles where doc = 'copy'").fetchone()[0]
    hand = HandQuote(article, [tuple(span(TEXT, "talks would go on"))], [], [], "indirect")
    decisions.add_quote(db, hand, speaker_name="Ana Ruiz", analyst="maria")
    regroup(db)


def every_row(db_path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db_path) as conn:
        return {
            view: sorted(conn.execute(f"select * from {view}"), key=repr)
            for view in (*MERGED_VIEWS, "statement_view")
        }


def test_a_version_9_database_gets_views_that_read_less_with_the_same_rows(db, db_path):
    a_desk_of_every_kind_of_row(db)
    db.conn.close()
    make_version_9(db_path)
    before = every_row(db_path)
    # Every view has rows, or the comparison proves little.
    assert [view for view, rows in before.items() if not rows] == []
    migrated = open_db(db_path)
    assert every_row(db_path) == before
    # Counting by speaker and outlet reads one index in order: no quotes, no sorting;
    # listing quotes reads no articles when it shows nothing of them.
    counting = plan(
        migrated,
        "select speaker, outlet, count(*) from quote_speaker_view"
        " where status != 'rejected' group by 1, 2",
    )
    assert "COVERING INDEX current_speakers_outlet" in counting, counting
    assert "SEARCH q " not in counting and "GROUP BY" not in counting, counting
    listing = plan(migrated, "select id, speaker, quote from quote_view where status = 'accepted'")
    assert "SEARCH q " in listing and "SEARCH a " not in listing, listing
    # The Statements screen's first rows are an index's first entries, not a sort of all.
    shared = plan(
        migrated,
        "select * from statement_view where outlets >= 2"
        " order by outlets desc, versions desc, first_seen, statement_id limit 100",
    )
    assert "statements_listed" in shared and "ORDER BY" not in shared, shared


def plan(db, sql: str) -> str:
    return " | ".join(row[3] for row in db.execute(f"explain query plan {sql}"))


def test_the_speakers_view_agrees_with_the_quotes_view_after_changes(db):
    a_desk_of_every_kind_of_row(db)
    article = db.execute("select id from articles where doc = 'budget'").fetchone()[0]
    decisions.set_outlet(db, article, "Evening Post", analyst="li")
    decisions.set_speaker(db, quote_id(db, "a good plan"), "Lee Ann", analyst="li")
    decisions.undo(db, analyst="maria")  # the hand-made quote goes
    with db.conn:
        db.execute("update outlets set name = 'Harbour Times Online' where name = 'Harbour Times'")
        # A writer of its own that leaves the outlet's name out.
        db.execute("create temp table kept as select * from current_speakers")
        db.execute("delete from current_speakers")
        db.execute(
            "insert into current_speakers (id, speaker_id, position, outlet_id, status)"
            " select id, speaker_id, position, outlet_id, status from kept"
        )
    differ = db.execute(
        "select count(*) from quote_speaker_view sv join quote_view v on v.id = sv.id"
        " where sv.outlet is not v.outlet or sv.status is not v.status"
        " or sv.title is not v.title or sv.published is not v.published"
        " or sv.kind is not v.kind or sv.quote is not v.quote or sv.stance is not v.stance"
        " or sv.source is not v.source or sv.speakers is not v.speakers"
    ).fetchone()[0]
    assert differ == 0
    outlets = {r[0] for r in db.execute("select outlet from quote_speaker_view")}
    assert {"Evening Post", "Harbour Times Online"} <= outlets
    assert "Harbour Times" not in outlets
    # One row per quote and speaker: a quote of two speakers twice, candidates never.
    assert (
        db.execute("select count(*) from quote_speaker_view").fetchone()[0]
        == db.execute(
            "select count(*) from current_speakers cs join quote_view v on v.id = cs.id"
        ).fetchone()[0]
    )
