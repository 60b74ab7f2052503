"""The speaker picker: the best known match is one Enter away; "new: …" when nothing fits."""

from __future__ import annotations

from textual.widgets import OptionList
from tui_helpers import settle

from store.db import open_db
from tui.app import QuoteDeskApp
from tui.widgets.picker import NEW, Picker
from tui.widgets.quote_table import QuoteTable


def option_labels(app: QuoteDeskApp) -> list[str]:
    options = app.screen.query_one("#picker-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def highlighted_id(app: QuoteDeskApp) -> str | None:
    options = app.screen.query_one("#picker-options", OptionList)
    return options.get_option_at_index(options.highlighted).id


def speakers_named(db_path, name: str) -> int:
    db = open_db(db_path, create=False)
    try:
        return db.execute("select count(*) from speakers where name = ?", [name]).fetchone()[0]
    finally:
        db.conn.close()


async def test_lowercase_typing_puts_the_known_speaker_first(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        first = dict(table.current_quote)
        await pilot.press("s", *"park")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        labels = option_labels(app)
        assert labels[0].startswith("Park Ji")
        assert highlighted_id(app) != NEW
        new_row = next(i for i, label in enumerate(labels) if label.startswith("new: "))
        # The two spellings of the minister come before "new", weaker matches after it.
        assert new_row == 2
        await pilot.press("enter")
        await settle(pilot)
        assert table.rows_by_id[first["id"]]["speaker"].startswith("Park Ji")
    assert speakers_named(db_path, "park") == 0


async def test_a_name_nobody_has_puts_new_first(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"Xi Jinping")
        await settle(pilot)
        assert option_labels(app)[0] == "new: Xi Jinping"
        assert highlighted_id(app) == NEW
