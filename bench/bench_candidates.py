"""How much the candidates add to the quotes, and how often they are right.

PolNeAR's train folder only (../shared/polnear/train): dev and test are never
read. Its articles are split as everywhere in quotedesk (nlp.evaluate.held_out):
nine in ten train the tagger and calibrate the candidate scores, one in ten is
held out and measured.

    uv run python bench/bench_candidates.py --calibrate   # writes nlp/data/candidate_scores.tsv
    uv run python bench/bench_candidates.py               # measures on the held-out articles
    uv run python bench/bench_candidates.py --tagger /tmp/tagger/model-last
    uv run python bench/bench_candidates.py --tagger T --calibrate --split held-out --half first
    uv run python bench/bench_candidates.py --tagger T --half second

Coverage is recall of gold attributions (content word Jaccard >= 0.5, the
matching of nlp/evaluate.py), by quotes alone and by quotes plus candidates;
a candidate is right when it is matched to a gold attribution in the latter.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp import candidates  # noqa: E402
from nlp.evaluate import (  # noqa: E402
    TOKEN_RE,
    _articles,
    corpus_items,
    gold_kind,
    is_speech_cue,
    match_quotes,
    read_ann,
)
from nlp.extract import extract  # noqa: E402
from nlp.lexicon import DATA_DIR  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "polnear" / "train"
ORIGINS = ("unattributed", "frame", "tagger", "clause-that", "clause-object", "quoted")
# Queue cut-offs reported: candidates scored below one are left out of that row.
CUTS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
MIN = candidates.MIN_SCORE  # read before main() sets it to 0


@dataclass
class Tally:
    articles: int = 0
    gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_quotes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_both: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    quotes: int = 0
    quotes_right: int = 0
    quotes_attributed: int = 0
    # The quote layer as it was before candidates: unattributed quotations in it.
    before: int = 0
    before_right: int = 0
    before_attributed: int = 0
    candidates: int = 0
    candidates_right: int = 0
    candidates_attributed: int = 0
    # (origin, kind, named) -> [right, total]
    buckets: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    # (score, right) per candidate, for the ranking
    ranked: list[tuple[float, bool]] = field(default_factory=list)
    # cut -> group -> gold covered by quotes and the candidates scored at least `cut`
    by_cut: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    kept: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # cut -> [right, n]


def origin(evidence: str) -> str:
    """The origin named in a candidate's evidence: "candidate (clause-that-speech): …"."""
    if "candidate (" not in evidence:
        return "other"
    return evidence.split("candidate (", 1)[1].split(")", 1)[0]


def kept(candidate, cut: float) -> bool:
    return candidate.confidence >= cut or origin(candidate.evidence) == "unattributed"


def measure(items, tagger: str | None, jobs: int) -> Tally:
    gold_by_doc = {t.stem: read_ann(a.read_text(encoding="utf-8")) for t, a in items}
    tally = Tally()
    for extraction in extract(_articles(items), jobs=jobs, tagger=tagger):
        text = extraction.article.text
        gold = gold_by_doc[extraction.article.doc]
        tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        quotes, candidates = extraction.quotes, extraction.candidates
        matched, attributed = match_quotes(tokens, gold, quotes)
        both, both_attributed = match_quotes(tokens, gold, quotes + candidates)
        tally.articles += 1
        groups = [_groups(text, g) for g in gold]
        for cut in CUTS:
            # As the pass keeps them: the cut is for new proposals; a quotation
            # the rules kept with nobody named stays a candidate whatever its score.
            chosen = [c for c in candidates if kept(c, cut)]
            covered, _ = match_quotes(tokens, gold, quotes + chosen)
            for i in covered:
                for group in groups[i]:
                    tally.by_cut[cut][group] += 1
            tally.kept[cut][0] += sum(1 for j in covered.values() if j >= len(quotes))
            tally.kept[cut][1] += len(chosen)
        for i, g in enumerate(gold):
            speech = is_speech_cue(" ".join(text[s:e] for s, e in g.cue))
            for group in ("all", "speech" if speech else "belief", gold_kind(text, g.content)):
                tally.gold[group] += 1
                tally.by_quotes[group] += i in matched
                tally.by_both[group] += i in both
        tally.quotes += len(quotes)
        tally.quotes_right += len(matched)
        tally.quotes_attributed += len(attributed)
        was = quotes + [c for c in candidates if origin(c.evidence) == "unattributed"]
        was_matched, was_attributed = match_quotes(tokens, gold, was)
        tally.before += len(was)
        tally.before_right += len(was_matched)
        tally.before_attributed += len(was_attributed)
        right = {j - len(quotes) for j in both.values() if j >= len(quotes)}
        right_attributed = {j - len(quotes) for j in both_attributed.values() if j >= len(quotes)}
        tally.candidates += len(candidates)
        tally.candidates_right += len(right)
        tally.candidates_attributed += len(right_attributed)
        for n, candidate in enumerate(candidates):
            key = (origin(candidate.evidence), candidate.kind, candidate.speaker is not None)
            tally.buckets[key][0] += n in right
            tally.buckets[key][1] += 1
            tally.ranked.append((candidate.confidence, n in right))
    return tally


