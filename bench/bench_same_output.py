"""Does a change to nlp/ keep every extraction output? Before against after.

    uv run python bench/bench_same_output.py [--before REV] [--jobs 2] [--limit N]

Runs `quotedesk extract` on the PolNeAR train texts (../shared/polnear/train)
and the bundled samples twice: with the code of git revision REV (default
1dbce51, main before the nlp/ restructuring; its output is cached under
~/.cache/quotedesk/same_output) and with the working tree. Prints the number of
records that differ in anything but `evidence` (the rule trail, which may grow
richer), and the first differences. Exit status 1 when any record differs.

A record here is one quote (its spans, kind, speaker, type, role, confidence,
parent) or an article's own fields (outlet, people, errors).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "polnear" / "train" / "text"
SAMPLES = ROOT / "samples"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "quotedesk" / "same_output"
IGNORED = frozenset({"evidence"})


def inputs(limit: int | None) -> list[Path]:
    corpus = sorted(CORPUS.glob("*.txt"))[:limit] if limit else sorted(CORPUS.glob("*.txt"))
    return [*corpus, SAMPLES]


def extract_with(code: Path, paths: list[Path], jobs: int, out: Path) -> float:
    """Run the CLI of the checkout at `code` (its own packages first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", "from tui.cli import main; main()", "extract"]
    command += ["--jobs", str(jobs), *map(str, paths)]
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        subprocess.run(command, cwd=code, env=env, stdout=sink, check=True)
    return time.perf_counter() - start


def checkout(rev: str, into: Path) -> None:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev],
        check=True,
        capture_output=True,
    ).stdout
    into.mkdir(parents=True)
    with tempfile.TemporaryFile() as buffer:
        buffer.write(archive)
        buffer.seek(0)
        with tarfile.open(fileobj=buffer) as tar:
            tar.extractall(into, filter="data")


def _tagger_module(code: Path) -> None:
    """Older code has the tagger in nlp/attribution.py; this venv's spaCy entry
    point names nlp.tagger, so give the old code that name too."""
    old, new = code / "nlp" / "attribution.py", code / "nlp" / "tagger.py"
    if old.exists() and not new.exists():
        new.write_text("from nlp.attribution import *  # noqa: F403\n", encoding="utf-8")


def resolve(rev: str) -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True)
    if out.returncode:
        sys.exit(f"bench_same_output: error: unknown revision {rev!r}")
    return out.stdout.decode().strip()


def before_output(rev: str, paths: list[Path], jobs: int) -> Path:
    # Keyed by file names, not paths: every worktree shares one cached baseline.
    names = [p.name for p in paths]
    key = hashlib.sha1("\n".join([rev, *names]).encode()).hexdigest()[:16]
    cached = CACHE / f"{rev[:12]}-{key}.jsonl"
    if cached.exists():
        print(f"before: {rev[:12]} (cached {cached})")
        return cached
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "code"
        checkout(rev, code)
        _tagger_module(code)
        partial = cached.with_suffix(".part")
        seconds = extract_with(code, paths, jobs, partial)
        partial.rename(cached)
    print(f"before: {rev[:12]} extracted in {seconds:.0f} s")
    return cached


def records(path: Path) -> dict[str, dict]:
    """doc -> {'article': fields, 'quotes': [quote minus ignored fields]}."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        doc = raw.get("doc") or raw.get("path") or json.dumps(raw)[:80]
        quotes = [{k: v for k, v in q.items() if k not in IGNORED} for q in raw.get("quotes", [])]
        article = {k: v for k, v in raw.items() if k != "quotes" and k not in IGNORED}
        found[doc] = {"article": article, "quotes": quotes}
    return found


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    lines = []
    for doc in sorted(before.keys() | after.keys()):
        old, new = before.get(doc), after.get(doc)
        if old is None or new is None:
            lines.append(f"{doc}: only {'after' if old is None else 'before'}")
            continue
        if old["article"] != new["article"]:
            lines.append(f"{doc}: article fields {old['article']} -> {new['article']}")
        old_quotes = [json.dumps(q, sort_keys=True) for q in old["quotes"]]
        new_quotes = [json.dumps(q, sort_keys=True) for q in new["quotes"]]
        if old_quotes == new_quotes:
            continue
        for gone in [q for q in old_quotes if q not in new_quotes]:
            lines.append(f"{doc}: - {gone}")
        for came in [q for q in new_quotes if q not in old_quotes]:
            lines.append(f"{doc}: + {came}")
        if sorted(old_quotes) == sorted(new_quotes):
            lines.append(f"{doc}: same quotes in another order")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="1dbce51", help="git revision to compare against")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="first N corpus articles only")
    parser.add_argument("--show", type=int, default=20, help="differences to print")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench_same_output: error: no corpus at {CORPUS}")
    paths = inputs(args.limit)
    before_path = before_output(resolve(args.before), paths, args.jobs)
    with tempfile.TemporaryDirectory() as tmp:
        after_path = Path(tmp) / "after.jsonl"
        seconds = extract_with(ROOT, paths, args.jobs, after_path)
        print(f"after:  working tree extracted in {seconds:.0f} s")
        before, after = records(before_path), records(after_path)
    found = differences(before, after)
    quotes = sum(len(r["quotes"]) for r in after.values())
    print(f"articles {len(after)}, quotes {quotes}")
    for line in found[: args.show]:
        print("  " + line[:400])
    print(f"differing records: {len(found)}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
