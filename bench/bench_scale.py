"""The NLP pass in one process, with --jobs 2 and on a local Dask cluster; then the writer alone.

    uv run python bench/bench_scale.py [DIR] [--articles 420]

DIR is a folder of .txt articles or a PolNeAR-style corpus (DIR/text;
default ../shared/polnear/train). The first N articles are ingested through
the real command into a fresh database three times: in one process, with
--jobs 2 and with --cluster local:2. Times are wall clock of the whole
command (model loading and cluster start-up included). Then the same
articles go through `extract --out` once, and `ingest DIR/*.jsonl` stores
the finds records with no NLP pass: the writer alone (reading the records,
speaker merging, storing, statement grouping).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "polnear" / "train"
QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")


def corpus_copy(source: Path, count: int, into: Path) -> int:
    folder = source / "text" if (source / "text").is_dir() else source
    paths = sorted(folder.glob("*.txt"))[:count]
    into.mkdir()
    for path in paths:
        shutil.copy(path, into / path.name)
    return len(paths)


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([QUOTEDESK, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"quotedesk {' '.join(args)} failed:\n{done.stderr}")
    print(f"    {done.stderr.strip().splitlines()[-1]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=420)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        count = corpus_copy(args.corpus, args.articles, work / "articles")
        print(f"{count} articles from {args.corpus}")
        rates = {}
        for name, extra in [
            ("one process", []),
            ("--jobs 2", ["--jobs", "2"]),
            ("--cluster local:2", ["--cluster", "local:2"]),
        ]:
            db = work / f"{len(rates)}.db"
            print(f"  ingest, {name}")
            seconds = timed(["ingest", str(work / "articles"), "--db", str(db), *extra])
            rates[name] = count / seconds
            print(f"    {seconds:7.1f} s  {rates[name]:7.2f} articles/s")
        base = rates["one process"]
        for name, rate in rates.items():
            print(f"  {name:20} {rate:7.2f} articles/s  x{rate / base:.2f}")
        print("  extract --out, --cluster local:2")
        finds = work / "finds"
        seconds = timed(
            ["extract", str(work / "articles"), "--out", str(finds), "--cluster", "local:2"]
        )
        print(f"    {seconds:7.1f} s  {count / seconds:7.2f} articles/s")
        print("  the writer alone: ingest of the finds records, no NLP pass")
        shards = [str(p) for p in sorted(finds.glob("*.jsonl"))]
        seconds = timed(["ingest", *shards, "--db", str(work / "writer.db")])
        print(f"    {seconds:7.2f} s  {count / seconds:7.0f} articles/s (start-up included)")


if __name__ == "__main__":
    main()
