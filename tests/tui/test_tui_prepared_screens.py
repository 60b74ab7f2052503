"""The Speakers and Statements screens are built while the app idles after its
first rows, so their first open shows rows at once; hidden, they re-read their
lists when shown again, not after every decision made elsewhere."""

from __future__ import annotations

from tui_helpers import settle

import store.queries
from tui.app import QuoteDeskApp
from tui.screens.quotes import QuotesScreen
from tui.screens.speakers import SpeakersScreen

ANALYST = "tester"


def count_calls(monkeypatch, module, name: str) -> list[int]:
    """Count the calls of module.name (the screens import it when they load)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


async def test_screens_hold_their_rows_before_they_are_opened(sample_db_copy, monkeypatch):
    app = QuoteDeskApp(sample_db_copy, ANALYST)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuotesScreen)
        speakers = app.screen_for("speakers")
        statements = app.screen_for("statements")
        assert speakers.table.row_count == len(speakers.speakers) > 0
        assert statements.table.row_count > 0
        # Opening one parses no CSS again: it was styled when it was built.
        reparses = count_calls(monkeypatch, type(app.stylesheet), "reparse")
        await pilot.press("f3")
        assert app.screen is speakers
        await pilot.press("f5")
        assert app.screen is statements
        await settle(pilot)
        assert reparses == []


async def test_a_hidden_screen_rereads_when_shown_again(db_path, monkeypatch):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.press("slash", *"Lena Berg", "enter")
        await settle(pilot)
        await pilot.press("r", "ctrl+u", *"Lena Berg-Hansen", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert "Lena Berg-Hansen" in {s["name"] for s in screen.speakers}
        reads = count_calls(monkeypatch, store.queries, "list_speakers")
        await pilot.press("f2", "u")  # undo the rename from the Quotes screen
        await settle(pilot)
        assert reads == []  # not while the Speakers screen is hidden
        await pilot.press("f3")
        await settle(pilot)
        assert reads == [1]
        names = {s["name"] for s in screen.speakers}
        assert "Lena Berg" in names and "Lena Berg-Hansen" not in names
