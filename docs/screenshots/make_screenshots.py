"""Regenerate the app screenshots in this folder (SVG, as Textual saves them).

    uv run python docs/screenshots/make_screenshots.py

Uses the hand-written test corpus (tests/tui/conftest.py) in a temporary
database, with a few decisions made first so the charts have something to show;
the demo and Statements shots use the bundled samples, ingested for real, since
comparing outlets needs articles that report the same statements.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "tui")]

SHOTS = {
    "quotes": [],
    "speakers": ["f3", "slash", *"park ji-won", "enter", "escape"],
    "article": ["down", "down", "r"],
    "overview": ["f4"],
    "help": ["question_mark"],
}

SAMPLE_SHOTS = {
    "demo": [],
    # The KCNA statement in two translations, compared word by word.
    "statements": ["f5", "down", "down", "down", "tab", "down"],
    # What the pass was unsure of in the samples, likeliest first.
    "candidates": ["f6"],
}


async def shoot(db: Path, name: str, keys: list[str], size: tuple[int, int]) -> None:
    from tui.app import QuoteDeskApp

    app = QuoteDeskApp(db, "analyst")
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await pilot.pause(0.5)
        app.save_screenshot(f"{name}-{size[0]}x{size[1]}.svg", path=str(HERE))


async def review(db: Path) -> None:
    """Some decisions, so stance colours and review progress appear."""
    from tui.app import QuoteDeskApp

    app = QuoteDeskApp(db, "analyst")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        for keys in (["1", "a"], ["2", "a"], ["x"], ["3", "a"], ["1"], ["down", "4", "a"]):
            await pilot.press(*keys)
            await pilot.pause(0.3)
        await pilot.press("home")
        await pilot.pause(0.3)


def ingest_samples() -> Path:
    from typer.testing import CliRunner

    from tui.cli import app, samples_dir

    db = Path(tempfile.mkdtemp()) / "samples.db"
    result = CliRunner().invoke(app, ["ingest", str(samples_dir()), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def main() -> None:
    from conftest import build_db

    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()  # the defaults, not your config
    db = build_db(Path(tempfile.mkdtemp()) / "screenshots.db")
    asyncio.run(review(db))
    for name, keys in SHOTS.items():
        for size in ((160, 45), (80, 24)):
            asyncio.run(shoot(db, name, keys, size))
    samples = ingest_samples()
    for name, keys in SAMPLE_SHOTS.items():
        for size in ((160, 45), (80, 24)):
            asyncio.run(shoot(samples, name, keys, size))
    # A relative name reads well in the message; an empty folder makes sure it is missing
    # (run from a worktree after `quotedesk demo`, ./data.db would be shot instead).
    os.chdir(tempfile.mkdtemp())
    asyncio.run(shoot(Path("data.db"), "no-database", [], (80, 24)))


if __name__ == "__main__":
    main()
