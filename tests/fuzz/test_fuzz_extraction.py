"""Random text through the real NLP pass: offsets inside the text, direct quotes quoted."""

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import pytest
from fuzz_helpers import PENDING_ELSEWHERE, article_texts, assert_clean_exit, budget, run_cli
from hypothesis import example, given

from nlp.extract import extract
from nlp.marks import Marked, find_marked
from nlp.records import KINDS, SPEAKER_TYPES, Article, Extraction
from store.ingest import check_record


@pytest.fixture(scope="module", autouse=True)
def model():
    """The pipeline loads once per process (cached); load it before the clock runs."""
    from nlp.pipeline import load_nlp

    load_nlp()


def extract_one(text: str) -> Extraction:
    return next(extract([Article(doc="fuzz", text=text, title=None)]))


def check_ranges(ranges, length: int, what: str) -> None:
    previous_end = 0
    for start, end in ranges:
        assert isinstance(start, int) and isinstance(end, int), (what, ranges)
        assert 0 <= start < end <= length, (what, ranges, length)
        assert start >= previous_end, (what, "ranges out of order or overlapping", ranges)
        previous_end = end


def check_extraction(text: str, quotes: list[dict]) -> None:
    """The extraction record's promises, on its JSON form (the contract of DESIGN.md)."""
    marked = find_marked(text)
    for quote in quotes:
        assert quote["content"], quote
        assert quote["kind"] in KINDS, quote
        assert quote.get("speaker_type") in (*SPEAKER_TYPES, None), quote
        for name in ("content", "cue", "source"):
            check_ranges(quote[name], len(text), name)
        if quote["kind"] == "direct":
            # A direct quote's content is text inside quotation marks, every piece of it.
            for start, end in quote["content"]:
                assert any(_inside(text, m, start, end) for m in marked), (
                    "direct content outside quotation marks",
                    text[max(0, start - 20) : end + 20],
                )


def _inside(text: str, mark: Marked, start: int, end: int) -> bool:
    if mark.start <= start and end <= mark.end:
        return True
    if "direct content widened to tokens" not in PENDING_ELSEWHERE:
        return False
    # Until nlpfix's fix is merged: the marked span widened to the words around it.
    left, right = mark.start, mark.end
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return left <= start and end <= right


@budget(60)
@given(text=article_texts)
@example(text='"' * 1000)  # thousands of quotation marks, in the long profile
@example(text="Ann Lee said " + "word " * 1000)  # a huge line, no sentence end
@example(text="\ufeff“We will build it,”\r\nAnn Lee said.\r“No,” he said\r\n")
def test_extraction_offsets_lie_in_the_text_and_direct_quotes_are_quoted(text):
    extraction = extract_one(text)
    record = json.loads(json.dumps(extraction.to_json(), ensure_ascii=False))
    check_extraction(text, record["quotes"])
    check_record(asdict(extraction))  # the store takes it as it is


@budget(8)
@given(texts=article_texts.map(lambda t: [t]) | article_texts.map(lambda t: [t, t + "\n"]))
def test_quotedesk_extract_offsets_index_the_file_as_read(texts):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, text in enumerate(texts):
            path = Path(tmp) / f"a{n}.txt"
            path.write_bytes(text.encode("utf-8"))
            paths.append(path)
        args = ["extract", *map(str, paths)]
        outcome = run_cli(args)
        assert_clean_exit(outcome, args)
        records = [json.loads(line) for line in outcome.stdout.splitlines()]
        assert [r["doc"] for r in records] == [
            p.stem for p in paths if p.read_text("utf-8").strip()
        ]
        for record, path in zip(records, paths, strict=False):
            with path.open(encoding="utf-8", newline="") as handle:
                check_extraction(handle.read(), record["quotes"])
