"""Quotes made by hand: human-layer rows, logged, undoable, kept by every re-run."""

import csv
import io
import json

import pytest
from store_helpers import TEXT, quote, record, span, view

from store import decisions
from store.errors import StoreError
from store.export import export_quotes
from store.hand_quotes import HandQuote
from store.ingest import save_extraction
from store.queries import QuoteFilter
from store.statements import statement_of, versions

MISSED = "talks would go on"


def made(db, words: str = MISSED, **speaker) -> int:
    """Add the quote the machine missed, as the Article screen does."""
    article_id = db.execute("select id from articles").fetchone()[0]
    hand = HandQuote(
        article_id,
        [tuple(span(TEXT, words))],
        cue=[tuple(span(TEXT, "adding"))],
        source=[],
        kind="indirect",
    )
    speaker = speaker or {"speaker_name": "Ana Ruiz"}
    return decisions.add_quote(db, hand, analyst="maria", **speaker)


def hand_rows(db) -> list[dict]:
    return [view(db, r[0]) for r in db.execute("select id from quote_view where hand_made")]


def test_a_quote_made_by_hand_is_a_human_row_shown_in_the_view(db):
    quote_id = made(db)
    row = view(db, quote_id)
    assert row["quote"] == MISSED
    assert row["source"] == "human" and row["hand_made"] == 1
    assert row["speaker"] == "Ana Ruiz" and row["kind"] == "indirect"
    assert row["cue"] == "adding" and row["status"] == "accepted"
    assert row["decided_by"] == "maria" and row["pipeline_version"] == "hand"
    machine = db.execute("select source from quote_view where not hand_made").fetchall()
    assert {r[0] for r in machine} == {"machine"}
    assert decisions.log(db)[0]["action"] == "add quote"


def test_undo_takes_the_hand_made_quote_away_and_redo_brings_it_back(db):
    made(db)
    assert decisions.undo(db, analyst="maria") == "undid add quote"
    assert hand_rows(db) == []
    assert db.execute("select count(*) from quote_view where quote = ?", [MISSED]).fetchone() == (
        0,
    )
    assert decisions.redo(db, analyst="maria") == "redid add quote"
    (row,) = hand_rows(db)
    assert row["quote"] == MISSED and row["speaker"] == "Ana Ruiz"
    assert row["status"] == "accepted"


def test_the_csv_export_and_the_statements_include_it(db):
    quote_id = made(db)
    out = io.StringIO()
    export_quotes(db, QuoteFilter(), "csv", out)
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[quote_id]["quote"] == MISSED and rows[quote_id]["source"] == "human"
    statement = statement_of(db, quote_id)
    assert statement is not None and view(db, quote_id)["statement_id"] == statement
    assert [v["quote"] for v in versions(db, statement)] == [MISSED]


def test_it_survives_a_re_run_that_does_not_find_it(db):
    quote_id = made(db)
    save_extraction(db, record(), "rules-2")
    row = view(db, quote_id)
    assert row["quote"] == MISSED and row["source"] == "human" and row["hand_made"] == 1
    assert row["machine_missing"] == 0 and row["status"] == "accepted"
    assert db.execute("select count(*) from quote_view").fetchone()[0] == 4


@pytest.mark.parametrize("words", [MISSED, "that talks would go on"])
def test_a_later_machine_quote_over_the_same_words_joins_the_hand_made_one(db, words):
    quote_id = made(db)
    found = record()
    found["quotes"].append(quote(TEXT, words, "adding", "Ana Ruiz", "Tom Baker", "mixed"))
    save_extraction(db, found, "rules-2")
    assert db.execute("select count(*) from quote_view").fetchone()[0] == 4
    row = view(db, quote_id)
    # Human wins: the words, kind and speaker the analyst gave.
    assert row["quote"] == MISSED and row["kind"] == "indirect"
    assert row["speaker"] == "Ana Ruiz" and row["pipeline_version"] == "rules-2"
    assert row["hand_made"] == 1


def test_a_quote_the_machine_has_already_cannot_be_made_again(db):
    with pytest.raises(StoreError, match="already covers these words"):
        made(db, "the deal was rushed")


def test_a_split_quote_is_made_from_two_parts(db):
    article_id = db.execute("select id from articles").fetchone()[0]
    parts = [tuple(span(TEXT, "port deal")), tuple(span(TEXT, MISSED))]
    quote_id = decisions.add_quote(
        db, HandQuote(article_id, parts, kind="indirect"), analyst="maria"
    )
    row = view(db, quote_id)
    assert row["quote"] == f"port deal … {MISSED}"
    assert row["speaker"] is None and row["source"] == "human"


def found_by_the_pass(words: str = "that talks would go on") -> dict:
    """A re-run's record in which the pass finds the hand-made words itself."""
    found = record()
    found["quotes"].append(quote(TEXT, words, "adding", "Ana Ruiz", "Tom Baker", "mixed"))
    return found


def test_undo_after_the_pass_found_the_words_leaves_the_pass_quote_as_it_found_it(db):
    quote_id = made(db)
    save_extraction(db, found_by_the_pass(), "rules-2")
    assert decisions.undo(db, analyst="maria") == "undid add quote"
    row = view(db, quote_id)
    assert row["quote"] == "that talks would go on" and row["kind"] == "mixed"
    assert row["speaker"] == "Tom Baker" and row["pipeline_version"] == "rules-2"
    assert row["hand_made"] == 0 and row["status"] == "unreviewed"
    assert db.execute("select count(*) from quote_view").fetchone()[0] == 4


