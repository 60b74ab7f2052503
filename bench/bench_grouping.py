"""Statement grouping: quality on the hand-labelled samples, speed at scale.

    uv run python bench/bench_grouping.py            # both
    uv run python bench/bench_grouping.py --quotes 200000
    # regroup every quote of a desk (bench_store.py's, built without grouping),
    # on a copy, alternating with another checkout of the desk (e.g. main):
    uv run python bench/bench_grouping.py --desk bench/out/desk-20000.db --against /tmp/main

Quality is pairwise precision / recall of "these two quotes report one
statement" against tests/statements/sample_statements.tsv, over the quotes the
NLP pass finds in samples/. Speed groups synthetic quotes spread over a year.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.grouping import QuoteItem, group_quotes  # noqa: E402

GOLD = ROOT / "tests" / "statements" / "sample_statements.tsv"
POLNEAR_GOLD = ROOT / "tests" / "statements" / "polnear_statements.tsv"
POLNEAR = ROOT.parent / "shared" / "polnear"


def read_tsv(path: Path) -> list[dict]:
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def read_gold(path: Path = GOLD) -> list[tuple[str, str, str]]:
    return [(r["statement"], r["doc"], r["phrase"]) for r in read_tsv(path)]


def extracted_items(articles) -> tuple[list[QuoteItem], list[tuple[str, object, list]]]:
    """QuoteItems for the quotes the NLP pass finds, and (key, article, spans) of each."""
    from nlp.extract import extract

    speaker_ids: dict[str, int] = {}
    items, where = [], []
    for record in extract(articles):
        text = record.article.text
        day = date.fromisoformat(record.article.published) if record.article.published else None
        for n, quote in enumerate(record.quotes):
            content = " ".join(text[s:e] for s, e in quote.content)
            key = f"{record.article.doc}:{n}"
            sid = speaker_ids.setdefault(quote.speaker, len(speaker_ids)) if quote.speaker else None
            items.append(
                QuoteItem(
                    key,
                    record.article.doc,
                    sid,
                    quote.speaker_type,
                    quote.speaker,
                    quote.role,
                    quote.kind,
                    content,
                    day,
                )
            )
            where.append((key, record.article, quote.content))
    return items, where


def sample_items() -> tuple[list[QuoteItem], dict[str, str]]:
    """Quotes the NLP pass finds in samples/, and the gold statement of each labelled one."""
    from intake.sources import read_inputs as read_articles

    gold = read_gold()
    articles = [a for a in read_articles([ROOT / "samples"]) if not isinstance(a, Exception)]
    items, where = extracted_items(articles)
    labels = {}
    for item, (key, article, _) in zip(items, where, strict=True):
        for statement, doc, phrase in gold:
            if doc == article.doc and phrase in item.text:
                labels.setdefault(key, statement)
    return items, labels


def polnear_items(corpus: Path = POLNEAR) -> tuple[list[QuoteItem], dict[str, str]]:
    """The labelled PolNeAR articles plus every article of the same days, as distractors."""
    from nlp.records import Article

    gold = read_tsv(POLNEAR_GOLD)
    days = {r["file"].split("_")[1] for r in gold}
    rows = [r for r in read_tsv(corpus / "metadata.tsv") if r["publication_date"] in days]
    # The days either side too: grouping must keep near-in-time stories apart.
    near = {(date.fromisoformat(d) + timedelta(k)).isoformat() for d in days for k in (-1, 1)}
    rows += [r for r in read_tsv(corpus / "metadata.tsv") if r["publication_date"] in near]
    rows = list({r["filename"]: r for r in rows}.values())
    articles = []
    for row in rows:
        path = corpus / "train" / "text" / f"{row['filename']}.txt"
        if path.exists():
            text = path.open(encoding="utf-8", newline="").read()
            articles.append(
                Article(
                    row["filename"],
                    text,
                    row["title"],
                    row["publisher"],
                    None,
                    row["publication_date"],
                    str(path),
                )
            )
    items, where = extracted_items(articles)
    spans = _gold_spans(corpus, gold)
    labels = {}
    for key, article, content in where:
        for statement, doc, gold_ranges in spans:
            if doc == article.doc and _overlap(content, gold_ranges) >= 0.5:
                labels.setdefault(key, statement)
    return items, labels


def _gold_spans(corpus: Path, gold: list[dict]) -> list[tuple[str, str, list]]:
    spans = []
    for row in gold:
        ann = sorted((corpus / "train" / "attributions").glob(f"{row['file']}_*.ann"))[0]
        for line in ann.read_text("utf-8").splitlines():
            fields = line.split("\t")
            if fields[0] == row["content"]:
                ranges = fields[1].split(" ", 1)[1]
                spans.append(
                    (
                        row["statement"],
                        row["file"],
                        [tuple(map(int, r.split())) for r in ranges.split(";")],
                    )
                )
    return spans


def _overlap(a: list, b: list) -> float:
    """Characters two range lists share, over the shorter one's length."""
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    shorter = min(sum(e - s for s, e in a), sum(e - s for s, e in b))
    return shared / shorter if shorter else 0.0


def pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}


def quality(items: list[QuoteItem], labels: dict[str, str]) -> dict[str, float]:
    predicted = pairs([{m.key for m in g.members} for g in group_quotes(items)])
    by_statement: dict[str, set[str]] = {}
    for key, statement in labels.items():
        by_statement.setdefault(statement, set()).add(key)
    gold = pairs(list(by_statement.values()))
    hit = len(predicted & gold)
    precision = hit / len(predicted) if predicted else 0.0
    recall = hit / len(gold) if gold else 0.0
    found = set(labels.values())
    return {
        "quotes": len(items),
        "labelled quotes found": len(labels),
        "labelled statements found": len(found),
        "predicted pairs": len(predicted),
        "gold pairs": len(gold),
        "pair precision": precision,
        "pair recall": recall,
    }


def synthetic_items(n: int, seed: int = 7) -> list[QuoteItem]:
    """n quotes by 2,000 speakers over a year; every statement reported by 1-5 outlets."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(20_000)]
    common = [f"c{i}" for i in range(200)]
    items: list[QuoteItem] = []
    start = date(2024, 1, 1)
    while len(items) < n:
        speaker = rng.randrange(2_000)
        day = start + timedelta(days=rng.randrange(365))
        words = rng.sample(vocabulary, 8) + rng.sample(common, 6)
        for copy in range(rng.randint(1, 5)):
            kept = rng.sample(words, 11)
            text = " ".join(kept)
            items.append(
                QuoteItem(
                    f"q{len(items)}",
                    f"a{len(items)}-{copy}",
                    speaker,
                    "person",
                    None,
                    None,
                    "indirect",
                    text,
                    day + timedelta(days=rng.randrange(3)),
                )
            )
    return items[:n]


def speed(n: int) -> dict[str, float]:
    items = synthetic_items(n)
    started = time.perf_counter()
    groups = group_quotes(items)
    seconds = time.perf_counter() - started
    return {"quotes": n, "groups": len(groups), "seconds": seconds, "quotes/s": n / seconds}


# Run in a child process with a checkout's root first on the path, so each
# checkout's own store regroups, and its peak memory is its own; the digest of
# every membership and statement row shows whether two checkouts agree.
REGROUP_CHILD = """
import hashlib, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from store.db import open_db
from store.statements import regroup
db = open_db(sys.argv[2])
started, cpu = time.perf_counter(), time.process_time()
result = regroup(db)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
digest = hashlib.md5()
for sql in ("select quote_id, statement_id from quote_statements order by quote_id",
            "select id, speaker_id, first_seen, first_outlet_id, versions, articles, outlets,"
            " round(score, 9) from statements order by id"):
    for row in db.execute(sql):
        digest.update(repr(row).encode())
print(json.dumps({"seconds": seconds, "cpu": cpu,
    "quotes": result.quotes, "statements": result.statements, "shared": result.shared,
    "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "digest": digest.hexdigest()[:12]}))
"""


def regroup_desk(desk: Path, checkouts: list[Path], rounds: int, in_place: bool) -> None:
    """Regroup all of a desk with each checkout in turn, on a fresh copy each time."""
    for round_ in range(rounds):
        for root in checkouts:
            target = desk
            if not in_place:
                target = desk.with_name(f"regroup-copy-{desk.name}")
                shutil.copyfile(desk, target)
            done = subprocess.run(
                [sys.executable, "-c", REGROUP_CHILD, str(root), str(target)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            rate = figures["quotes"] / figures["seconds"]
            print(
                f"round {round_ + 1}  {root}: {figures['quotes']:,} quotes,"
                f" {figures['statements']:,} statements in {figures['seconds']:.1f} s"
                f" (cpu {figures['cpu']:.1f} s), {rate:,.0f} quotes/s,"
                f" peak {figures['peak MB']:,.0f} MB, statements digest {figures['digest']}",
                flush=True,
            )
            if not in_place:
                target.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=200_000, help="synthetic quotes to group")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--desk", type=Path, help="regroup every quote of this database")
    parser.add_argument("--against", type=Path, action="append", default=[], help="checkout")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--in-place", action="store_true", help="no copy (a desk of millions)")
    args = parser.parse_args()
    if args.desk:
        regroup_desk(args.desk, [ROOT, *args.against], args.rounds, args.in_place)
        return
    if not args.skip_quality:
        sets = [("samples/", sample_items)]
        if (POLNEAR / "train").is_dir():
            sets.append(("PolNeAR train, 9-13 Aug 2016", polnear_items))
        for title, load in sets:
            print(f"quality on {title} (hand-labelled statements)")
            for name, value in quality(*load()).items():
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                print(f"  {name:28} {shown}")
    print(f"speed on {args.quotes:,} synthetic quotes")
    for name, value in speed(args.quotes).items():
        print(f"  {name:28} {value:,.2f}" if isinstance(value, float) else f"  {name:28} {value:,}")


if __name__ == "__main__":
    main()
