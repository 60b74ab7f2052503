"""How well intake/ gets the article out of a saved news page.

    uv run python bench/bench_intake.py [--no-nlp]

On the fixture pages in tests/intake/fixtures/pages (twelve invented stories
in six real-world layouts, each with its true text), it reports:
- body-text precision, recall and F1 per page, the way the article-extraction
  benchmarks score it: bags of word tokens, extracted against true;
- the same for trafilatura with its default settings, so that the desk's
  settings (favor_precision, no comments) are seen to lose nothing;
- the page metadata found (title, date, author, outlet, canonical URL);
- quotes in boilerplate (captions, related links, comments): how many reach
  the article text, and how many the NLP pass then stores as quotes (both
  must be 0).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.pages import page_article  # noqa: E402

PAGES = ROOT / "tests" / "intake" / "fixtures" / "pages"
QUOTED = re.compile(r"[“\"]([^”\"]{8,}?)[,.!?]?[”\"]")


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def body_scores(extracted: str, truth: str) -> tuple[float, float, float]:
    got, want = tokens(extracted), tokens(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def boilerplate_quotes(manifest_entry: dict) -> list[str]:
    """The words inside the quotation marks of each boilerplate sentence."""
    found = []
    for sentence in manifest_entry["boilerplate_quotes"]:
        found += [m.group(1) for m in QUOTED.finditer(sentence)]
    return found


def without_title(text: str, title: str | None) -> str:
    return text[len(title) :] if title and text.startswith(title) else text


def main(run_nlp: bool = True) -> None:
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    rows, articles, leaks = [], [], 0
    meta_right = Counter()
    for name, expected in manifest.items():
        page = (PAGES / f"{name}.html").read_bytes()
        truth = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
        article = page_article(page, name)
        if not hasattr(article, "text"):
            print(f"{name}: {article}")
            continue
        articles.append((article, boilerplate_quotes(expected)))
        ours = body_scores(without_title(article.text, article.title), truth)
        default = trafilatura.extract(page) or ""
        theirs = body_scores(without_title(default, expected["title"]), truth)
        leaked = [q for q in boilerplate_quotes(expected) if q in article.text]
        leaks += len(leaked)
        for field in ("title", "author", "published", "outlet", "canonical_url"):
            value = getattr(article, field)
            meta_right[field] += value == expected[field] or (
                field == "canonical_url" and value and value.rstrip("/") == expected[field]
            )
        rows.append((name, expected["layout"], ours, theirs, leaked))

    print(f"{'page':18} {'layout':12} {'P':>6} {'R':>6} {'F1':>6}   {'default F1':>10}  leaked")
    for name, layout, ours, theirs, leaked in rows:
        p, r, f = ours
        print(
            f"{name:18} {layout:12} {p:6.3f} {r:6.3f} {f:6.3f}   {theirs[2]:10.3f}  {len(leaked)}"
        )
    n = len(rows)
    mean = [sum(row[2][i] for row in rows) / n for i in range(3)]
    mean_default = sum(row[3][2] for row in rows) / n
    print(
        f"{'mean':31} {mean[0]:6.3f} {mean[1]:6.3f} {mean[2]:6.3f}   {mean_default:10.3f}  {leaks}"
    )
    total_quotes = sum(len(q) for _, q in articles)
    print(f"boilerplate quotes in the article text: {leaks} of {total_quotes}")
    print("metadata right: " + ", ".join(f"{k} {v}/{n}" for k, v in meta_right.items()))
    if run_nlp:
        stored_from_boilerplate(articles)


def stored_from_boilerplate(articles: list) -> None:
    """Run the NLP pass on the extracted articles; no quote may come from boilerplate."""
    from nlp.extract import extract

    found = bad = 0
    for record, (article, quotes) in zip(extract([a for a, _ in articles]), articles, strict=True):
        for quote in record.quotes:
            found += 1
            text = " ".join(article.text[s:e] for s, e in quote.content)
            if any(q in text or text in q for q in quotes):
                bad += 1
                print(f"  from boilerplate: {article.doc}: {text!r}")
    print(f"NLP pass: {found} quotes found in the articles, {bad} from boilerplate")


if __name__ == "__main__":
    main(run_nlp="--no-nlp" not in sys.argv)
