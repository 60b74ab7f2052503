"""Score the NLP pass against a corpus in PolNeAR's layout (brat standoff).

corpus/text/<stem>.txt and corpus/attributions/<stem>_<annotator>.ann (or
<stem>.ann). A T line is `T3<TAB>Content 115 290;300 310<TAB>text`, an E line
`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`. Where an article has
several annotators, the alphabetically first file is used.

Measures, as BBC Citron reports them plus end-to-end ones:
- span token overlap P/R/F1 for content, source and cue (tokens = \\w+ runs; a
  predicted token counts when a gold span of that role covers it);
- span exact match P/R/F1 (ranges compared after stripping quotation marks,
  punctuation and spaces at their ends, so “A” and A are the same span);
- quotes: a prediction matches a gold attribution when their content token
  Jaccard is >= 0.5 (one-to-one, best first); attributed when, in addition, the
  predicted source overlaps the gold source;
- recall broken down by gold kind (direct / mixed / indirect, from the quotation
  marks in the gold content) and cue type (speech / belief), precision by
  predicted kind.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from nlp.extract import extract
from nlp.lexicon import Lexicon, load_lexicon
from nlp.records import Article, Quote, Range

TOKEN_RE = re.compile(r"\w+")
MARKS = ("“", "”", '"', "''", "``", "„")
EDGE = " \t\r\n\"'“”‘’`.,;:!?()[]—–-"
JACCARD = 0.5
ROLES = ("content", "source", "cue")


@dataclass
class Attribution:
    content: list[Range]
    source: list[Range]
    cue: list[Range]
    kind: str = "indirect"  # direct / mixed / indirect (gold: from quotation marks)
    speech: bool = True


@dataclass
class Score:
    """True positives and totals on both sides, for P/R/F1."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    articles: int = 0
    overlap: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ROLES})
    exact: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ROLES})
    quotes: Score = field(default_factory=Score)
    attributed: Score = field(default_factory=Score)
    # Breakdowns: group name -> Score (recall from gold groups, precision from predicted kinds)
    by_group: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    attributed_by_group: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    content_by_group: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))


# -- reading brat -----------------------------------------------------------------


