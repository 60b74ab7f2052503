"""Big lists come a page at a time; edits by someone else are reported, not overwritten."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tui_helpers import settle

from store import decisions
from store.db import open_db
from store.ingest import save_extraction
from store.queries import get_quote
from tui.app import QuoteDeskApp
from tui.widgets.quote_table import PAGE_SIZE, QuoteTable

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_tui import synthetic_records  # noqa: E402


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    db = open_db(path)
    for record in synthetic_records(350):
        save_extraction(db, record, "test-1")
    db.conn.close()
    return path


async def test_rows_load_a_page_at_a_time(big_db):
    app = QuoteDeskApp(big_db, "tester")
    async with app.run_test() as pilot:
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.total == 350
        assert table.row_count == PAGE_SIZE
        await pilot.press("end")
        await settle(pilot)
        assert PAGE_SIZE < table.row_count <= 350


async def test_next_unreviewed_reaches_into_the_next_page(big_db, tmp_path):
    import shutil

    copy = tmp_path / "big.db"
    shutil.copy(big_db, copy)
    db = open_db(copy, create=False)
    first_page = [q for q in range(1, PAGE_SIZE + 1)]
    for quote_id in first_page[1:]:
        decisions.accept(db, quote_id, analyst="someone")
    db.conn.close()
    app = QuoteDeskApp(copy, "tester")
    async with app.run_test() as pilot:
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        await pilot.press("space")
        await settle(pilot)
        assert table.current_quote["id"] == PAGE_SIZE + 1
        assert table.current_quote["status"] == "unreviewed"


async def test_stale_edit_is_reported_not_overwritten(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test() as pilot:
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        first = table.current_quote["id"]
        # Another analyst accepts the quote while this one still sees it unreviewed.
        other = open_db(db_path, create=False)
        decisions.accept(other, first, analyst="colleague")
        other.conn.close()
        await pilot.press("x")
        await settle(pilot)
        db = open_db(db_path, create=False)
        stored = get_quote(db, first)
        db.conn.close()
        assert (stored["status"], stored["decided_by"]) == ("accepted", "colleague")
        assert table.rows_by_id[first]["status"] == "accepted"  # the row shows it now
        assert any("someone else" in str(n.message) for n in app._notifications)
