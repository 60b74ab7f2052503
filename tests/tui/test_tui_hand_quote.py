"""Adding a quote by hand in the Article screen: select, one key, confirm."""

from __future__ import annotations

from tui_helpers import settle

from store.db import open_db
from tui.app import QuoteDeskApp
from tui.screens.article import ArticleScreen
from tui.widgets.hand_quote_dialog import HandQuoteDialog

ANALYST = "tester"
MISSED = "that automated terminals pay off only after a decade"
# From the Berg quote's first word: back a paragraph, four words on to "that",
# select to the end of the sentence, make it a quote, confirm the proposal.
KEYS = ["left_curly_bracket", "w", "w", "w", "w", "v", "right_parenthesis", "plus", "enter"]


def quote_row(db_path, words: str) -> dict | None:
    db = open_db(db_path, create=False)
    try:
        cursor = db.execute("select * from quote_view where quote = ?", [words])
        names = [c[0] for c in cursor.description]
        row = cursor.fetchone()
        return dict(zip(names, row, strict=True)) if row else None
    finally:
        db.conn.close()


async def open_berg_article(app, pilot, db_path) -> ArticleScreen:
    db = open_db(db_path, create=False)
    article_id, quote_id = db.execute(
        "select article_id, id from quote_view where quote like 'The savings%'"
    ).fetchone()
    db.conn.close()
    await settle(pilot)
    await app.push_screen(ArticleScreen(article_id, quote_id))
    await settle(pilot)
    return app.screen


async def wait_for_proposal(pilot) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, HandQuoteDialog) and screen.proposal is not None:
            return
    raise AssertionError("the proposal never came")


async def test_a_missed_quote_is_added_by_hand_in_nine_keys(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_berg_article(app, pilot, db_path)
        for key in KEYS[:-2]:
            await pilot.press(key)
        text = screen.article["text"]
        (selected,) = screen.text_cursor.all_parts()
        assert text[slice(*selected)] == MISSED
        await pilot.press("plus")
        await wait_for_proposal(pilot)
        dialog = app.screen
        assert dialog.speaker.name == "economists" and dialog.kind == "indirect"
        assert [text[s:e] for s, e in dialog.proposal.cue] == ["argued"]
        await pilot.press("enter")
        await settle(pilot)
        assert len(KEYS) == 9
        row = quote_row(db_path, MISSED)
        assert row is not None, "the quote was not stored"
        assert row["source"] == "human" and row["hand_made"] == 1
        assert row["speaker"] == "economists" and row["cue"] == "argued"
        assert row["status"] == "accepted" and row["decided_by"] == ANALYST
        # The screen shows it as the current quote, and u takes it back.
        assert screen.quote_id == row["id"]
        assert any(q["id"] == row["id"] for q in screen.quotes)
        await pilot.press("u")
        await settle(pilot)
        assert quote_row(db_path, MISSED) is None
        assert all(q["id"] != row["id"] for q in screen.quotes)


async def test_a_split_quote_is_built_from_two_selections(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_berg_article(app, pilot, db_path)
        text = screen.article["text"]
        cursor = screen._start_cursor()
        cursor.place(text.index("Economists"))
        await pilot.press("v", "w", "w", "comma")  # "Economists have long", kept
        await pilot.press(*["w"] * 3, "v", "w", "w")  # "automated terminals pay"
        parts = cursor.all_parts()
        assert [text[s:e] for s, e in parts] == ["Economists have long", "automated terminals pay"]
        await pilot.press("plus")
        await wait_for_proposal(pilot)
        await pilot.press("k", "enter")  # indirect -> belief
        await settle(pilot)
        row = quote_row(db_path, "Economists have long … automated terminals pay")
        assert row is not None and row["kind"] == "belief"


async def test_escape_lets_go_of_the_selection_before_leaving(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_berg_article(app, pilot, db_path)
        await pilot.press("v", "w", "escape")
        assert screen.text_cursor is not None and screen.text_cursor.all_parts() == []
        await pilot.press("escape")
        assert screen.text_cursor is None and app.screen is screen
        await pilot.press("plus")
        await settle(pilot)
        assert not isinstance(app.screen, HandQuoteDialog)


async def test_a_mouse_drag_selects_whole_words(db_path):
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_berg_article(app, pilot, db_path)
        text = screen.article["text"]
        para = next(w for w in screen.query(".para") if "Economists" in str(w.render()))
        line = text[text.index("Economists") :]
        # From inside "automated" to inside "decade" on the paragraph's one line.
        await pilot.mouse_down(para, offset=(line.index("automated") + 2, 0))
        await pilot.hover(para, offset=(line.index("decade") + 2, 0))
        await pilot.mouse_up(para, offset=(line.index("decade") + 2, 0))
        await settle(pilot)
        assert screen.text_cursor is not None
        (selected,) = screen.text_cursor.all_parts()
        assert text[slice(*selected)] == "automated terminals pay off only after a decade"


async def test_the_speaker_is_changed_with_the_fuzzy_picker(db_path):
    from tui.widgets.speaker_picker import SpeakerPicker

    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_berg_article(app, pilot, db_path)
        await pilot.press(*KEYS[:-1])
        await wait_for_proposal(pilot)
        await pilot.press("s")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, SpeakerPicker):
                break
        await pilot.press(*"lena b", "enter")
        await pilot.pause()
        assert app.screen.speaker.name == "Lena Berg"
        await pilot.press("enter")
        await settle(pilot)
        row = quote_row(db_path, MISSED)
        assert row["speaker"] == "Lena Berg" and row["source"] == "human"


async def test_an_unknown_speaker_opens_the_picker(db_path):
    from tui.widgets.speaker_picker import SpeakerPicker

    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_berg_article(app, pilot, db_path)
        text = screen.article["text"]
        screen._start_cursor().place(text.index("Economists"))
        await pilot.press("v", "w", "w", "plus")  # "Economists have long": nobody speaks
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, SpeakerPicker):
                break
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HandQuoteDialog) and dialog.speaker is None
        await pilot.press("enter")
        await settle(pilot)
        row = quote_row(db_path, "Economists have long")
        assert row["speaker"] is None and row["source"] == "human"
