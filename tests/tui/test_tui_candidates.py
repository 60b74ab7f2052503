"""The Candidates queue: likeliest first, confirm, dismiss, speaker, undo (pilot, real SQLite)."""

from __future__ import annotations

from candidate_helpers import add_candidates
from tui_helpers import settle

from store.db import open_db
from store.queries import QuoteFilter, count_quotes, list_quotes
from tui.app import QuoteDeskApp
from tui.screens.candidates import CandidatesScreen

ANALYST = "tester"


def statuses(db_path) -> dict[str, str]:
    db = open_db(db_path, create=False)
    try:
        rows = list_quotes(db, QuoteFilter(include_candidates=True, include_rejected=True), 0, 500)
        return {r["quote"][:20]: r["status"] for r in rows if r["title"] == "Harbour fees rise"}
    finally:
        db.conn.close()


def count(db_path, **filters) -> int:
    db = open_db(db_path, create=False)
    try:
        return count_quotes(db, QuoteFilter(**filters))
    finally:
        db.conn.close()


async def open_queue(pilot) -> CandidatesScreen:
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CandidatesScreen)
    return screen


async def test_the_queue_shows_the_likeliest_first_with_its_paragraph(db_path):
    add_candidates(db_path)
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        assert [c["quote"][:12] for c in screen.queue] == ["We cannot pa", "the fees wil"]
        header = str(screen.query_one("#candidates-header").render())
        assert "2 waiting" in header
        context = str(screen.query_one("#candidate-context").render())
        assert "We cannot pay twice for the same berth." in context
        assert "Harbour fees rise" in context


async def test_confirm_makes_a_quote_and_undo_takes_it_back(db_path):
    add_candidates(db_path)
    before = count(db_path)
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("down", "a")  # the belief, with its proposed speaker
        await settle(pilot)
        assert statuses(db_path)["the fees will fund a"] == "accepted"
        assert count(db_path) == before + 1
        assert [c["quote"][:12] for c in screen.queue] == ["We cannot pa"]
        await pilot.press("u")
        await settle(pilot)
        assert statuses(db_path)["the fees will fund a"] == "candidate"
        assert len(screen.queue) == 2
    db = open_db(db_path, create=False)
    log = db.execute("select analyst, action from decisions order by id").fetchall()
    db.conn.close()
    assert log[0] == (ANALYST, "confirm") and log[-1][1] == "undo"


async def test_dismiss_leaves_every_count_alone(db_path):
    add_candidates(db_path)
    before = count(db_path)
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("x")
        await settle(pilot)
    assert statuses(db_path)["We cannot pay twice "] == "dismissed"
    assert count(db_path) == before
    assert count(db_path, status="candidate") == 1


async def test_the_speaker_picker_confirms_with_the_speaker_picked(db_path):
    add_candidates(db_path)
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("s", *"kowal")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    db = open_db(db_path, create=False)
    (row,) = list_quotes(db, QuoteFilter(status="accepted"))
    db.conn.close()
    assert (row["quote"], row["speaker"]) == (
        "We cannot pay twice for the same berth.",
        "Anna Kowalczyk",
    )


async def test_the_quotes_filter_shows_candidates_when_asked(db_path):
    add_candidates(db_path)
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.show_quotes(QuoteFilter(status="candidate"))
        await settle(pilot)
        table = pilot.app.screen.query_one("QuoteTable")
        assert table.total == 2


async def test_the_article_marks_candidates_faintly_and_steps_over_them(db_path):
    from tui.screens.article import CANDIDATE_MARK, ArticleScreen

    add_candidates(db_path)
    db = open_db(db_path, create=False)
    (article_id,) = db.execute("select id from articles where doc = 'harbour-fees'").fetchone()
    db.conn.close()
    app = QuoteDeskApp(db_path, ANALYST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.app.push_screen(ArticleScreen(article_id))
        await settle(pilot)
        screen = pilot.app.screen
        assert [q["quote"] for q in screen.quotes] == ["the council had approved the plan in May"]
        marked = []
        for start, end in paragraphs_of(screen):
            rendered = screen._render_paragraph(screen.article["text"][start:end], start, [])
            marked += [
                rendered.plain[s.start : s.end]
                for s in rendered.spans
                if str(s.style) == CANDIDATE_MARK
            ]
        assert marked == [
            "We cannot pay twice for the same berth.",
            "the fees will fund a new breakwater",
        ]


def paragraphs_of(screen):
    from tui.screens.article import paragraphs

    return paragraphs(screen.article["text"])
