"""Learning curve of `quotedesk train --from-db`: does the desk's own work raise recall?

    uv run python bench/bench_learning.py [CORPUS] [--reviewed 25 50 100 200] [--test 100]
                                          [--epochs 6]

On the train side of a PolNeAR-layout corpus (default ../shared/polnear/train;
its dev and test splits are never read) a fixed set of --test articles is kept
apart. For each number N of reviewed articles, a simulated analyst works
through N other articles in a fresh database: accepts each machine quote that
matches a gold attribution (content token Jaccard >= 0.5), rejects the rest,
and adds each gold attribution the machine missed by hand. `train --from-db`'s
code then trains a tagger on those decisions alone, and the test articles are
scored: recall of the quotes alone, of quotes plus what the desk offers for
review (the candidates, the rules' own and the tagger's, and any other find
of the tagger), and how often an offer no quote overlaps is right. Prints one
row per N (N = 0: no tagger).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.desk_training import train_from_desk  # noqa: E402
from nlp.evaluate import (  # noqa: E402
    JACCARD,
    TOKEN_RE,
    Attribution,
    corpus_items,
    gold_kind,
    is_speech_cue,
    read_ann,
    tokens_in,
)
from nlp.pipeline import load_nlp  # noqa: E402
from nlp.tagger import tagged_attributions  # noqa: E402
from store import decisions, hand_quotes  # noqa: E402
from store.db import open_db  # noqa: E402
from store.desk_examples import desk_articles  # noqa: E402
from store.errors import StoreError  # noqa: E402

ANALYST = "simulated"


@dataclass
class Item:
    stem: str
    text: str
    gold: list[Attribution]


@dataclass
class Curve:
    reviewed: int
    decisions: str
    speech_rules: float
    speech_desk: float
    all_rules: float
    all_desk: float
    proposals_per_article: float
    proposals_right: float
    seconds: float


def load_items(corpus: Path) -> list[Item]:
    items = []
    for text_path, ann_path in corpus_items(corpus, split="train"):
        text = text_path.read_text(encoding="utf-8")
        items.append(Item(text_path.stem, text, read_ann(ann_path.read_text(encoding="utf-8"))))
    # A fixed shuffle: the corpus is sorted by outlet and date.
    return sorted(items, key=lambda i: zlib.crc32(i.stem.encode("utf-8")))


def word_tokens(text: str, ranges) -> set[int]:
    tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    return tokens_in(tokens, [tuple(r) for r in ranges])


def matches(text: str, a, b) -> bool:
    x, y = word_tokens(text, a), word_tokens(text, b)
    return bool(x | y) and len(x & y) / len(x | y) >= JACCARD


def review(db_path: Path, items: list[Item]) -> str:
    """Ingest the articles and decide on every quote as the gold says; a summary line."""
    from ingest.run import run_ingest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for item in items:
            (folder / f"{item.stem}.txt").write_text(item.text, encoding="utf-8")
        run_ingest([folder], db_path, None, 2)
    db = open_db(db_path, create=False)
    counts = {"accepted": 0, "rejected": 0, "hand-made": 0}
    by_doc = {i.stem: i for i in items}
    rows = db.execute(
        "select v.id, a.doc, q.content_spans from quote_view v"
        " join quotes q on q.id = v.id join articles a on a.id = v.article_id"
    ).fetchall()
    found: dict[str, list[list]] = {}
    for quote_id, doc, spans in rows:
        item = by_doc[doc]
        content = json.loads(spans)
        found.setdefault(doc, []).append(content)
        if any(matches(item.text, content, g.content) for g in item.gold):
            decisions.accept(db, quote_id, analyst=ANALYST)
            counts["accepted"] += 1
        else:
            decisions.reject(db, quote_id, analyst=ANALYST)
            counts["rejected"] += 1
    ids = dict(db.execute("select doc, id from articles").fetchall())
    for item in items:
        for gold in item.gold:
            if any(matches(item.text, c, gold.content) for c in found.get(item.stem, [])):
                continue
            kind = {"direct": "direct", "mixed": "mixed"}.get(
                gold_kind(item.text, gold.content), "indirect"
            )
            hand = hand_quotes.HandQuote(ids[item.stem], gold.content, gold.cue, gold.source, kind)
            try:
                decisions.add_quote(db, hand, analyst=ANALYST)
                counts["hand-made"] += 1
            except StoreError:
                pass  # overlaps a quote already there: the analyst would fix that one instead
    db.conn.close()
    return ", ".join(f"{n} {k}" for k, n in counts.items())


def score(nlp, items: list[Item]) -> dict[str, float]:
    speech = [0, 0, 0]  # gold, by rules, by rules + tagger
    every = [0, 0, 0]
    proposals = right = 0
    for doc, item in zip(nlp.pipe(i.text for i in items), items, strict=True):
        found = doc._.quotes or []
        rules = [q["content"] for q in found if not q.get("candidate")]
        # What the desk offers besides its quotes: the candidates (the rules' own
        # and the tagger's finds the rules did not take), and any tagger find.
        tagged = [q["content"] for q in found if q.get("candidate")] + [
            [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in t.content]
            for t in tagged_attributions(doc)
        ]
        extra = [t for t in tagged if not any(_overlap(t, r) for r in rules)]
        proposals += len(extra)
        right += sum(any(matches(item.text, t, g.content) for g in item.gold) for t in extra)
        for gold in item.gold:
            by_rules = any(matches(item.text, r, gold.content) for r in rules)
            by_desk = by_rules or any(matches(item.text, t, gold.content) for t in tagged)
            cue = " ".join(item.text[s:e] for s, e in gold.cue)
            for tally in [every] + ([speech] if is_speech_cue(cue) else []):
                tally[0] += 1
                tally[1] += by_rules
                tally[2] += by_desk
    return {
        "speech_rules": speech[1] / speech[0],
        "speech_desk": speech[2] / speech[0],
        "all_rules": every[1] / every[0],
        "all_desk": every[2] / every[0],
        "per_article": proposals / len(items),
        "right": right / proposals if proposals else 0.0,
    }


def _overlap(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def point(reviewed: list[Item], test: list[Item], epochs: int, work: Path) -> Curve:
    start = time.perf_counter()
    if not reviewed:
        figures = score(load_nlp(), test)
        return Curve(0, "-", **_named(figures), seconds=time.perf_counter() - start)
    db_path = work / f"desk-{len(reviewed)}.db"
    summary = review(db_path, reviewed)
    db = open_db(db_path, create=False)
    articles = desk_articles(db)
    db.conn.close()
    tagger, _ = train_from_desk(
        articles, work / f"tagger-{len(reviewed)}", None, 0.0, {"training.max_epochs": epochs}
    )
    figures = score(load_nlp(str(tagger)), test)
    return Curve(len(reviewed), summary, **_named(figures), seconds=time.perf_counter() - start)


def _named(f: dict[str, float]) -> dict[str, float]:
    return {
        "speech_rules": f["speech_rules"],
        "speech_desk": f["speech_desk"],
        "all_rules": f["all_rules"],
        "all_desk": f["all_desk"],
        "proposals_per_article": f["per_article"],
        "proposals_right": f["right"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus = ROOT.parent / "shared/polnear/train"
    parser.add_argument("corpus", nargs="?", type=Path, default=corpus)
    parser.add_argument("--reviewed", type=int, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--test", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=6)
    args = parser.parse_args()
    items = load_items(args.corpus)
    test, pool = items[-args.test :], items[: -args.test]
    print(f"{len(test)} test articles; reviewed articles drawn from the other {len(pool)}")
    print(
        "reviewed  speech: rules  desk  | all: rules  desk  | proposals/article  right"
        "  | decisions  (s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for count in [0, *args.reviewed]:
            c = point(pool[:count], test, args.epochs, Path(tmp))
            print(
                f"{c.reviewed:8d}  {c.speech_rules:13.3f} {c.speech_desk:5.3f}"
                f"  | {c.all_rules:10.3f} {c.all_desk:5.3f}"
                f"  | {c.proposals_per_article:17.2f} {c.proposals_right:6.2f}"
                f"  | {c.decisions}  ({c.seconds:.0f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
