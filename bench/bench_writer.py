"""The writer alone: extraction records in, a desk out (quotes, speakers, statements).

    uv run python bench/bench_writer.py [--articles 20000] [--quotes 20] [--batch 64]

Synthetic records (bench_store's generator: Zipf-distributed speakers, 30
outlets, a year of dates) go through store.ingest.save_extractions in
batches, as `quotedesk ingest` writes them (a bulk load when store.bulk_load
has one: its index builds at the end are counted), into a fresh database; then the
statements of every day touched are regrouped, as at the end of an ingest.
Making up the records is not counted. Prints articles/s for storing, for
grouping and for both.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_store import OUT, People, synthetic_record  # noqa: E402

from store.db import open_db  # noqa: E402
from store.statements import regroup  # noqa: E402


def save_batch(db, records: list[dict], version: str) -> None:
    try:
        from store.ingest import save_extractions
    except ImportError:  # an older checkout: one transaction per article
        from store.ingest import save_extraction

        for record in records:
            save_extraction(db, record, version)
        return
    save_extractions(db, records, version)


@contextmanager
def timed_bulk_load(db, articles: int, spent: list[float]) -> Iterator[None]:
    """store.bulk_load around the batches, as `quotedesk ingest` stores; its
    start and its index builds at the end are counted in `spent`."""
    try:
        from store.bulk_load import bulk_load
    except ImportError:  # an older checkout: no bulk load
        yield
        return
    started = time.perf_counter()
    with bulk_load(db, articles):
        spent.append(time.perf_counter() - started)
        yield
        started = time.perf_counter()
    spent.append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--quotes", type=int, default=14, help="quotes per article (PolNeAR: 14)")
    parser.add_argument("--batch", type=int, default=64, help="articles per transaction")
    args = parser.parse_args()
    rng = random.Random(42)
    people, outlets = People(rng), [f"Outlet {i}" for i in range(30)]
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "writer.db"
    for stale in OUT.glob("writer.db*"):
        stale.unlink()
    db = open_db(path)
    db.execute("pragma synchronous = normal")  # as quotedesk ingest writes
    saving, days, bulk = 0.0, set(), []
    with timed_bulk_load(db, args.articles, bulk):
        for start in range(0, args.articles, args.batch):
            size = min(args.batch, args.articles - start)
            batch = [
                synthetic_record(start + n, rng, people, outlets, args.quotes) for n in range(size)
            ]
            days.update(r["article"]["published"] for r in batch)
            started = time.perf_counter()
            save_batch(db, batch, "bench-1")
            saving += time.perf_counter() - started
    saving += sum(bulk)
    started = time.perf_counter()
    regroup(db, sorted(days))
    grouping = time.perf_counter() - started
    n = args.articles
    print(f"{n:,} articles, {n * args.quotes:,} quotes, {args.batch} articles a transaction")
    print(f"  store     {saving:7.2f} s  {n / saving:8,.0f} articles/s")
    print(f"  group     {grouping:7.2f} s  {n / grouping:8,.0f} articles/s")
    total = saving + grouping
    print(f"  writer    {total:7.2f} s  {n / total:8,.0f} articles/s")


if __name__ == "__main__":
    main()
