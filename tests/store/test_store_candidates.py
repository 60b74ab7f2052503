"""Candidates: rows the pass is unsure of, kept out of quotes until an analyst confirms them."""

import csv
import io

import pytest
from store_helpers import TEXT, quote, quote_id, record

from store import decisions
from store.db import open_db
from store.errors import StoreError
from store.export import export_quotes
from store.ingest import save_extraction
from store.queries import (
    QuoteFilter,
    count_quotes,
    list_quotes,
    list_speakers,
    overview,
)
from store.statements import regroup

CANDIDATE_TEXT = "“We will not sign anything that hurts fishermen,”"


def with_candidate(confidence: float = 0.7) -> dict:
    """The sample record, its quote from Ruiz kept as a candidate instead."""
    rec = record()
    rec["quotes"][1]["candidate"] = True
    rec["quotes"][1]["confidence"] = confidence
    return rec


@pytest.fixture
def cdb(tmp_path):
    database = open_db(tmp_path / "data.db")
    save_extraction(database, with_candidate(), "rules-1")
    yield database
    database.conn.close()


def candidate_id(db) -> int:
    (row,) = db.execute("select id from current where status = 'candidate'").fetchall()
    return row[0]


def test_a_candidate_is_in_no_count_view_or_export(cdb):
    assert count_quotes(cdb, QuoteFilter()) == 2
    assert len(list_quotes(cdb, QuoteFilter())) == 2
    assert overview(cdb)["review"] == {"unreviewed": 2}
    assert sum(overview(cdb)["kinds"].values()) == 2
    ruiz = next(s for s in list_speakers(cdb) if s["name"] == "Ana Ruiz")
    assert ruiz["quotes"] == 1
    assert cdb.execute("select count(*) from quote_view").fetchone()[0] == 2
    out = io.StringIO()
    assert export_quotes(cdb, QuoteFilter(), "csv", out) == 2
    regroup(cdb)
    versions = cdb.execute("select count(*) from quote_statements").fetchone()[0]
    assert versions == 2


def test_a_filter_and_the_export_flag_show_candidates(cdb):
    shown = list_quotes(cdb, QuoteFilter(status="candidate"))
    assert [q["status"] for q in shown] == ["candidate"]
    assert count_quotes(cdb, QuoteFilter(status="candidate")) == 1
    assert count_quotes(cdb, QuoteFilter(include_candidates=True)) == 3
    out = io.StringIO()
    assert export_quotes(cdb, QuoteFilter(include_candidates=True), "csv", out) == 3
    statuses = [row["status"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert sorted(statuses) == ["candidate", "unreviewed", "unreviewed"]
    assert cdb.execute("select count(*) from candidate_view").fetchone()[0] == 1


def test_confirming_makes_a_quote_with_the_proposed_speaker_and_undo_takes_it_back(cdb):
    cid = candidate_id(cdb)
    decisions.confirm(cdb, cid, analyst="maria")
    assert count_quotes(cdb, QuoteFilter()) == 3
    (row,) = list_quotes(cdb, QuoteFilter(status="accepted"))
    assert (row["speaker"], row["decided_by"]) == ("Ana Ruiz", "maria")
    ruiz = next(s for s in list_speakers(cdb) if s["name"] == "Ana Ruiz")
    assert ruiz["quotes"] == 2
    logged = cdb.execute("select analyst, action from decisions").fetchall()
    assert logged == [("maria", "confirm")]
    assert decisions.undo(cdb, analyst="maria") == "undid confirm"
    assert count_quotes(cdb, QuoteFilter()) == 2
    assert count_quotes(cdb, QuoteFilter(status="candidate")) == 1
    ruiz = next(s for s in list_speakers(cdb) if s["name"] == "Ana Ruiz")
    assert ruiz["quotes"] == 1


def test_confirming_with_another_speaker_is_one_step(cdb):
    cid = candidate_id(cdb)
    baker = cdb.execute("select id from speakers where name = 'Tom Baker'").fetchone()[0]
    decisions.confirm(cdb, cid, analyst="maria", speaker_id=baker)
    assert list_quotes(cdb, QuoteFilter(status="accepted"))[0]["speaker"] == "Tom Baker"
    decisions.undo(cdb, analyst="maria")
    (row,) = list_quotes(cdb, QuoteFilter(status="candidate"))
    assert row["speaker"] == "Ana Ruiz"


def test_a_dismissed_candidate_stays_dismissed_after_a_rerun(cdb):
    cid = candidate_id(cdb)
    decisions.dismiss(cdb, cid, analyst="li")
    assert count_quotes(cdb, QuoteFilter(status="candidate")) == 0
    assert count_quotes(cdb, QuoteFilter(status="dismissed")) == 1
    save_extraction(cdb, with_candidate(0.8), "rules-2")  # the next pass proposes it again
    assert count_quotes(cdb, QuoteFilter(status="candidate")) == 0
    assert count_quotes(cdb, QuoteFilter()) == 2
    assert decisions.undo(cdb, analyst="li") == "undid dismiss"
    assert count_quotes(cdb, QuoteFilter(status="candidate")) == 1


def test_only_a_candidate_can_be_confirmed_or_dismissed(cdb):
    with pytest.raises(StoreError, match="not a candidate"):
        decisions.dismiss(cdb, quote_id(cdb, "rushed"), analyst="li")
    with pytest.raises(StoreError, match="no quote with id 999"):
        decisions.confirm(cdb, 999, analyst="li")


def test_a_rerun_that_finds_a_candidate_as_a_quote_makes_it_one(cdb):
    save_extraction(cdb, record(TEXT), "rules-2")
    assert count_quotes(cdb, QuoteFilter()) == 3
    assert count_quotes(cdb, QuoteFilter(status="candidate")) == 0


def test_a_machine_quote_never_carries_the_flag(tmp_path):
    db = open_db(tmp_path / "plain.db")
    text = "Lee said the budget was a good plan."
    found = quote(text, "the budget was a good plan", "said", "Lee", "Ann Lee", "indirect")
    save_extraction(db, record(text, doc="new", quotes=[found]), "r-2")
    assert db.execute("select candidate from quotes").fetchall() == [(0,)]
