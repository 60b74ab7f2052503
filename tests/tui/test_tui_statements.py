"""The Statements screen on the real sample corpus: how outlets reported one statement.

The database is the five sample articles ingested through `quotedesk ingest`
(real spaCy pipeline, real grouping), so these tests see what an analyst sees
after `quotedesk demo`.
"""

from __future__ import annotations

import sqlite3

from tui_helpers import settle

from store.queries import QuoteFilter, get_quote
from store.statements import versions
from tests.sample_quotes import quote_column
from tui.app import QuoteDeskApp
from tui.colours import DIFF_ONLY_BASE, DIFF_ONLY_OTHER
from tui.screens.statements import StatementsScreen
from tui.widgets.version_compare import VersionCompare, word_diff


def quote_id(db, doc: str, phrase: str) -> int:
    return quote_column(db, doc, phrase, "id")


def statement_id(db, quote: int) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select statement_id from quote_statements where quote_id = ?", [quote]
        ).fetchone()[0]


def on_screen(widget) -> str:
    """The lines a widget shows, as text."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.size.region))


def marked(text, style: str) -> list[str]:
    """The words of a rich Text shaded with `style`."""
    return [text.plain[s.start : s.end] for s in text.spans if str(s.style) == style]


KCNA_HERALD = ("004_e88cf532e1811814", "best friend of the Korean people")
KCNA_YONHAP = (
    "001_d27c7cbd74673f90",
    "ready to greet the Korean people's closest friend with the greatest sincerity",
)


def test_word_diff_marks_what_only_each_version_says():
    left, right, score = word_diff(
        "ready to greet the closest friend with the greatest sincerity,",
        "ready to greet the best friend with the utmost respect.",
    )
    assert marked(left, DIFF_ONLY_BASE) == ["closest", "greatest sincerity,"]
    assert marked(right, DIFF_ONLY_OTHER) == ["best", "utmost respect."]
    assert 0.5 < score < 0.9
    # Case, curly quotes and punctuation are not differences.
    left, right, score = word_diff("“We will go,” he said", '"we will go" he said')
    assert not left.spans and not right.spans and score == 1.0


async def test_statements_lists_shared_statements_most_outlets_first(sample_db_copy):
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatementsScreen)
        outlets = [row["outlets"] for row in screen.rows]
        assert outlets and min(outlets) >= 2 and outlets == sorted(outlets, reverse=True)
        kcna = statement_id(sample_db_copy, quote_id(sample_db_copy, *KCNA_HERALD))
        assert kcna in {row["statement_id"] for row in screen.rows}
        first = screen.rows[0]
        assert first["first_seen"] and first["first_outlet"]
        # "a" shows statements carried by a single outlet too.
        await pilot.press("a")
        await settle(pilot)
        assert len(screen.rows) > len(outlets)
        assert min(row["outlets"] for row in screen.rows) == 1


async def test_compare_two_translations_side_by_side(sample_db_copy):
    herald = quote_id(sample_db_copy, *KCNA_HERALD)
    yonhap = quote_id(sample_db_copy, *KCNA_YONHAP)
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.show_statement(statement_id(sample_db_copy, herald), herald)
        await settle(pilot)
        screen = app.screen
        assert screen.current_version["id"] == herald
        assert app.focused is screen.version_table
        # Make the Yonhap version the base, then look at the Herald's against it.
        screen.version_table.move_cursor(row=[v["id"] for v in screen.versions].index(yonhap))
        await pilot.press("b")
        screen.version_table.move_cursor(row=[v["id"] for v in screen.versions].index(herald))
        await settle(pilot)
        base, other = screen.query_one(VersionCompare).diff
        assert "closest" in " ".join(marked(base, DIFF_ONLY_BASE))
        assert "best" in " ".join(marked(other, DIFF_ONLY_OTHER))
        # Words both translations share stay plain.
        assert "warmly" not in " ".join(marked(other, DIFF_ONLY_OTHER)).split()


async def test_leave_takes_a_version_out_and_undo_puts_it_back(sample_db_copy):
    herald = quote_id(sample_db_copy, *KCNA_HERALD)
    before = statement_id(sample_db_copy, herald)
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.show_statement(before, herald)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert statement_id(sample_db_copy, herald) != before
        with sqlite3.connect(sample_db_copy) as conn:
            assert conn.execute(
                "select analyst, action from decisions order by id desc limit 1"
            ).fetchone() == ("tester", "leave statement")
        assert herald not in [v["id"] for v in app.screen.versions]
        await pilot.press("u")
        await settle(pilot)
        assert statement_id(sample_db_copy, herald) == before


async def test_join_moves_a_whole_statement_into_another(sample_db_copy):
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        moved = screen.current["statement_id"]
        members = [v["id"] for v in screen.versions]
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("enter")  # the nearest candidate
        await settle(pilot)
        target = statement_id(sample_db_copy, members[0])
        assert target != moved
        assert {statement_id(sample_db_copy, m) for m in members} == {target}
        with sqlite3.connect(sample_db_copy) as conn:
            joined = {
                r[0]
                for r in conn.execute(
                    "select quote_id from quote_statements where statement_id = ?", [target]
                )
            }
        assert joined > set(members)
        # One undo takes the whole join back: the versions are one statement
        # again, apart from the statement they were joined into.
        await pilot.press("u")
        await settle(pilot)
        back = {statement_id(sample_db_copy, m) for m in members}
        assert len(back) == 1
        others = joined - set(members)
        assert {statement_id(sample_db_copy, m) for m in others}.isdisjoint(back)


async def test_quote_detail_says_who_else_reported_it_and_v_compares(sample_db_copy):
    herald = quote_id(sample_db_copy, *KCNA_HERALD)
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.screen.show_filter(QuoteFilter(search="best friend"))
        await settle(pilot)
        assert app.screen.current["id"] == herald
        shown = on_screen(app.screen.query_one("#detail-meta"))
        others = app.data.call(get_quote, herald)["also_reported"]
        assert "Yonhap" in {o["outlet"] for o in others}
        also = shown[shown.index("also by") :]
        assert all(o["outlet"] in also for o in others)
        assert "closest friend" in " ".join(also.split())
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        assert app.screen.current_version["id"] == herald
        assert {v["id"] for v in app.data.call(versions, app.screen.current["statement_id"])} >= {
            herald
        }


async def test_find_narrows_statements_to_a_speaker(sample_db_copy):
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("slash", *"Peskov")
        await settle(pilot)
        rows = app.screen.rows
        assert rows and all(
            "Peskov" in (row["speaker"] or "") or "Peskov" in (row["quote"] or "") for row in rows
        )
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert len(app.screen.rows) > len(rows)
