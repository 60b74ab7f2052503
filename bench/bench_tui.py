"""How fast the app feels on a big database: startup, filter change, paging.

    uv run python bench/bench_tui.py [--db bench/out/bench.db] [--quotes 200000]

Uses the store's benchmark database when it exists (bench/bench_store.py
builds it in bench/out/); otherwise builds a synthetic one of --quotes quotes
through store.ingest.save_extraction. Times are measured in a headless app,
from the key press (or app start) until the rows are on screen.
Targets: startup < 1 s, filter change < 100 ms, next page < 50 ms, the
Speakers and Statements screens < 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = ["Baltic Wire", "Northern Daily", "Coastal Gazette", "The Harbour Review", "Metro Post"]
SPEAKERS = [
    f"{first} {last}"
    for first in ("Anna", "Tomasz", "Lena", "Park", "Jan", "Maria", "Kim", "Olga", "Ivan", "Sara")
    for last in (
        "Nowak",
        "Berg",
        "Ji-won",
        "Kowalczyk",
        "Lindqvist",
        "Petrov",
        "Moreau",
        "Haddad",
        "Okafor",
        "Tanaka",
    )
]
WORDS = [
    "harbour",
    "strike",
    "automation",
    "union",
    "ministry",
    "contract",
    "terminal",
    "cranes",
    "cost",
    "study",
    "talks",
    "savings",
    "workers",
    "jobs",
    "plan",
    "port",
    "government",
    "election",
    "budget",
    "tariff",
]
KINDS = ["direct", "mixed", "indirect"]


def synthetic_records(quotes: int, per_article: int = 10):
    rng = random.Random(7)
    for n in range(quotes // per_article):
        parts, spans = [f"Synthetic article {n}\n\n"], []
        pos = len(parts[0])
        for _ in range(per_article):
            speaker = rng.choice(SPEAKERS)
            content = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
            sentence = f'"{content}," {speaker} said.\n\n'
            start = pos + 1
            spans.append((start, start + len(content), speaker))
            parts.append(sentence)
            pos += len(sentence)
        text = "".join(parts)
        quote_records = []
        for start, end, speaker in spans:
            cue = text.index(" said", end) + 1
            source = text.index(speaker, end)
            quote_records.append(
                {
                    "content": [[start, end]],
                    "cue": [[cue, cue + 4]],
                    "source": [[source, source + len(speaker)]],
                    "speaker": speaker,
                    "kind": rng.choice(KINDS),
                    "confidence": round(rng.random(), 2),
                    "speaker_type": "person",
                    "role": None,
                    "evidence": "synthetic",
                    "parent": None,
                }
            )
        outlet = rng.choice(OUTLETS)
        yield {
            "article": {
                "doc": f"synthetic-{n}",
                "text": text,
                "title": f"Synthetic article {n}",
                "outlet": outlet,
                "url": None,
                "published": f"2024-{1 + n % 12:02d}-01",
                "path": None,
            },
            "outlet": outlet,
            "outlet_evidence": "synthetic",
            "quotes": quote_records,
            "aliases": [],
        }


def build(path: Path, quotes: int) -> None:
    from store.db import open_db
    from store.ingest import save_extraction

    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(path)
    started = time.perf_counter()
    for record in synthetic_records(quotes):
        save_extraction(db, record, "bench-1")
    db.conn.close()
    print(f"built {path} with {quotes:,} quotes in {time.perf_counter() - started:.0f} s")


async def idle(app) -> None:
    """Wait for the app's workers; one replaced by a newer one (exclusive) is fine."""
    from textual.worker import WorkerCancelled

    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


class Frames:
    """When the app renders a frame (a headless app renders them too, unwritten),
    and what `probe` said at that moment: "rows on screen" means in a frame."""

    def __init__(self, app) -> None:
        self.probe = lambda: False
        self.seen: list[tuple[float, object, bool]] = []
        display = app._display

        def recorded(screen, renderable) -> None:
            if renderable is not None:
                self.seen.append((time.perf_counter(), screen, self.probe()))
            display(screen, renderable)

        app._display = recorded


SCREEN_TABLES = {"speakers": "#speaker-table", "statements": "#statement-table"}