def test_undo_after_the_pass_stopped_finding_the_words_takes_the_quote_away(db):
    quote_id = made(db)
    save_extraction(db, found_by_the_pass(), "rules-2")
    save_extraction(db, record(), "rules-3")
    row = view(db, quote_id)
    # An analyst made it: "no longer found" is no news about it.
    assert row["machine_missing"] == 0 and row["quote"] == MISSED
    decisions.undo(db, analyst="maria")
    assert hand_rows(db) == []
    assert db.execute("select count(*) from quote_view").fetchone()[0] == 3
    assert db.execute(
        "select count(*) from quote_view where quote like ?", ["%talks%"]
    ).fetchone() == (0,)


def test_redo_after_the_pass_found_the_words_with_its_own_speaker(db):
    quote_id = made(db)
    save_extraction(db, found_by_the_pass(), "rules-2")
    decisions.undo(db, analyst="maria")
    assert decisions.redo(db, analyst="maria") == "redid add quote"
    row = view(db, quote_id)
    assert row["quote"] == MISSED and row["kind"] == "indirect" and row["hand_made"] == 1
    assert row["speaker"] == "Ana Ruiz" and row["status"] == "accepted"
    # And undo again still lays the pass's quote back.
    decisions.undo(db, analyst="maria")
    row = view(db, quote_id)
    assert row["quote"] == "that talks would go on" and row["speaker"] == "Tom Baker"


URL = "https://example.test/port"


def edited(db, new_text: str, *found) -> None:
    """The page at the article's URL comes back with a new text; the pass runs on it."""
    db.execute("update articles set url = ?", [URL])
    again = record(new_text, quotes=[*record(new_text)["quotes"], *found])
    again["article"]["url"] = URL
    save_extraction(db, again, "rules-1")


def spans_words(db, quote_id: int) -> list[str]:
    text = db.execute("select text from articles").fetchone()[0]
    row = db.execute(
        "select content_spans, cue_spans from quotes where id = ?", [quote_id]
    ).fetchone()
    return [text[s:e] for spans in row for s, e in json.loads(spans)]


def test_an_edited_article_moves_its_hand_made_quote_with_its_words(db):
    quote_id = made(db)
    edited(db, TEXT.replace("deal\n\n", "deal\n\nUpdated: the minister spoke in Leith.\n\n", 1))
    assert db.execute("select count(*) from articles").fetchone()[0] == 1
    row = view(db, quote_id)
    assert row["quote"] == MISSED and row["cue"] == "adding" and row["machine_missing"] == 0
    assert spans_words(db, quote_id) == [MISSED, "adding"]
    # Still one undo away from gone, and one redo from back.
    decisions.undo(db, analyst="maria")
    assert hand_rows(db) == []
    decisions.redo(db, analyst="maria")
    (again,) = db.execute("select id from quote_view where hand_made").fetchall()
    assert spans_words(db, again[0]) == [MISSED, "adding"]


def test_a_pass_over_the_moved_words_joins_the_hand_made_quote(db):
    quote_id = made(db)
    new_text = TEXT.replace("deal\n\n", "deal\n\nUpdated at noon.\n\n", 1)
    edited(db, new_text, quote(new_text, MISSED, "adding", "Ana Ruiz", "Tom Baker", "mixed"))
    assert db.execute("select count(*) from quote_view").fetchone()[0] == 4
    assert view(db, quote_id)["quote"] == MISSED


def test_an_edit_that_takes_the_words_away_keeps_the_quote_flagged(db):
    quote_id = made(db)
    edited(db, TEXT.replace("talks would go on", "talks were over"))
    row = view(db, quote_id)
    assert row["quote"] == MISSED and row["hand_made"] == 1
    assert row["machine_missing"] == 1


def test_a_quote_made_before_quotes_kept_their_words_moves_too(db):
    quote_id = made(db)
    (value,) = db.execute("select definition from hand_quotes").fetchone()
    legacy = {k: v for k, v in json.loads(value).items() if k != "words"}
    db.execute("update hand_quotes set definition = ?", [json.dumps(legacy)])
    edited(db, TEXT.replace("deal\n\n", "deal\n\nUpdated at noon.\n\n", 1))
    assert spans_words(db, quote_id) == [MISSED, "adding"]


def test_a_pass_unsure_of_the_hand_made_words_leaves_them_a_quote(db):
    quote_id = made(db)
    found = record()
    found["candidates"] = [quote(TEXT, MISSED, "adding", "Ana Ruiz", None, "indirect")]
    save_extraction(db, found, "rules-2")
    assert db.execute("select candidate from quotes where id = ?", [quote_id]).fetchone() == (0,)
    assert view(db, quote_id)["hand_made"] == 1
    # Undone, the row is what the pass found again: its candidate flag too.
    assert decisions.undo(db, analyst="maria") == "undid add quote"
    assert db.execute("select candidate from quotes where id = ?", [quote_id]).fetchone() == (1,)
    status = db.execute("select status from quote_view_all where id = ?", [quote_id]).fetchone()
    assert status == ("candidate",)  # not 'unreviewed': the pass never called it a quote


def test_words_a_candidate_holds_are_confirmed_not_made_again(db):
    found = record()
    found["candidates"] = [quote(TEXT, MISSED, "adding", "Ana Ruiz", None, "indirect")]
    save_extraction(db, found, "rules-2")
    (candidate,) = db.execute("select id from candidate_view").fetchone()
    with pytest.raises(
        StoreError, match=f"candidate {candidate} already covers these words; confirm it"
    ):
        made(db)
