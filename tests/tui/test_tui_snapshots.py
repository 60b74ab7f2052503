"""What each screen looks like at 80x24 (nothing cut off) and 160x45.

Regenerate after an intended change with
`uv run pytest tests/tui/test_tui_snapshots.py --snapshot-update` and look at
the report before committing the new baselines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import settle

from tui.app import QuoteDeskApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]

SCREENS = {
    "quotes": [],
    "quotes-reviewed": ["a", "2", "x"],
    "article": ["down", "r", "n"],
    "speakers": ["f3"],
    "overview": ["f4"],
    "help": ["question_mark"],
    "speaker-picker": ["s", *"park"],
    "filter": ["f"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, db_path, size, screen):
    app = QuoteDeskApp(db_path, "tester")
    assert snap_compare(app, terminal_size=size, run_before=pressing(SCREENS[screen]))


def pressing(keys: list[str]):
    """A run_before that presses the keys, letting the app settle after each."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_no_database(snap_compare, tmp_path, monkeypatch, size):
    monkeypatch.chdir(tmp_path)  # a relative path, so the message is the same every run
    app = QuoteDeskApp(Path("data.db"), "tester")
    assert snap_compare(app, terminal_size=size, run_before=settle)


STATEMENT_SCREENS = {
    "statements": ["f5"],
    # The KCNA statement in two translations, one word-level comparison.
    "statements-compare": ["f5", "down", "down", "down", "tab", "down"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(STATEMENT_SCREENS))
def test_statements_screen(snap_compare, sample_db_copy, size, screen):
    """On the real samples: grouping several outlets needs articles that overlap."""
    app = QuoteDeskApp(sample_db_copy, "tester")
    assert snap_compare(app, terminal_size=size, run_before=pressing(STATEMENT_SCREENS[screen]))


# Adding a quote by hand: the selected words, then the desk's proposal over them.
HAND_QUOTE = {
    "article-selecting": ["left_curly_bracket", "w", "w", "w", "w", "v", "right_parenthesis"],
    "hand-quote": ["left_curly_bracket", "w", "w", "w", "w", "v", "right_parenthesis", "plus"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("stage", list(HAND_QUOTE))
def test_hand_quote(snap_compare, db_path, size, stage):
    from store.db import open_db
    from tui.screens.article import ArticleScreen

    db = open_db(db_path, create=False)
    article_id, quote_id = db.execute(
        "select article_id, id from quote_view where quote like 'The savings%'"
    ).fetchone()
    db.conn.close()

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ArticleScreen(article_id, quote_id))
        await pressing(HAND_QUOTE[stage])(pilot)

    app = QuoteDeskApp(db_path, "tester")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_candidates_screen(snap_compare, db_path, size):
    """The queue, likeliest first, with the paragraph around the first candidate."""
    from candidate_helpers import add_candidates

    add_candidates(db_path)
    app = QuoteDeskApp(db_path, "tester")
    assert snap_compare(app, terminal_size=size, run_before=pressing(["f6"]))