async def open_screen(app, frames: Frames, mode: str) -> tuple[float, float]:
    """Switch to a mode: (seconds until its table holds rows, until a frame shows them)."""
    from textual.css.query import NoMatches

    def has_rows() -> bool:
        try:
            return app.screen.query_one(SCREEN_TABLES[mode]).row_count > 0
        except NoMatches:
            return False

    frames.probe = has_rows
    seen = len(frames.seen)
    t0 = time.perf_counter()
    await app.switch_mode(mode)
    while not has_rows():
        await asyncio.sleep(0.001)
    rows = time.perf_counter() - t0
    screen = app.screen
    while not any(s is screen and ok for _, s, ok in frames.seen[seen:]):
        await asyncio.sleep(0.001)
    drawn = next(t for t, s, ok in frames.seen[seen:] if s is screen and ok) - t0
    return rows, drawn


async def first_press(db_path: Path, mode: str) -> float:
    """Open a screen the moment the Quotes screen's first rows show (before the
    app has had time to build it ahead): until a frame shows its rows."""
    from tui.app import QuoteDeskApp
    from tui.widgets.quote_table import QuoteTable

    app = QuoteDeskApp(db_path, "bench")
    frames = Frames(app)
    async with app.run_test(size=(160, 45)):
        while not (app.screen.query(QuoteTable) and app.screen.query_one(QuoteTable).row_count):
            await asyncio.sleep(0.001)
        _, drawn = await open_screen(app, frames, mode)
        await idle(app)
    return drawn


async def measure(db_path: Path) -> dict[str, float]:
    from store.queries import QuoteFilter
    from tui.app import QuoteDeskApp
    from tui.screens.quotes import QuotesScreen
    from tui.widgets.quote_table import PREFETCH_MARGIN, QuoteTable

    results: dict[str, float] = {}
    started = time.perf_counter()
    app = QuoteDeskApp(db_path, "bench")
    frames = Frames(app)
    async with app.run_test(size=(160, 45)):

        async def until(condition, timeout: float = 30.0) -> float:
            t0 = time.perf_counter()
            while not condition():
                if time.perf_counter() - t0 > timeout:
                    raise TimeoutError("the app did not show the rows in time")
                await asyncio.sleep(0.001)
            return time.perf_counter()

        table = None

        def rows_shown() -> bool:
            nonlocal table
            if not isinstance(app.screen, QuotesScreen):
                return False
            table = app.screen.query_one(QuoteTable)
            return table.row_count > 0

        results["startup: first rows on screen"] = await until(rows_shown) - started
        await until(lambda: table.total is not None)
        results["startup: count shown"] = time.perf_counter() - started
        total = table.total
        screen = app.screen

        from store.queries import filter_values

        # Values that exist in this database, whichever script built it.
        values = await app.data.run(filter_values)
        word = next(w for w in (table.current_quote["quote"] or "").split() if len(w) > 4)
        filters = (
            ("outlet", QuoteFilter(outlet=values["outlets"][0])),
            ("kind + status", QuoteFilter(kind=values["kinds"][0], status="unreviewed")),
            ("speaker", QuoteFilter(speaker=values["speakers"][0])),
            (f"search {word!r}", QuoteFilter(search=word)),
            ("back to all", QuoteFilter()),
        )
        for name, wanted in filters:
            rows, counts = [], []
            for _ in range(5):  # the median of five: the machine is shared
                await idle(app)
                screen.show_filter(QuoteFilter(search="zzzz-nothing"))
                await idle(app)
                t0 = time.perf_counter()
                generation = table.generation + 1
                screen.show_filter(wanted)
                await until(
                    lambda g=generation: (
                        table.generation == g and (table.row_count > 0 or table.total == 0)
                    )
                )
                rows.append(time.perf_counter() - t0)
                await until(lambda: table.total is not None)
                counts.append(time.perf_counter() - t0)
            results[f"filter change: {name} (rows)"] = statistics.median(rows)
            results[f"filter change: {name} (count, {table.total:,})"] = statistics.median(counts)

        # Scrolling down: the cursor one row short of where the next page is fetched,
        # the screen drawn; then one row down, until that page's rows are in the table.
        pages = []
        for _ in range(10):
            await idle(app)
            loaded = table.row_count
            table.move_cursor(row=loaded - PREFETCH_MARGIN - 1)
            await idle(app)
            await asyncio.sleep(0.05)
            t0 = time.perf_counter()
            table.move_cursor(row=loaded - PREFETCH_MARGIN)
            await until(lambda n=loaded: table.row_count > n)
            pages.append(time.perf_counter() - t0)
        results["next page while scrolling (median of pages 2-11)"] = statistics.median(pages)
        results["… the 11th page"] = pages[-1]

        await accept_and_undo(app, screen, table, until, results, "accept (stored, row shows it)")
        # The analyst has been at work a while: the screens' first open.
        for mode in SCREEN_TABLES:
            rows, drawn = await open_screen(app, frames, mode)
            results[f"{mode} screen: rows in its table (first open)"] = rows
            results[f"{mode} screen: first rows drawn (first open)"] = drawn
            await idle(app)
            await app.switch_mode("quotes")
            await idle(app)
        # A decision once every screen is open: the hidden ones' lists share the
        # database thread with the analyst's next step.
        await accept_and_undo(
            app, screen, table, until, results, "accept, Speakers and Statements open"
        )
    results["quotes in database"] = total
    return results