def read_ann(text: str) -> list[Attribution]:
    """Attributions of one .ann file (those without content are skipped)."""
    spans: dict[str, list[Range]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if "\t" not in line:
            continue  # a few files carry stray or wrapped lines; they hold no span
        if line.startswith("T"):
            ident, info = line.split("\t")[:2]
            _, _, offsets = info.partition(" ")
            spans[ident] = [_range(part) for part in offsets.split(";")]
        elif line.startswith("E"):
            args = line.split("\t")[1].split()
            events.append(dict(arg.split(":", 1) for arg in args))
    found = []
    for event in events:
        if "Content" not in event:
            continue
        found.append(
            Attribution(
                content=spans.get(event["Content"], []),
                source=spans.get(event.get("Source", ""), []),
                cue=spans.get(event.get("Cue", ""), []),
            )
        )
    return found


def _range(part: str) -> Range:
    start, end = part.split()
    return int(start), int(end)


SPLITS = ("all", "train", "held-out")


def held_out(stem: str) -> bool:
    """One article in ten, chosen by a hash of its name: never used to train the tagger."""
    return zlib.crc32(stem.encode("utf-8")) % 10 == 0


def corpus_items(
    corpus_dir: Path, limit: int | None = None, split: str = "all"
) -> list[tuple[Path, Path]]:
    """(text file, annotation file) pairs in name order, on one side of the split."""
    annotations: dict[str, Path] = {}
    for ann in sorted((corpus_dir / "attributions").glob("*.ann")):
        stem = ann.stem
        for candidate in (stem, stem.rsplit("_", 1)[0]):
            if (corpus_dir / "text" / f"{candidate}.txt").exists():
                annotations.setdefault(candidate, ann)
                break
    items = [
        (corpus_dir / "text" / f"{stem}.txt", ann)
        for stem, ann in sorted(annotations.items())
        if split == "all" or held_out(stem) == (split == "held-out")
    ]
    return items[:limit] if limit is not None else items


def gold_kind(text: str, content: list[Range]) -> str:
    joined = " ".join(text[s:e] for s, e in content).strip()
    starts = joined.startswith(MARKS)
    ends = joined.rstrip(".,;:!? ").endswith(MARKS)
    if starts and ends:
        return "direct"
    return "mixed" if any(mark in joined for mark in MARKS) else "indirect"


def is_speech_cue(cue_text: str) -> bool:
    """Speech verb (any inflection), 'according to', a colon or 'in (a statement)'."""
    words = re.findall(r"[a-z]+", cue_text.lower())
    if not words or cue_text.strip() == ":" or "according" in words:
        return True
    lex = load_lexicon()
    forms = _speech_forms(lex)
    return any(w in forms for w in words if w not in lex.cue_filler_words)


def _speech_forms(lex: Lexicon) -> frozenset[str]:
    forms = set(lex.irregular_speech_forms)
    for lemma in lex.speech_verbs:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", lemma + "es", lemma + "ed", stem + "ed", stem + "ing"}
        forms |= {lemma + "d", lemma[:-1] + "ies" if lemma.endswith("y") else lemma}
        forms |= {lemma[:-1] + "ied" if lemma.endswith("y") else lemma}
    return frozenset(forms)


# -- scoring -------------------------------------------------------------------------


def tokens_in(text_tokens: list[Range], ranges: list[Range]) -> set[int]:
    """Start offsets of the word tokens that overlap the ranges."""
    found = set()
    for start, end in ranges:
        for t_start, t_end in text_tokens:
            if t_start >= end:
                break
            if t_end > start:
                found.add(t_start)
    return found


def normalise(text: str, ranges: list[Range]) -> tuple[Range, ...]:
    out = []
    for start, end in sorted(ranges):
        while start < end and text[start] in EDGE:
            start += 1
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def _overlap(a: list[Range], b: list[Range]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def score_document(text: str, gold: list[Attribution], pred: list[Quote], report: Report) -> None:
    tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    for attribution in gold:
        attribution.kind = gold_kind(text, attribution.content)
        attribution.speech = is_speech_cue(" ".join(text[s:e] for s, e in attribution.cue))
    _score_spans(text, tokens, gold, pred, report)
    _score_quotes(tokens, gold, pred, report)


def _score_spans(text, tokens, gold, pred, report: Report) -> None:
    for role in ROLES:
        gold_sets = [tokens_in(tokens, getattr(g, role)) for g in gold]
        pred_sets = [tokens_in(tokens, getattr(p, role)) for p in pred]
        gold_all = set().union(*gold_sets) if gold_sets else set()
        pred_all = set().union(*pred_sets) if pred_sets else set()
        report.overlap[role].add(
            Score(len(pred_all & gold_all), len(pred_all), len(gold_all & pred_all), len(gold_all))
        )
        gold_exact = Counter(normalise(text, getattr(g, role)) for g in gold)
        pred_exact = Counter(normalise(text, getattr(p, role)) for p in pred)
        gold_exact.pop((), None)
        pred_exact.pop((), None)
        hits = sum((gold_exact & pred_exact).values())
        report.exact[role].add(
            Score(hits, sum(pred_exact.values()), hits, sum(gold_exact.values()))
        )
    # Content token recall per gold group, precision per predicted kind.
    pred_content = set().union(*[tokens_in(tokens, p.content) for p in pred]) if pred else set()
    for g in gold:
        gold_tokens = tokens_in(tokens, g.content)
        for group in _groups(g):
            report.content_by_group[group].add(
                Score(0, 0, len(gold_tokens & pred_content), len(gold_tokens))
            )
    gold_content = set().union(*[tokens_in(tokens, g.content) for g in gold]) if gold else set()
    for p in pred:
        pred_tokens = tokens_in(tokens, p.content)
        report.content_by_group[f"pred:{p.kind}"].add(
            Score(len(pred_tokens & gold_content), len(pred_tokens), 0, 0)
        )


def _groups(attribution: Attribution) -> tuple[str, str]:
    return attribution.kind, "speech" if attribution.speech else "belief"


def match_quotes(
    tokens: list[Range], gold: list[Attribution], pred: list[Quote]
) -> tuple[dict[int, int], dict[int, int]]:
    """Gold index -> predicted index, one to one, best content Jaccard first
    (>= JACCARD); and the attributed part of it, where the sources overlap too."""
    gold_tokens = [tokens_in(tokens, g.content) for g in gold]
    pred_tokens = [tokens_in(tokens, p.content) for p in pred]
    pairs = []
    for i, g_set in enumerate(gold_tokens):
        for j, p_set in enumerate(pred_tokens):
            union = len(g_set | p_set)
            if union and (jac := len(g_set & p_set) / union) >= JACCARD:
                pairs.append((jac, i, j))
    matched: dict[int, int] = {}
    used_pred: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in matched and j not in used_pred:
            matched[i] = j
            used_pred.add(j)
    attributed = {i: j for i, j in matched.items() if _attributed(gold[i], pred[j])}
    return matched, attributed


def _score_quotes(tokens, gold: list[Attribution], pred: list[Quote], report: Report) -> None:
    matched, attributed = match_quotes(tokens, gold, pred)
    used_pred = set(matched.values())
    report.quotes.add(Score(len(used_pred), len(pred), len(matched), len(gold)))
    report.attributed.add(Score(len(attributed), len(pred), len(attributed), len(gold)))
    for i, g in enumerate(gold):
        for group in _groups(g):
            report.by_group[group].add(Score(0, 0, int(i in matched), 1))
            report.attributed_by_group[group].add(Score(0, 0, int(i in attributed), 1))
    attributed_pred = set(attributed.values())
    for j, p in enumerate(pred):
        group = f"pred:{p.kind}"
        report.by_group[group].add(Score(int(j in used_pred), 1, 0, 0))
        report.attributed_by_group[group].add(Score(int(j in attributed_pred), 1, 0, 0))


def _attributed(gold: Attribution, pred: Quote) -> bool:
    """The predicted source overlaps the gold one; for a quote with several
    sources, the gold source may be any one of them (or all, as joined)."""
    if not (gold.source or pred.source):
        return True
    members = [[tuple(r) for r in m["source"]] for m in pred.speakers or []]
    return any(_overlap(gold.source, source) for source in [pred.source, *members])


# -- entry points ------------------------------------------------------------------------


def evaluate(
    corpus_dir: Path,
    jobs: int = 1,
    limit: int | None = None,
    split: str = "all",
    tagger: str | None = None,
) -> Report:
    """Run extract() over the corpus texts and score against the brat annotations."""
    corpus_dir = Path(corpus_dir)
    items = corpus_items(corpus_dir, limit, split)
    gold_by_doc = {t.stem: read_ann(a.read_text(encoding="utf-8")) for t, a in items}
    report = Report()
    for extraction in extract(_articles(items), jobs=jobs, tagger=tagger):
        article = extraction.article
        score_document(article.text, gold_by_doc[article.doc], extraction.quotes, report)
        report.articles += 1
    return report


def _articles(items: list[tuple[Path, Path]]):
    for text_path, _ in items:
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        yield Article(doc=text_path.stem, text=text, title=text.split("\n", 1)[0])


def format_report(report: Report) -> str:
    lines = [f"articles: {report.articles}", ""]
    lines.append(f"{'span':<22}{'P':>7}{'R':>7}{'F1':>7}   (gold / predicted)")
    for label, table in (("token overlap", report.overlap), ("exact match", report.exact)):
        for role in ROLES:
            lines.append(_row(f"{role} {label}", table[role]))
    lines += ["", f"{'quotes (Jaccard>=0.5)':<22}{'P':>7}{'R':>7}{'F1':>7}"]
    lines.append(_row("quote", report.quotes))
    lines.append(_row("attributed quote", report.attributed))
    lines += ["", f"{'recall by gold group':<22}{'quote':>9}{'attrib':>9}{'tokens':>9}{'n':>7}"]
    for group in ("direct", "mixed", "indirect", "speech", "belief"):
        q, a = report.by_group[group], report.attributed_by_group[group]
        c = report.content_by_group[group]
        lines.append(f"{group:<22}{q.recall:>9.3f}{a.recall:>9.3f}{c.recall:>9.3f}{q.gold:>7}")
    lines += ["", f"{'precision by our kind':<22}{'quote':>9}{'attrib':>9}{'tokens':>9}{'n':>7}"]
    for kind in ("direct", "mixed", "indirect", "belief"):
        group = f"pred:{kind}"
        q, a = report.by_group[group], report.attributed_by_group[group]
        c = report.content_by_group[group]
        lines.append(
            f"{kind:<22}{q.precision:>9.3f}{a.precision:>9.3f}{c.precision:>9.3f}{q.pred:>7}"
        )
    return "\n".join(lines)


def _row(label: str, score: Score) -> str:
    return (
        f"{label:<22}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
        f"   ({score.gold} / {score.pred})"
    )
