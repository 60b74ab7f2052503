"""The filter form: Tab completes a speaker or outlet from the database, a partial name
finds its speaker, and a name that matches nobody is said so, with the closest names."""

from __future__ import annotations

from textual.widgets import Input, Label
from tui_helpers import settle

from tui.app import QuoteDeskApp
from tui.widgets.filter_dialog import FilterDialog
from tui.widgets.quote_table import QuoteTable


async def open_filter(pilot) -> FilterDialog:
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FilterDialog)
    return pilot.app.screen


def field(app: QuoteDeskApp, name: str) -> Input:
    return app.screen.query_one(f"#f-{name}", Input)


def message(app: QuoteDeskApp) -> str:
    return str(app.screen.query_one("#filter-message", Label).render())


async def test_tab_completes_a_speaker_then_moves_on(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_filter(pilot)
        await pilot.press(*"kowal")
        assert message(app) == "tab → Anna Kowalczyk"
        await pilot.press("tab")
        assert field(app, "speaker").value == "Anna Kowalczyk"
        assert app.focused is field(app, "speaker")
        await pilot.press("tab")  # nothing left to complete: the next field
        assert app.focused is field(app, "outlet")
        await pilot.press(*"coast", "tab")
        assert field(app, "outlet").value == "Coastal Gazette"


async def test_tab_in_an_empty_field_moves_focus(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_filter(pilot)
        await pilot.press("tab")
        assert app.focused is field(app, "outlet")


async def test_a_partial_name_filters_on_its_one_speaker(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_filter(pilot)
        await pilot.press(*"Nowa", "enter")  # the start of a surname
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.quote_filter.speaker == "Tomasz Nowak"
        assert table.total == 3
        assert {r["speaker"] for r in table.rows_by_id.values()} == {"Tomasz Nowak"}


async def test_a_partial_outlet_filters_on_its_outlet(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_filter(pilot)
        await pilot.press("tab", *"harbour", "enter")
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.quote_filter.outlet == "The Harbour Review"
        assert table.total == 2


async def test_no_match_keeps_the_form_open_and_offers_the_closest(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_filter(pilot)
        await pilot.press(*"Tomas Nowac", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "no speaker “Tomas Nowac” — closest: Tomasz Nowak" in message(app)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert app.screen.query_one(QuoteTable).quote_filter.speaker == "Tomasz Nowak"


async def test_a_name_fitting_two_speakers_asks_which(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_filter(pilot)
        await pilot.press(*"park", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "closest: Park Ji Won, Park Ji-won (tab completes)" in message(app)


async def test_nothing_like_it_says_so(db_path):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_filter(pilot)
        await pilot.press(*"zzqx", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert message(app) == "no speaker is called anything like “zzqx”"