HEADER = "# origin\tkind\tnamed|nobody\tshare right\tn  (bench/bench_candidates.py --calibrate)"


def _groups(text: str, g) -> tuple[str, str, str]:
    speech = is_speech_cue(" ".join(text[s:e] for s, e in g.cue))
    return "all", "speech" if speech else "belief", gold_kind(text, g.content)


def write_scores(tally: Tally, path: Path, keep: dict[tuple, str]) -> None:
    """The share right per kind of candidate; rows of other origins are kept from `keep`."""
    rows = dict(keep)
    for (origin_, kind, named), (right, total) in sorted(tally.buckets.items()):
        # A handful says little: shrink small buckets towards the default score.
        share = (right + 0.3 * 5) / (total + 5)
        label = f"{origin_}\t{kind}\t{'named' if named else 'nobody'}"
        rows[(origin_, kind, named)] = f"{label}\t{share:.3f}\t{total}"
    lines = [HEADER]
    lines += [rows[k] for k in sorted(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def existing_rows(path: Path, origins: set[str]) -> dict[tuple, str]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        origin_, kind, named, *_ = line.split("\t")
        if origin_ not in origins:
            rows[(origin_, kind, named == "named")] = line
    return rows


def report(tally: Tally) -> str:
    def share(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "-"

    lines = [f"articles: {tally.articles}", "", "coverage (gold recall)   quotes  +candidates   n"]
    for group in ("speech", "belief", "all", "direct", "mixed", "indirect"):
        g = tally.gold[group]
        alone, both = share(tally.by_quotes[group], g), share(tally.by_both[group], g)
        lines.append(f"  {group:<22}{alone:>8}{both:>13}{g:>6}")
    lines += [
        "",
        f"quote layer: {tally.quotes} quotes, precision {share(tally.quotes_right, tally.quotes)},"
        f" attributed {share(tally.quotes_attributed, tally.quotes)}",
        f"  (before candidates, with the unattributed: {tally.before} quotes, precision"
        f" {share(tally.before_right, tally.before)},"
        f" attributed {share(tally.before_attributed, tally.before)})",
        f"candidates: {tally.candidates}, {tally.candidates / max(tally.articles, 1):.1f} per"
        f" article, right {share(tally.candidates_right, tally.candidates)},"
        f" right with the source {share(tally.candidates_attributed, tally.candidates)}",
    ]
    ranked = sorted(tally.ranked, key=lambda pair: -pair[0])
    for top in (0.25, 0.5):
        head = ranked[: max(1, int(len(ranked) * top))]
        right = share(sum(r for _, r in head), len(head))
        lines.append(f"  right among the first {top:.0%} of the queue: {right}")
    lines += ["", f"queue cut   speech     all  per article  right   (the pass keeps >= {MIN})"]
    for cut in CUTS:
        right, n = tally.kept[cut]
        lines.append(
            f"  >= {cut:.1f}{share(tally.by_cut[cut]['speech'], tally.gold['speech']):>10}"
            f"{share(tally.by_cut[cut]['all'], tally.gold['all']):>8}"
            f"{n / max(tally.articles, 1):>13.1f}{share(right, n):>7}"
        )
    lines += ["", "by kind of candidate (right / n)"]
    for (origin_, kind, named), (right, total) in sorted(tally.buckets.items()):
        named_ = "named" if named else "nobody"
        lines.append(f"  {origin_:<22}{kind:<9}{named_:<8}{share(right, total):>7}{total:>6}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--tagger", default=None)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--split", choices=("train", "held-out"), default=None)
    parser.add_argument("--half", choices=("first", "second"), default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=1, help="1: the cut-off above holds")
    args = parser.parse_args()
    split = args.split or ("train" if args.calibrate else "held-out")
    items = corpus_items(args.corpus, split=split)
    if args.half:
        middle = len(items) // 2
        items = items[:middle] if args.half == "first" else items[middle:]
    items = items[: args.limit] if args.limit else items
    candidates.MIN_SCORE = 0.0  # every candidate, so the cut-offs can be compared
    tally = measure(items, args.tagger, args.jobs)
    print(
        f"split {split}{' (' + args.half + ' half)' if args.half else ''},"
        f" tagger {args.tagger or 'none'}"
    )
    print(report(tally))
    if args.calibrate:
        path = DATA_DIR / "candidate_scores.tsv"
        calibrated = {key[0] for key in tally.buckets}
        write_scores(tally, path, existing_rows(path, calibrated))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