async def accept_and_undo(app, screen, table, until, results, name: str) -> None:
    """Accept an unreviewed quote until its row shows it, change the filter right
    after, then undo (the copy stays as it was)."""
    from store.queries import QuoteFilter

    # The store's benchmark has decisions on top: take an unreviewed quote.
    row = next(
        i for i, q in enumerate(table.order) if table.rows_by_id[q]["status"] == "unreviewed"
    )
    table.move_cursor(row=row)
    await idle(app)
    first = table.current_quote["id"]
    t0 = time.perf_counter()
    screen.action_accept()  # what the "a" key runs, without the pilot's own pauses
    await until(lambda: table.rows_by_id[first].get("status") == "accepted")
    results[name] = time.perf_counter() - t0
    # The analyst's next step, which queues behind whatever the decision set off
    # on the database thread (every open screen re-reading its list, before).
    await asyncio.sleep(0.03)
    t0 = time.perf_counter()
    generation = table.generation + 1
    screen.show_filter(QuoteFilter(status="unreviewed"))
    await until(lambda: table.generation == generation and table.row_count > 0)
    results[f"{name}: then a filter change 30 ms after"] = time.perf_counter() - t0
    await idle(app)
    screen.show_filter(QuoteFilter())
    await idle(app)
    app.action_undo()  # the app undoes, on every screen
    await idle(app)


def process_startup(db: Path) -> float:
    """From launching python to the first rows on screen, in a fresh process."""
    script = (
        "import asyncio, sys, time\n"
        "from pathlib import Path\n"
        "from tui.app import QuoteDeskApp\n"
        "from tui.widgets.quote_table import QuoteTable\n"
        "async def main():\n"
        "    app = QuoteDeskApp(Path(sys.argv[1]), 'bench')\n"
        "    async with app.run_test(size=(160, 45)):\n"
        "        def shown():\n"
        "            tables = app.screen.query(QuoteTable)\n"
        "            return bool(tables) and tables.first().row_count > 0\n"
        "        while not shown():\n"
        "            await asyncio.sleep(0.001)\n"
        "        print(time.time())\n"
        "asyncio.run(main())\n"
    )
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, str(db)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout.split()[-1]) - started


def import_time() -> float:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter(); import tui.app; print(time.perf_counter()-t)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--quotes", type=int, default=200_000)
    args = parser.parse_args()
    db = args.db
    if db is None:
        candidates = sorted((ROOT / "bench" / "out").glob("*.db"))
        db = candidates[0] if candidates else ROOT / "bench" / "out" / "bench_tui.db"
    if not db.exists():
        build(db, args.quotes)
    print(f"database: {db}")
    # Work on a copy: the benchmark accepts (and undoes) a quote, and the
    # store's benchmark database should stay exactly as its script built it.
    scratch = Path(tempfile.mkdtemp(prefix="bench_tui-")) / db.name
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    target = sqlite3.connect(scratch)
    source.backup(target)
    source.close()
    target.close()
    db = scratch
    print(f"{'import tui.app':48s} {import_time() * 1000:8.0f} ms")
    launches = sorted(process_startup(db) for _ in range(3))
    print(f"{'startup: launch to first rows (median)':48s} {launches[1] * 1000:8.0f} ms")
    figures = asyncio.run(measure(db))
    for mode in SCREEN_TABLES:
        presses = sorted(asyncio.run(first_press(db, mode)) for _ in range(3))
        figures[f"{mode} screen: pressed as the first rows show (median)"] = presses[1]
    for name, value in figures.items():
        if name == "quotes in database":
            print(f"{name:60s} {value:8,}")
        else:
            print(f"{name:60s} {value * 1000:8.0f} ms")
    print(
        "targets: startup < 1000 ms, filter change < 100 ms, next page < 50 ms,"
        " Speakers and Statements < 200 ms"
    )
    shutil.rmtree(scratch.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
