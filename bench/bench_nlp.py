"""Throughput of the NLP pass: bare spaCy pipeline vs quotedesk, and --jobs scaling.

    uv run python bench/bench_nlp.py [DIR] [--limit N] [--jobs 1 2] [--tagger PATH] [--repeat 3]

DIR is a folder of .txt articles or a PolNeAR-style corpus (uses DIR/text);
default: the bundled samples repeated to 100 articles. Prints articles/s for
the bare model and with quotedesk's components (single process), their ratio,
and quotedesk's articles/s for each --jobs value. With --tagger (a trained
attribution tagger, quotedesk train) the quotedesk figures include it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.extract import extract  # noqa: E402
from nlp.pipeline import load_bare, load_nlp  # noqa: E402
from nlp.records import Article  # noqa: E402


def load_texts(folder: Path | None, limit: int) -> list[str]:
    if folder is None:
        paths = sorted((ROOT / "samples").glob("*.txt"))
    else:
        folder = folder / "text" if (folder / "text").is_dir() else folder
        paths = sorted(folder.glob("*.txt"))
    texts = [p.open(encoding="utf-8", newline="").read() for p in paths]
    while len(texts) < limit:
        texts += texts
    return texts[:limit]


def rate(run, texts: list[str]) -> float:
    start = time.perf_counter()
    run(texts)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--tagger", help="a trained attribution tagger's folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best kept")
    args = parser.parse_args()
    texts = load_texts(args.folder, args.limit)
    bare, full = load_bare(), load_nlp(args.tagger)
    # Warm both up so model loading and first-call costs are not timed.
    list(bare.pipe(texts[:5]))
    list(full.pipe(texts[:5]))
    # Alternate the two and keep each one's best run: on a shared machine a
    # neighbour's burst would otherwise land on one side of the ratio only.
    bare_rates, full_rates = [], []
    for _ in range(args.repeat):
        bare_rates.append(rate(lambda ts: list(bare.pipe(ts, batch_size=32)), texts))
        full_rates.append(rate(lambda ts: list(full.pipe(ts, batch_size=32)), texts))
    bare_rate, full_rate = max(bare_rates), max(full_rates)
    print(f"articles: {len(texts)}")
    print(f"bare spaCy ({', '.join(bare.pipe_names)}): {bare_rate:.1f} articles/s")
    print(f"with quotedesk components ({', '.join(full.pipe_names)}): {full_rate:.1f} articles/s")
    print(f"ratio: {full_rate / bare_rate:.2f}")
    articles = [Article(doc=str(i), text=t) for i, t in enumerate(texts)]
    for jobs in args.jobs:
        run = lambda _, n=jobs: list(extract(articles, jobs=n, tagger=args.tagger))  # noqa: E731
        jobs_rate = rate(run, texts)
        print(f"extract(jobs={jobs}): {jobs_rate:.1f} articles/s")


if __name__ == "__main__":
    main()
