"""Seconds and peak memory of the NLP pass on one long article, by length.

    uv run python bench/bench_long.py [DIR] [--sizes 50000 200000 ...] [--block-chars N]

Each size runs in a fresh process: an article of that many characters, made
of the .txt articles in DIR (a folder, or a PolNeAR-style corpus: DIR/text;
default: the bundled samples) one after another, goes through extract().
Prints the seconds the pass took (model loading excluded; wall clock and
CPU, the steadier figure on a shared machine) and the process's peak
resident memory, with the memory after loading the model for scale.
--block-chars 100000000 reads every article whole, as before blocks existed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = [50_000, 200_000, 500_000, 1_000_000, 2_000_000]


def build_article(folder: Path | None, chars: int) -> str:
    if folder is None:
        folder = ROOT / "samples"
    folder = folder / "text" if (folder / "text").is_dir() else folder
    texts = [p.open(encoding="utf-8", newline="").read() for p in sorted(folder.glob("*.txt"))]
    parts, length, i = [], 0, 0
    while length < chars:
        parts.append(texts[i % len(texts)].strip() + "\n\n")
        length += len(parts[-1])
        i += 1
    return "".join(parts)[:chars]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run_one(folder: Path | None, chars: int, block_chars: int | None) -> dict:
    from nlp.extract import extract
    from nlp.pipeline import load_nlp
    from nlp.records import Article

    text = build_article(folder, chars)
    list(load_nlp().pipe(["Warm-up: the model is loaded before the clock starts."]))
    loaded = peak_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    found = next(extract([Article(doc="long", text=text)], block_chars=block_chars))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "chars": len(text),
        "seconds": round(seconds, 1),
        "cpu": round(cpu, 1),
        "peak_mb": round(peak_rss_mb()),
        "model_mb": round(loaded),
        "quotes": len(found.quotes),
        "error": found.error,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--sizes", type=int, nargs="*", default=SIZES)
    parser.add_argument("--block-chars", type=int)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the per-size child
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.folder, args.one, args.block_chars)))
        return
    header = ("characters", "seconds", "CPU s", "CPU µs/char", "peak MB", "model MB")
    print(" ".join(f"{h:>11}" for h in header), "quotes")
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size)]
        command += [str(args.folder)] if args.folder else []
        command += ["--block-chars", str(args.block_chars)] if args.block_chars else []
        child = subprocess.run(command, capture_output=True, text=True)
        if child.returncode != 0:
            print(f"{size:>12,} failed: {child.stderr.strip().splitlines()[-1]}")
            continue
        row = json.loads(child.stdout)
        per_char = row["cpu"] / row["chars"] * 1e6
        cells = (row["chars"], row["seconds"], row["cpu"], per_char)
        cells += (row["peak_mb"], row["model_mb"])
        line = " ".join(f"{c:>11,.1f}" if isinstance(c, float) else f"{c:>11,}" for c in cells)
        print(line, row["quotes"], row["error"] or "", flush=True)


if __name__ == "__main__":
    main()
