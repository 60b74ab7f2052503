"""One rule for rejected quotes on every screen: they are not counted, and the count says
how many were left out (docs/app.md, "Rejected quotes")."""

from __future__ import annotations

import sqlite3

from textual.widgets import DataTable, Static
from tui_helpers import settle

from store.db import open_db
from store.decisions import reject, undo
from store.queries import QuoteFilter
from store.statements import get_statement, versions
from tui.app import QuoteDeskApp
from tui.widgets.quote_table import QuoteTable


def shown(app: QuoteDeskApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_quotes_and_overview_count_a_rejected_quote_the_same_way(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown(app, "#quote-count") == "11 quotes"
        await pilot.press("x")
        await settle(pilot)
        assert shown(app, "#quote-count") == "10 quotes · 1 rejected hidden"
        await pilot.press("f4")
        await settle(pilot)
        assert shown(app, "#overview-summary").startswith("10 quotes, 1 rejected hidden · ")
        assert "1 of 11 reviewed" in shown(app, "#overview-summary")
        await pilot.press("f2")
        await settle(pilot)
        app.screen.show_filter(QuoteFilter(include_rejected=True))
        await settle(pilot)
        assert shown(app, "#quote-count") == "11 quotes"
        app.screen.show_filter(QuoteFilter(status="rejected"))
        await settle(pilot)
        assert shown(app, "#quote-count") == "1 quote"


def biggest_statement(db_path) -> tuple[int, list[dict]]:
    db = open_db(db_path, create=False)
    try:
        sid = db.execute(
            "select statement_id from statement_view order by versions desc, outlets desc limit 1"
        ).fetchone()[0]
        return sid, versions(db, sid)
    finally:
        db.conn.close()


def test_a_rejected_version_leaves_its_statement_counts(sample_db_copy):
    sid, before = biggest_statement(sample_db_copy)
    assert len(before) >= 3
    db = open_db(sample_db_copy, create=False)
    try:
        # The only version from its outlet, so the outlet count must drop too.
        outlets = [v["outlet"] for v in before]
        lone = next(v for v in before if outlets.count(v["outlet"]) == 1)
        reject(db, lone["id"], analyst="tester")
        row = get_statement(db, sid)
        listed = versions(db, sid)
        assert row["versions"] == len(listed) == len(before) - 1
        assert row["outlets"] == len({v["outlet"] for v in listed}) == len(set(outlets)) - 1
        assert lone["outlet"] not in row["outlet_names"]
        undo(db, analyst="tester")
        assert get_statement(db, sid)["versions"] == len(before)
    finally:
        db.conn.close()


async def test_statements_screen_lists_as_many_versions_as_it_counts(sample_db_copy):
    sid, before = biggest_statement(sample_db_copy)
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.show_quotes(QuoteFilter(statement_id=sid))
        await settle(pilot)
        assert len(app.screen.query_one(QuoteTable).order) == len(before)
        await pilot.press("x")
        await settle(pilot)
        app.show_statement(sid)
        await settle(pilot)
        statements = app.screen.query_one("#statement-table", DataTable)
        row = statements.get_row(str(sid))
        listed = app.screen.query_one("#version-table", DataTable).row_count
        assert int(str(row[1])) == listed == len(before) - 1
    with sqlite3.connect(sample_db_copy) as conn:
        assert conn.execute("select count(*) from human where status = 'rejected'").fetchone() == (
            1,
        )
