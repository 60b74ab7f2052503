"""Train the attribution tagger on the desk's own decisions (quotedesk train --from-db).

The analysts' decisions (store/desk_examples.py) become partly annotated
articles: a kept quote's content, cue and source are tagged, a thrown-out
quote's words are marked as no attribution, and every other word is left
unknown ("missing" to spaCy), so the tagger is not taught that the text nobody
read holds no quotes. A corpus in PolNeAR's layout can be added for breadth.

A share of the decided articles is held out, chosen by a hash of their name
so it stays the same as the desk grows, and the report says how the new tagger
does on them: how many of the quotes analysts kept it finds (and how many of
those the rules alone find), and how many of the quotes they threw out it
proposes again.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from nlp.evaluate import JACCARD, TOKEN_RE, tokens_in
from nlp.tagger import tagged_attributions
from nlp.training import CONFIG, sentence_pieces, token_span, write_docbins
from store.desk_examples import DeskArticle, Example

LABELS = (("CONTENT", "content"), ("CUE", "cue"), ("SOURCE", "source"))


@dataclass
class DeskScore:
    """How a tagger does on the held-out decided articles."""

    articles: int = 0
    kept: int = 0
    kept_by_rules: int = 0
    kept_by_desk: int = 0  # rules' quotes or the tagger's proposals
    hand_made: int = 0
    hand_made_by_tagger: int = 0
    thrown_out: int = 0
    thrown_out_proposed: int = 0


def held_out_articles(articles: list[DeskArticle], share: float) -> set[str]:
    """The docs held out: the `share` with the lowest name hash (at least one of five)."""
    if share <= 0 or len(articles) < 5:
        return set()
    ranked = sorted(articles, key=lambda a: zlib.crc32(a.doc.encode("utf-8")))
    count = max(1, round(len(articles) * share))
    return {a.doc for a in ranked[:count]}


def desk_doc(doc: Doc, article: DeskArticle) -> Doc:
    """The parsed article with the decided spans set and every other token unknown."""
    taken = bytearray(len(doc))
    spans: list[Span] = []
    for example in sorted(article.positives, key=_length, reverse=True):
        for label, part in LABELS:
            for start, end in getattr(example, part):
                span = token_span(doc, start, end, label)
                if span is None or any(taken[span.start : span.end]):
                    continue
                taken[span.start : span.end] = b"\x01" * len(span)
                spans.extend(sentence_pieces(span))
    # Thrown-out quotes may overlap one another: each token is set once.
    outside: set[int] = set()
    for example in article.negatives:
        for start, end in example.content:
            span = token_span(doc, start, end, "")
            if span is not None:
                outside.update(i for i in range(span.start, span.end) if not taken[i])
    words = [doc[i : i + 1] for i in sorted(outside)]
    doc.set_ents(sorted(spans, key=lambda s: s.start), outside=words, default="missing")
    return doc


def write_desk_docbins(
    parser: Language, articles: list[DeskArticle], held: set[str], out_dir: Path
) -> dict[str, int]:
    """desk-train.spacy and desk-held-out.spacy; returns article counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, keep in (("desk-train", False), ("desk-held-out", True)):
        chosen = [a for a in articles if (a.doc in held) == keep]
        docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
        for doc, article in zip(parser.pipe(a.text for a in chosen), chosen, strict=True):
            docbin.add(desk_doc(doc, article))
        docbin.to_disk(out_dir / f"{name}.spacy")
        counts[name] = len(chosen)
    return counts


