"""Long lists on the Speakers and Statements screens: rows come a chunk at a
time as the cursor goes down, and every one of them can be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import settle

from store.db import open_db
from store.ingest import save_extractions
from store.statements import regroup
from tui.app import QuoteDeskApp
from tui.widgets.lazy_rows import CHUNK

PEOPLE = 250


def reported_twice(n: int, outlet: str) -> dict:
    """Person n's statement, as one outlet reported it."""
    speaker = f"Person {n:03d} Example"
    words = f"the harbour plan number {n} will cost {n} million"
    text = f"Story {n} in {outlet}\n\n{speaker} said {words}."
    start = text.index(words)
    said = text.index(" said") + 1
    return {
        "article": {
            "doc": f"{outlet}-{n}",
            "text": text,
            "title": f"Story {n}",
            "outlet": None,
            "url": None,
            "published": "2024-05-06",
            "path": None,
        },
        "outlet": outlet,
        "outlet_evidence": "metadata",
        "quotes": [
            {
                "content": [[start, start + len(words)]],
                "cue": [[said, said + 4]],
                "source": [[text.index(speaker), text.index(speaker) + len(speaker)]],
                "speaker": speaker,
                "kind": "indirect",
                "confidence": 0.9,
                "speaker_type": "person",
                "role": None,
                "evidence": "subject of the cue",
                "parent": None,
            }
        ],
        "aliases": [],
    }


@pytest.fixture(scope="module")
def long_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.db"
    db = open_db(path)
    records = [reported_twice(n, o) for n in range(PEOPLE) for o in ("Wire", "Post")]
    save_extractions(db, records, "test-1")
    regroup(db)
    db.conn.close()
    return path


async def scroll_to_the_end(pilot, table) -> None:
    for _ in range(PEOPLE // CHUNK + 2):
        await pilot.press("ctrl+end")  # to the last row held: the next chunk comes
        await settle(pilot)


async def test_speakers_show_a_chunk_then_the_rest_as_the_cursor_goes_down(long_db):
    app = QuoteDeskApp(long_db, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one("#speaker-table")
        assert len(app.screen.shown) == PEOPLE
        assert table.row_count == CHUNK
        await scroll_to_the_end(pilot, table)
        assert table.row_count == PEOPLE
        assert app.screen.current["name"] == "Person 249 Example"  # the same counts: by name
        await pilot.press("slash", *"person 2", "enter")
        await settle(pilot)
        assert [s["name"] for s in app.screen.shown][:1] == ["Person 200 Example"]
        assert table.row_count == len(app.screen.shown) == 50  # 200 to 249, all held


async def test_statements_show_a_chunk_then_the_rest_as_the_cursor_goes_down(long_db):
    app = QuoteDeskApp(long_db, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        table = app.screen.query_one("#statement-table")
        assert len(app.screen.rows) == PEOPLE  # every statement is carried by two outlets
        assert table.row_count == CHUNK
        await scroll_to_the_end(pilot, table)
        assert table.row_count == PEOPLE
        assert app.screen.current["statement_id"] == app.screen.rows[-1]["statement_id"]
