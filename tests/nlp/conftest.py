"""Shared fixtures for the NLP tests: the real pipeline, loaded once per session."""

from pathlib import Path

import pytest

from nlp.extract import extract
from nlp.records import Article, Extraction

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def read_article(path: Path) -> Article:
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    return Article(doc=path.stem, text=text, title=text.split("\n", 1)[0])


@pytest.fixture(scope="session")
def nlp():
    from nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def samples(nlp) -> dict[str, Extraction]:
    """The five sample articles extracted in one call (names canonical across them)."""
    articles = [read_article(p) for p in sorted(SAMPLES.glob("*.txt"))]
    return {e.article.doc: e for e in extract(articles)}


@pytest.fixture(scope="session")
def run(nlp):
    """Extract one invented text."""

    def extract_text(text: str, doc: str = "t") -> Extraction:
        return next(extract([Article(doc=doc, text=text, title=text.split("\n", 1)[0])]))

    return extract_text


def by_prefix(extraction: Extraction, prefix: str, candidates: bool = False):
    """The quotes (and with `candidates`, the candidates too) whose first
    content range starts with prefix."""
    text = extraction.article.text
    found = extraction.quotes + (extraction.candidates if candidates else [])
    return [q for q in found if text[slice(*q.content[0])].startswith(prefix)]


def words_at(text: str, ranges) -> list[str]:
    """The text of each (start, end) range: what a quote's content, cue or source says."""
    return [text[start:end] for start, end in ranges]


def sources_by_content(extraction: Extraction, kind: str | None = None) -> dict[str, list[str]]:
    """Each quote's first content range (of one kind, if given), mapped to the
    words of its source mention."""
    text = extraction.article.text
    return {
        words_at(text, q.content)[0]: words_at(text, q.source)
        for q in extraction.quotes
        if kind is None or q.kind == kind
    }