def train_from_desk(
    articles: list[DeskArticle],
    out_dir: Path,
    corpus: Path | None = None,
    held_out_share: float = 0.2,
    overrides: dict | None = None,
) -> tuple[Path, set[str]]:
    """Train on the decided articles (and the corpus); the tagger's folder and the held-out docs."""
    from spacy.cli.train import train as spacy_train

    from nlp.pipeline import load_nlp

    held = held_out_articles(articles, held_out_share)
    corpus_out = out_dir / "corpus"
    parser = load_nlp().select_pipes(enable=["paragraph_breaks", "tok2vec", "parser"])
    with parser:
        counts = write_desk_docbins(load_nlp(), articles, held, corpus_out)
        if corpus is not None:
            write_docbins(load_nlp(), corpus, corpus_out)
    train_files = [corpus_out / "desk-train.spacy"]
    if corpus is not None:
        train_files.append(corpus_out / "train.spacy")
    # spaCy reads a folder of .spacy files as one corpus.
    train_dir = _gather(corpus_out / "train-all", train_files)
    # With nothing held out, spaCy still needs a dev set to report; it only
    # monitors training and never picks the model.
    dev = corpus_out / ("desk-held-out.spacy" if counts["desk-held-out"] else "desk-train.spacy")
    settings = {"paths.train": str(train_dir), "paths.dev": str(dev), **(overrides or {})}
    spacy_train(CONFIG, out_dir, overrides=settings, use_gpu=-1)
    return out_dir / "model-last", held


def _gather(folder: Path, files: list[Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.spacy"):
        old.unlink()
    for index, path in enumerate(files):
        (folder / f"{index}-{path.name}").write_bytes(path.read_bytes())
    return folder


def score_on_desk(nlp: Language, articles: list[DeskArticle]) -> DeskScore:
    """Kept quotes found (rules, rules + tagger) and thrown-out quotes proposed, on `articles`."""
    score = DeskScore(articles=len(articles))
    for doc, article in zip(nlp.pipe(a.text for a in articles), articles, strict=True):
        rules = [_char_ranges_of_quote(q) for q in doc._.quotes or [] if not _tagger_made(q)]
        tagged = [_char_ranges(doc, t.content) for t in tagged_attributions(doc)]
        for example in article.positives:
            score.kept += 1
            by_rules = _matched(article.text, example, rules)
            by_tagger = _matched(article.text, example, tagged)
            score.kept_by_rules += by_rules
            score.kept_by_desk += by_rules or by_tagger
            if example.why == "hand-made":
                score.hand_made += 1
                score.hand_made_by_tagger += by_tagger
        for example in article.negatives:
            score.thrown_out += 1
            score.thrown_out_proposed += _matched(article.text, example, tagged)
    return score


def _matched(text: str, example: Example, found: list[list[tuple[int, int]]]) -> bool:
    """Word-token Jaccard >= 0.5, as `quotedesk eval` matches a quote to gold."""
    tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    wanted = tokens_in(tokens, example.content)
    for ranges in found:
        got = tokens_in(tokens, ranges)
        if (wanted | got) and len(wanted & got) / len(wanted | got) >= JACCARD:
            return True
    return False


def _char_ranges(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in ranges]


def _char_ranges_of_quote(quote: dict) -> list[tuple[int, int]]:
    return [tuple(r) for r in quote["content"]]


def _tagger_made(quote: dict) -> bool:
    return "attribution tagger" in (quote.get("evidence") or "")


def _length(example: Example) -> int:
    return sum(end - start for start, end in example.content)


def describe_score(score: DeskScore) -> list[str]:
    """The held-out figures as lines for the terminal."""
    lines = [f"held out: {score.articles} decided articles, scored by the new tagger"]
    if score.kept:
        lines.append(
            f"  kept quotes found: rules {_share(score.kept_by_rules, score.kept)},"
            f" rules + tagger {_share(score.kept_by_desk, score.kept)}"
        )
    if score.hand_made:
        lines.append(
            f"  quotes the analysts added by hand that the tagger finds:"
            f" {_share(score.hand_made_by_tagger, score.hand_made)}"
        )
    if score.thrown_out:
        lines.append(
            f"  thrown-out quotes the tagger proposes again:"
            f" {_share(score.thrown_out_proposed, score.thrown_out)}"
        )
    return lines


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.2f})"
