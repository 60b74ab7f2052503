"""Train the attribution tagger on a corpus in PolNeAR's layout.

The tagger marks CONTENT, CUE and SOURCE spans token by token (a spaCy `ner`
component with its own tok2vec, reading the parser's tags and dependencies as
features). Attributions can nest ("KCNA said that Putin said X"); a tagger
cannot, so each article keeps the outermost spans: attributions are laid down
longest content first, and a span that would overlap one already placed is
left out.

Articles are split by a hash of their name, so the same article always falls
on the same side: one in ten is held out of training (`nlp.evaluate.held_out`) and is what
`quotedesk eval --split held-out` scores, rules and tagger alike.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from nlp.evaluate import Attribution, corpus_items, read_ann

CONFIG = Path(__file__).parent / "data" / "attribution.cfg"


def tagged_doc(doc: Doc, gold: list[Attribution]) -> Doc:
    """The parsed article with its outermost attribution spans as doc.ents.

    spaCy's entity tagger cannot cross a sentence start, so a span that runs
    over several sentences is cut into one piece per sentence; the tagger's
    reader (nlp/tagger.py) joins neighbouring CONTENT pieces again.
    """
    taken = bytearray(len(doc))
    spans: list[Span] = []
    for attribution in sorted(gold, key=_content_length, reverse=True):
        for label, ranges in (
            ("CONTENT", attribution.content),
            ("CUE", attribution.cue),
            ("SOURCE", attribution.source),
        ):
            for start, end in ranges:
                span = token_span(doc, start, end, label)
                if span is None or any(taken[span.start : span.end]):
                    continue
                taken[span.start : span.end] = b"\x01" * len(span)
                spans.extend(sentence_pieces(span))
    doc.ents = sorted(spans, key=lambda span: span.start)
    return doc


def sentence_pieces(span: Span) -> list[Span]:
    doc, pieces, start = span.doc, [], span.start
    for i in range(span.start + 1, span.end + 1):
        if i == span.end or doc[i].is_sent_start:
            piece = _trim(doc[start:i], span.label_)
            if piece is not None:
                pieces.append(piece)
            start = i
    return pieces


def _trim(span: Span, label: str) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return Span(span.doc, start, end, label=label) if end > start else None


def _content_length(attribution: Attribution) -> int:
    return sum(end - start for start, end in attribution.content)


def token_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    text = doc.text
    # Trim spaces so no span starts or ends on a whitespace token.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def write_docbins(nlp: Language, corpus_dir: Path, out_dir: Path) -> dict[str, int]:
    """train.spacy and held-out.spacy under out_dir; returns article counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split in ("train", "held-out"):
        docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
        items = corpus_items(corpus_dir, split=split)
        texts = (_read(text_path) for text_path, _ in items)
        for doc, (_, ann_path) in zip(nlp.pipe(texts), items, strict=True):
            docbin.add(tagged_doc(doc, read_ann(_read(ann_path))))
        docbin.to_disk(out_dir / f"{split}.spacy")
        counts[split] = len(items)
    return counts


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def train(corpus_dir: Path, out_dir: Path, overrides: dict | None = None) -> Path:
    """Convert the corpus, train, and return the trained pipeline's folder.

    The held-out articles only monitor training (spaCy's dev score); the
    pipeline kept is the last one, not the best on them, so they stay unseen.
    """
    from spacy.cli.train import train as spacy_train

    from nlp.pipeline import load_nlp

    corpus_out = out_dir / "corpus"
    # Only what decides sentence starts, exactly as training will see them.
    parser = load_nlp().select_pipes(enable=["paragraph_breaks", "tok2vec", "parser"])
    with parser:
        write_docbins(load_nlp(), corpus_dir, corpus_out)
    settings = {
        "paths.train": str(corpus_out / "train.spacy"),
        "paths.dev": str(corpus_out / "held-out.spacy"),
        **(overrides or {}),
    }
    spacy_train(CONFIG, out_dir, overrides=settings, use_gpu=-1)
    return out_dir / "model-last"
