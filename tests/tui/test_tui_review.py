"""Every review action on the Quotes screen, driven by keys, checked in the database."""

from __future__ import annotations

from pathlib import Path

from damaged_db import damage_table
from tui_helpers import settle

from store.db import open_db
from store.queries import QuoteFilter, count_quotes, get_quote
from tui.app import QuoteDeskApp
from tui.screens.quotes import QuotesScreen
from tui.widgets.quote_table import QuoteTable

ANALYST = "tester"


def quote(db_path: Path, quote_id: int) -> dict:
    db = open_db(db_path, create=False)
    try:
        return get_quote(db, quote_id)
    finally:
        db.conn.close()


def table(app: QuoteDeskApp) -> QuoteTable:
    return app.screen.query_one(QuoteTable)


async def start(pilot) -> tuple[QuoteTable, dict]:
    await settle(pilot)
    t = table(pilot.app)
    return t, dict(t.current_quote)


async def test_opens_on_quotes_with_first_row_selected(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        t, first = await start(pilot)
        assert isinstance(app.screen, QuotesScreen)
        assert t.cursor_row == 0
        assert t.row_count == len(t.order) == t.total == 11
        assert app.focused is t
        detail = app.screen.query_one("#detail-paragraph").render()
        assert first["quote"].split()[0] in str(detail)


async def test_accept_stores_decision_with_analyst_and_moves_on(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        t, first = await start(pilot)
        await pilot.press("a")
        await settle(pilot)
        stored = quote(db_path, first["id"])
        assert stored["status"] == "accepted"
        assert stored["decided_by"] == ANALYST
        assert t.rows_by_id[first["id"]]["status"] == "accepted"
        assert t.cursor_row == 1


async def test_reject(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "rejected"


async def test_stance_keys_use_default_labels_and_target(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert quote(db_path, first["id"])["stance"] == "oppose"
        await pilot.press("t", *"automation", "enter")
        await settle(pilot)
        stored = quote(db_path, first["id"])
        assert (stored["stance"], stored["stance_target"]) == ("oppose", "automation")
        await pilot.press("4")
        await settle(pilot)
        assert quote(db_path, first["id"])["stance"] == "unclear"


async def test_config_remaps_keys_and_stance_labels(db_path, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        'stance_labels = ["pro", "contra"]\n[keys]\naccept = "y"\n"stance-2" = "k"\n',
        encoding="utf-8",
    )
    app = QuoteDeskApp(db_path, ANALYST, config)
    async with app.run_test() as pilot:
        t, first = await start(pilot)
        await pilot.press("a")  # no longer bound
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "unreviewed"
        await pilot.press("k")
        await settle(pilot)
        assert quote(db_path, first["id"])["stance"] == "contra"
        await pilot.press("y")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "accepted"


async def test_broken_config_opens_with_defaults(db_path, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("stance_labels = [", encoding="utf-8")
    app = QuoteDeskApp(db_path, ANALYST, config)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        assert app.config.stance_labels == ("support", "oppose", "neutral", "unclear")
        await pilot.press("1")
        await settle(pilot)
        assert quote(db_path, first["id"])["stance"] == "support"


async def test_note(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("n", *"check the video", "ctrl+s")
        await settle(pilot)
        assert quote(db_path, first["id"])["note"] == "check the video"


async def test_undo_and_redo(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        t, first = await start(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "accepted"
        await pilot.press("u")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "unreviewed"
        assert t.rows_by_id[first["id"]]["status"] == "unreviewed"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "accepted"


async def test_undo_runs_from_the_command_palette_and_not_on_the_overview(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("f4", "u")  # the charts have nothing to undo: u is no key there
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "accepted"
        await pilot.press("f2", "ctrl+p", *"undo")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "unreviewed"


async def test_change_speaker_to_known_speaker(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        t, first = await start(pilot)
        assert first["speaker"] != "Lena Berg"
        await pilot.press("s", *"lena berg", "enter")
        await settle(pilot)
        assert quote(db_path, first["id"])["speaker"] == "Lena Berg"
        assert t.rows_by_id[first["id"]]["speaker"] == "Lena Berg"


async def test_change_speaker_to_new_speaker_with_role(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("s", *"Jan Wisniewski", "enter")
        await pilot.pause()
        await pilot.press(*"harbour master", "enter")
        await settle(pilot)
        stored = quote(db_path, first["id"])
        assert stored["speaker"] == "Jan Wisniewski"
        assert stored["role"] == "harbour master"


async def test_change_outlet(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("o", *"Gdansk Post", "enter")
        await settle(pilot)
        assert quote(db_path, first["id"])["outlet"] == "Gdansk Post"


async def test_next_unreviewed_skips_reviewed(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        t, _ = await start(pilot)
        await pilot.press("down", "a")  # accept row 1; cursor moves to row 2
        await settle(pilot)
        await pilot.press("home", "space")
        assert t.cursor_row == 2


async def test_export_current_filter_to_csv(db_path, tmp_path):
    import csv

    out = tmp_path / "out.csv"
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        await start(pilot)
        await pilot.press("slash", *"cranes", "enter")
        await settle(pilot)
        await pilot.press("e", "ctrl+u", *str(out), "enter")
        await settle(pilot)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    assert "cranes" in rows[0]["quote"]


async def test_copy_quote_with_citation(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("c")
        assert first["speaker"] in app.clipboard
        assert first["outlet"] in app.clipboard
        assert app.clipboard.startswith("“")


async def test_search_and_clear(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        t, _ = await start(pilot)
        await pilot.press("slash", *"automation", "enter")
        await settle(pilot)
        db = open_db(db_path, create=False)
        expected = count_quotes(db, QuoteFilter(search="automation"))
        assert 0 < t.total == expected < 11
        assert app.focused is t
        await pilot.press("escape")
        await settle(pilot)
        assert t.total == 11


async def test_filter_dialog_by_speaker(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(100, 30)) as pilot:
        t, _ = await start(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press(*"Lena Berg", "enter")
        await settle(pilot)
        assert t.total == 2
        assert {r["speaker"] for r in t.rows_by_id.values()} == {"Lena Berg"}


async def test_command_palette_runs_review_actions(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        _, first = await start(pilot)
        await pilot.press("ctrl+p", *"accept")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert quote(db_path, first["id"])["status"] == "accepted"


async def test_missing_database_shows_how_to_ingest(tmp_path):
    missing = tmp_path / "nothing-here.db"
    app = QuoteDeskApp(missing, ANALYST)
    async with app.run_test() as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#empty").render())
        assert "quotedesk ingest" in text and "quotedesk demo" in text
        await pilot.press("a", "f3", "f4", "f2")  # nothing to act on; must not crash
        await settle(pilot)
    assert not missing.exists()


async def test_q_quits(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_damaged_database_is_a_message_naming_it_not_a_crash(db_path):
    damage_table(db_path)
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f3", "f2")
        await settle(pilot)
        assert app.db_error and app.db_error.startswith(f"{db_path}: the database is damaged")
        assert isinstance(app.screen, QuotesScreen)  # the app stays open and says so


async def test_foreign_file_is_a_message_not_a_crash(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database", encoding="utf-8")
    app = QuoteDeskApp(notes, ANALYST)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f3", "f4", "f2")
        await settle(pilot)
        assert app.db_error and "not a SQLite database" in app.db_error
        assert "Cannot read" in str(app.screen.query_one("#empty").render())
    assert notes.read_text(encoding="utf-8") == "not a database"
