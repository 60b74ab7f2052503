"""A quote with several speakers: the filter finds it by any of them, and the
table shows them all."""

from __future__ import annotations

from tui_helpers import settle

from store.db import open_db
from store.ingest import save_extraction
from tui.app import QuoteDeskApp
from tui.widgets.filter_dialog import FilterDialog
from tui.widgets.quote_table import QuoteTable

TEXT = "Port talks resume\n\nThe ministry and the agency said the talks would resume in March."


def add_talks(path) -> None:
    """The record the NLP pass makes of TEXT: one quote, two sources."""

    def at(words: str) -> list[int]:
        return [TEXT.index(words), TEXT.index(words) + len(words)]

    members = [("ministry", "The ministry"), ("agency", "the agency")]
    quote = {
        "content": [at("the talks would resume in March")],
        "cue": [at("said")],
        "source": [at("The ministry and the agency")],
        "speaker": "ministry and agency",
        "speaker_type": "organisation",
        "role": None,
        "kind": "indirect",
        "confidence": 0.7,
        "evidence": "source of 'said'; conjoined speakers",
        "parent": None,
        "speakers": [
            {"name": name, "type": "organisation", "role": None, "source": [at(words)]}
            for name, words in members
        ],
    }
    article = {"doc": "talks", "text": TEXT, "title": "Port talks resume", "published": None}
    db = open_db(path)
    record = {"article": article, "outlet": "Baltic Wire", "quotes": [quote], "aliases": []}
    save_extraction(db, record, "test-1")
    db.conn.close()


async def test_filtering_by_the_second_speaker_finds_the_quote(db_path):
    add_talks(db_path)
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterDialog)
        await pilot.press(*"agency", "enter")
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.quote_filter.speaker == "agency"
        assert table.total == 1
        (row,) = table.rows_by_id.values()
        assert row["quote"] == "the talks would resume in March"
        assert "ministry; agency" in str(table.get_row_at(0))
