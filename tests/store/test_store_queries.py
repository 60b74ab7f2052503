"""Reading: filters, full-text search, paging, exports."""

import csv
import io
import json

from store_helpers import quote_id

from store import decisions
from store.export import COLUMNS, export_quotes
from store.queries import QuoteFilter, count_quotes, get_quote, list_quotes, list_speakers


def test_filters_combine(db):
    assert count_quotes(db, QuoteFilter()) == 3
    assert count_quotes(db, QuoteFilter(speaker="Ana Ruiz")) == 2
    assert count_quotes(db, QuoteFilter(speaker="Ana Ruiz", kind="direct")) == 1
    assert count_quotes(db, QuoteFilter(outlet="Elsewhere")) == 0


def test_full_text_search_matches_words_and_speaker_names(db):
    hits = list_quotes(db, QuoteFilter(search="fisherm"))
    assert [h["speaker"] for h in hits] == ["Ana Ruiz"]
    assert count_quotes(db, QuoteFilter(search="Baker")) == 1


def test_rejected_quotes_are_hidden_unless_asked_for(db):
    qid = quote_id(db, "rushed")
    decisions.reject(db, qid, analyst="maria")
    assert count_quotes(db, QuoteFilter()) == 2
    assert count_quotes(db, QuoteFilter(include_rejected=True)) == 3
    assert count_quotes(db, QuoteFilter(status="rejected")) == 1


def test_paging_returns_each_quote_once(db):
    pages = [list_quotes(db, QuoteFilter(), offset=o, limit=2) for o in (0, 2, 4)]
    ids = [row["id"] for page in pages for row in page]
    assert len(ids) == 3 == len(set(ids))


def test_a_quote_in_full_has_its_paragraph_and_history(db):
    qid = quote_id(db, "We will not sign")
    decisions.set_note(db, qid, "verify", analyst="li")
    quote = get_quote(db, qid)
    start, end = quote["content_spans"][0]
    paragraph = quote["paragraph"]
    offset = quote["paragraph_start"]
    assert paragraph[start - offset : end - offset] == quote["quote"]
    assert paragraph.startswith("“We will not sign") and "\n" not in paragraph
    assert [h["new"] for h in quote["history"]] == ["verify"]


def test_speakers_list_counts_quotes_per_outlet(db):
    speakers = {s["name"]: s for s in list_speakers(db)}
    assert speakers["Ana Ruiz"]["outlets"] == {"Wire": 2}
    assert speakers["Ana Ruiz"]["role"] == "Transport Minister"


def test_csv_export_has_stable_columns_provenance_and_an_excel_bom(db):
    decisions.accept(db, quote_id(db, "a good day"), analyst="maria")
    out = io.StringIO()
    assert export_quotes(db, QuoteFilter(), "csv", out, excel_bom=True) == 3
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == COLUMNS and COLUMNS[0] == "id"
    accepted = [r for r in rows if r["status"] == "accepted"]
    assert [(r["source"], r["decided_by"]) for r in accepted] == [("human", "maria")]


def test_jsonl_export_leaves_out_rejected(db):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    out = io.StringIO()
    export_quotes(db, QuoteFilter(), "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 2 and all(r["status"] != "rejected" for r in rows)


def test_speakers_list_pages_match_the_full_list(db):
    decisions.set_speaker(db, quote_id(db, "rushed"), "T. Baker", analyst="maria")
    decisions.merge_speakers(db, "T. Baker", "Tom Baker", analyst="maria")
    everything = list_speakers(db)
    paged = list_speakers(db, 0, 1) + list_speakers(db, 1, 1) + list_speakers(db, 2, 1)
    assert paged == everything
    assert [s["aliases"] for s in everything] == [[], ["T. Baker"]]
