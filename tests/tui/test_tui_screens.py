"""Speakers, Article, Overview and help: actions checked in the database and across views."""

from __future__ import annotations

from tui_helpers import settle

from store.db import open_db
from store.queries import list_speakers
from tui.app import QuoteDeskApp
from tui.screens.article import ArticleScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen, count_ticks
from tui.screens.speakers import SpeakersScreen, suggestions
from tui.widgets.quote_table import QuoteTable

ANALYST = "tester"


def speakers(db_path) -> dict[str, dict]:
    db = open_db(db_path, create=False)
    try:
        return {s["name"]: s for s in list_speakers(db)}
    finally:
        db.conn.close()


async def go_to_speaker(pilot, name: str) -> SpeakersScreen:
    await pilot.press("f3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SpeakersScreen)
    await pilot.press("slash", *name, "enter")
    await settle(pilot)
    assert screen.current["name"] == name
    return screen


async def test_speakers_lists_counts_per_outlet(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go_to_speaker(pilot, "Anna Kowalczyk")
        s = screen.current
        assert s["quotes"] == 3


async def test_rename_speaker_shows_in_quotes_table(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_speaker(pilot, "Lena Berg")
        await pilot.press("r", "ctrl+u", *"Lena Berg-Hansen", "enter")
        await settle(pilot)
        assert "Lena Berg-Hansen" in speakers(db_path)
        await pilot.press("f2")
        await settle(pilot)
        names = {r["speaker"] for r in app.screen.query_one(QuoteTable).rows_by_id.values()}
        assert "Lena Berg-Hansen" in names and "Lena Berg" not in names


async def test_merge_suggests_romanisation_variant(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go_to_speaker(pilot, "Park Ji-won")
        assert [other["name"] for other, _, _ in suggestions(screen.current, screen.speakers)][
            0
        ] == "Park Ji Won"
        await pilot.press("m", "enter")  # the top suggestion
        await settle(pilot)
        after = speakers(db_path)
        assert "Park Ji Won" not in after
        assert after["Park Ji-won"]["quotes"] == 2
        assert "Park Ji Won" in after["Park Ji-won"]["aliases"]
        await pilot.press("u")  # undo works on this screen too
        await settle(pilot)
        assert "Park Ji Won" in speakers(db_path)


async def test_split_alias_undoes_a_merge(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_speaker(pilot, "Park Ji-won")
        await pilot.press("m", "enter")
        await settle(pilot)
        await pilot.press("p", "enter")
        await settle(pilot)
        after = speakers(db_path)
        assert "Park Ji Won" in after
        assert "Park Ji Won" not in after["Park Ji-won"].get("aliases", [])


async def test_open_speakers_quotes(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_speaker(pilot, "Tomasz Nowak")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.total == 3
        assert {r["speaker"] for r in table.rows_by_id.values()} == {"Tomasz Nowak"}


async def test_article_moves_quote_to_quote_and_back(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        first = table.current_quote
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.quote_id == first["id"]
        await pilot.press("n")
        second = screen.quote_id
        assert second != first["id"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(QuoteTable).current_quote["id"] == second


async def test_overview_follows_review_progress(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        before = dict(screen.data["review"])
        await pilot.press("f2", "a", "a")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert screen.data["review"].get("accepted", 0) == before.get("accepted", 0) + 2


async def test_help_lists_every_binding_id(db_path):
    from tui.app import all_binding_ids

    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {row[3]: row for row in app.screen.rows}
        for binding_id in ("accept", "reject", "stance-1", "undo", "redo", "export", "copy"):
            assert binding_id in shown
        assert shown["stance-2"][2] == "stance: oppose"
        assert shown["accept"][1] == "a"
        assert len(all_binding_ids()) > 25
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_outlet_summaries_fit_the_table_beside_the_detail_pane(db_path):
    # The wide layout puts the detail pane beside the table only after the
    # screen has its size: summaries cut for the full width ran off the table.
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.table
        detail = app.screen.query_one("#speaker-detail")
        # The refit waits for a refresh after the layout, which a loaded machine
        # delays; until the pane has moved beside it, the table still has the full
        # width its rows were first cut for.
        for _ in range(80):
            beside = detail.region.x >= table.region.right
            if beside and app.screen.filled_width == table.size.width:
                break
            await pilot.pause(0.05)
        others = sum(c.width + 2 * table.cell_padding for c in table.ordered_columns[:3])
        room = table.size.width - others - 2 * table.cell_padding
        cells = [table.get_row_at(row)[3] for row in range(table.row_count)]
        assert any("more" in str(cell) for cell in cells)
        assert all(len(cell) <= room for cell in cells), (room, [str(c) for c in cells])


def test_count_axes_have_whole_number_ticks_that_reach_the_largest_count():
    for largest in (0, 1, 5, 11, 15, 76, 1234):
        ticks = count_ticks(largest)
        assert ticks[0] == 0 and ticks[-1] >= largest
        assert all(isinstance(t, int) for t in ticks)
        assert len(ticks) <= 6
