"""The store at scale: ingest throughput, the app's query latencies, export speed.

    uv run python bench/bench_store.py                    # 10,000 articles / 200,000 quotes
    uv run python bench/bench_store.py --articles 1000    # quicker
    uv run python bench/bench_store.py --articles 100000  # 2,000,000 quotes: a busy year

Builds bench/out/store.db (reused when it already has the requested size)
from synthetic extraction records through the real writer (save_extractions,
64 articles a transaction, then statement grouping a month at a time), with some decisions on
top, then times every query the app runs and the README's quote_view
queries. Targets: each app query < 50 ms at 200,000 quotes; at 2,000,000
the Speakers and Statements screens < 200 ms, README queries < 1 s.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store import decisions  # noqa: E402
from store.db import open_db  # noqa: E402
from store.export import export_quotes  # noqa: E402
from store.ingest import save_extractions  # noqa: E402
from store.queries import (  # noqa: E402
    QuoteFilter,
    article_quotes,
    count_quotes,
    filter_values,
    get_quote,
    list_quotes,
    list_speakers,
    overview,
)
from store.statements import list_statements, regroup  # noqa: E402

OUT = ROOT / "bench" / "out"
WORDS = (
    "government minister talks sanctions border trade deal visit summit missile energy "
    "election vote budget court ruling protest police health vaccine climate emissions "
    "market inflation rates bank strike union port shipping grain wheat fuel pipeline"
).split()
VERBS = ["said", "told reporters", "added", "warned", "noted", "stressed"]


class People:
    """Speakers drawn as in real coverage: a few quoted everywhere, a long tail.

    Zipf weights (1/rank) over 5,000 names; the cost of the Speakers screen
    grows with the number of (speaker, outlet) pairs, which this shapes.
    """

    def __init__(self, rng: random.Random, count: int = 5_000) -> None:
        self.rng = rng
        self.names = [f"{rng.choice('ABCDEFGHKLMNPRST')}. Person{i}" for i in range(count)]
        total, self.cumulative = 0.0, []
        for rank in range(1, count + 1):
            total += 1 / rank
            self.cumulative.append(total)

    def pick(self) -> str:
        return self.rng.choices(self.names, cum_weights=self.cumulative)[0]


def synthetic_record(
    n: int, rng: random.Random, people: People, outlets: list[str], quotes_each: int = 20
) -> dict:
    """An article of `quotes_each` paragraphs, each with one quote."""
    paragraphs, quotes = [f"Headline number {n}"], []
    offset = len(paragraphs[0]) + 2
    for _ in range(quotes_each):
        speaker = people.pick()
        words = " ".join(
            rng.choice(WORDS) if rng.random() < 0.7 else f"term{rng.randrange(20_000)}"
            for _ in range(rng.randint(8, 25))
        )
        verb = rng.choice(VERBS)
        para = f"“{words.capitalize()},” {speaker} {verb}."
        start = offset + 1
        quotes.append(
            {
                "content": [[start, start + len(words) + 1]],
                "cue": [[offset + para.index(verb), offset + para.index(verb) + len(verb)]],
                "source": [
                    [offset + para.index(speaker), offset + para.index(speaker) + len(speaker)]
                ],
                "speaker": speaker,
                "kind": rng.choice(["direct", "direct", "mixed", "indirect"]),
                "confidence": 0.8,
                "speaker_type": "person",
                "role": None,
                "evidence": "subject of the cue",
                "parent": None,
            }
        )
        paragraphs.append(para)
        offset += len(para) + 2
    text = "\n\n".join(paragraphs)
    day = 1 + n % 28
    return {
        "article": {
            "doc": f"a{n}",
            "text": text,
            "title": paragraphs[0],
            "outlet": None,
            "url": None,
            "published": f"2024-{1 + n % 12:02d}-{day:02d}",
            "path": None,
        },
        "outlet": rng.choice(outlets),
        "outlet_evidence": "metadata",
        "quotes": quotes,
        "aliases": [],
    }


def build(path: Path, articles: int) -> dict[str, float]:
    rng = random.Random(42)
    people = People(rng)
    outlets = [f"Outlet {i}" for i in range(30)]
    db = open_db(path)
    db.execute("pragma synchronous = normal")  # as quotedesk ingest writes
    seconds = 0.0  # the store alone: making up the records is not counted
    for first in range(0, articles, 64):
        batch = [
            synthetic_record(n, rng, people, outlets)
            for n in range(first, min(first + 64, articles))
        ]
        started = time.perf_counter()
        save_extractions(db, batch, "bench-1")
        seconds += time.perf_counter() - started
    started = time.perf_counter()
    group_by_month(db)
    grouped = time.perf_counter() - started
    started, actions = time.perf_counter(), 0
    for qid in range(1, articles * 20, 97):  # some decisions, as after a few weeks of review
        decisions.accept(db, qid, analyst="bench")
        decisions.set_stance(db, qid, rng.choice(["support", "oppose", "neutral"]), analyst="bench")
        actions += 2
    decided = time.perf_counter() - started
    db.conn.close()
    return {
        "articles/s": articles / seconds,
        "quotes/s": articles * 20 / seconds,
        "grouping, articles/s": articles / grouped,
        "decisions/s": actions / decided,
    }


def group_by_month(db) -> None:
    """Statement grouping a month of days at a time, as an ingest of each month would.

    regroup() over all 2,000,000 quotes at once does not finish here; grouping
    only links quotes within WINDOW_DAYS, so month windows (each read with its
    margin) give nearly the same statements.
    """
    months = db.execute(
        "select distinct substr(published, 1, 7) from articles where published is not null"
        " order by 1"
    ).fetchall()
    for (month,) in months:
        first = date.fromisoformat(f"{month}-01")
        days = [
            (first + timedelta(days=n)).isoformat()
            for n in range(31)
            if (first + timedelta(days=n)).month == first.month
        ]
        started = time.perf_counter()
        result = regroup(db, days)
        seconds = time.perf_counter() - started
        print(f"  grouped {month}: {result.quotes:,} quotes in {seconds:.0f} s", flush=True)


def timed(fn, repeat: int = 5) -> float:
    """Median milliseconds of fn() over a few runs (the first warms the cache)."""
    fn()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def latencies(path: Path) -> dict[str, float]:
    db = open_db(path)
    speaker = db.execute("select name from speakers limit 1 offset 7").fetchone()[0]
    some = QuoteFilter(speaker=speaker)
    busiest = QuoteFilter(speaker=db.execute("select name from speakers limit 1").fetchone()[0])
    rare = QuoteFilter(
        speaker=db.execute("select name from speakers order by id desc limit 1").fetchone()[0]
    )
    middle = db.execute("select max(id) / 2 from quotes").fetchone()[0]
    deep = max(0, count_quotes(db, QuoteFilter()) // 2 // 100 * 100)  # a page halfway down
    deep_after = list_quotes(db, QuoteFilter(), deep - 1, 1)[0]["id"] if deep else None
    search_after = list_quotes(db, QuoteFilter(search="pipeline strike"), 1_899, 1)
    search_after = search_after[0]["id"] if search_after else None
    article = db.execute("select max(id) / 2 from articles").fetchone()[0]
    return {
        "first page, no filter": timed(lambda: list_quotes(db, QuoteFilter(), 0, 100)),
        "count, no filter": timed(lambda: count_quotes(db, QuoteFilter())),
        "page 500 (offset 50,000)": timed(lambda: list_quotes(db, QuoteFilter(), 50_000, 100)),
        f"page halfway, by offset {deep:,}": timed(lambda: list_quotes(db, QuoteFilter(), deep)),
        "page halfway, after the id before it": timed(
            lambda: list_quotes(db, QuoteFilter(), after=deep_after)
        ),
        "search page 20, by offset": timed(
            lambda: list_quotes(db, QuoteFilter(search="pipeline strike"), 1_900, 100)
        ),
        "search page 20, after an id": timed(
            lambda: list_quotes(db, QuoteFilter(search="pipeline strike"), after=search_after)
        ),
        "first page, speaker": timed(lambda: list_quotes(db, some, 0, 100)),
        "count, speaker": timed(lambda: count_quotes(db, some)),
        "first page, busiest speaker": timed(lambda: list_quotes(db, busiest, 0, 100)),
        "count, busiest speaker": timed(lambda: count_quotes(db, busiest)),
        "first page, rare speaker": timed(lambda: list_quotes(db, rare, 0, 100)),
        "first page, speaker + outlet": timed(
            lambda: list_quotes(db, QuoteFilter(speaker=speaker, outlet="Outlet 3"))
        ),
        "count, outlet + kind + status": timed(
            lambda: count_quotes(
                db, QuoteFilter(outlet="Outlet 3", kind="mixed", status="unreviewed")
            )
        ),
        "first page, outlet": timed(lambda: list_quotes(db, QuoteFilter(outlet="Outlet 3"))),
        "count, outlet": timed(lambda: count_quotes(db, QuoteFilter(outlet="Outlet 3"))),
        "first page, kind": timed(lambda: list_quotes(db, QuoteFilter(kind="mixed"))),
        "first page, stance": timed(lambda: list_quotes(db, QuoteFilter(stance="oppose"))),
        "count, status accepted": timed(lambda: count_quotes(db, QuoteFilter(status="accepted"))),
        "first page, unreviewed": timed(lambda: list_quotes(db, QuoteFilter(status="unreviewed"))),
        "search 'term1234'": timed(lambda: list_quotes(db, QuoteFilter(search="term1234"))),
        "count, search 'term1234'": timed(lambda: count_quotes(db, QuoteFilter(search="term1234"))),
        "search 'pipeline strike'": timed(
            lambda: list_quotes(db, QuoteFilter(search="pipeline strike"))
        ),
        "one quote in full": timed(lambda: get_quote(db, middle)),
        "one article with its quotes": timed(lambda: article_quotes(db, article)),
        "filter values": timed(lambda: filter_values(db)),
        "speakers list, all": timed(lambda: list_speakers(db), repeat=3),
        "speakers list, page of 200": timed(lambda: list_speakers(db, 0, 200)),
        "overview": timed(lambda: overview(db), repeat=3),
        "statements, first page": timed(lambda: list_statements(db, 0, 100)),
        "statements, page 50": timed(lambda: list_statements(db, 5_000, 100)),
    }


def readme_queries(path: Path) -> dict[str, float]:
    """The README's quote_view queries, as an analyst pastes them into sqlite3."""
    sys.path.insert(0, str(ROOT / "tests" / "cli"))
    from test_cli_readme_queries import readme_queries as queries

    db = open_db(path)
    times = {
        title: timed(lambda sql=sql: db.execute(sql).fetchall(), repeat=3)
        for title, sql in queries().items()
    }
    # What handing every quote's words to Python costs at all, view or not: the
    # floor under a query that returns (nearly) every row.
    floor = "select id, text from quotes"
    times["(floor) every quote's id and words, one table"] = timed(
        lambda: db.execute(floor).fetchall(), repeat=3
    )
    return times


def export_speed(path: Path) -> dict[str, float]:
    db = open_db(path)
    out = io.StringIO()
    started = time.perf_counter()
    rows = export_quotes(db, QuoteFilter(), "csv", out)
    seconds = time.perf_counter() - started
    return {"rows": rows, "rows/s": rows / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"store-{args.articles}.db"
    if args.rebuild or not path.exists():
        for stale in OUT.glob(f"store-{args.articles}.db*"):
            stale.unlink()
        print(f"building {args.articles:,} articles / {args.articles * 20:,} quotes → {path}")
        for name, value in build(path, args.articles).items():
            print(f"  ingest {name:22} {value:10,.0f}")
    print("query latency (median ms)")
    for name, ms in latencies(path).items():
        flag = "" if ms < 50 else "   ← over 50 ms"
        print(f"  {name:38} {ms:8.1f}{flag}")
    print("README quote_view queries (median ms)")
    for name, ms in readme_queries(path).items():
        flag = "" if ms < 1000 else "   ← over 1 s"
        print(f"  {name[:52]:52} {ms:8.1f}{flag}")
    print("export")
    for name, value in export_speed(path).items():
        print(f"  {name:30} {value:10,.0f}")


if __name__ == "__main__":
    main()
