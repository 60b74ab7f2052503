"""The rule cases in tests/nlp/cases/*.tsv, one expectation a line, on the real pipeline.

Columns: why (the case's id), text ("\\n" a new line, "\\t" a tab, "\\\\" a
backslash), quote, count, then the expected kind, speaker, type (speaker type),
role, cue, source and content; an empty column is not checked.

`quote` picks quotes by the words of their first content range: the words they
start with; `=words` all of them; `*` every quote of the text; a leading `?`
("?words", "?*") picks among the candidates as well as the quotes (for words the
pass keeps with nobody named, nlp/candidates.py). With `count`
empty, exactly one quote is picked and it has every expected value; with a
number N, N of the picked quotes have every expected value (0: none does).
`@` expects every quote of the text, in order: each expected column lists
one value a quote, separated by " ; ".
"-" expects nothing (no speaker, no words); a cue, source or content is the
words of each of its ranges, joined by " | ", where "…" first or last stands
for any ranges before or after ("… | It never gives up." ends with that range).

To add a case: write the sentence and what a reader expects on one line in the
file of the stage it tests; `uv run pytest tests/nlp/test_nlp_cases.py -k WORDS`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from nlp.records import Extraction, Quote
from tests.nlp.conftest import words_at

CASES = Path(__file__).parent / "cases"
COLUMNS = ("kind", "speaker", "type", "role", "cue", "source", "content")
RANGES = ("cue", "source", "content")
ANY = "…"  # any ranges, before or after the ones written
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}


@dataclass(frozen=True)
class Case:
    why: str
    text: str
    quote: str
    count: int | None
    expected: dict[str, str]


def unescape(text: str) -> str:
    out, chars = [], iter(text)
    for char in chars:
        out.append(ESCAPES[next(chars)] if char == "\\" else char)
    return "".join(out)


def read_cases(path: Path) -> list[Case]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        Case(
            why=row["why"],
            text=unescape(row["text"]),
            quote=row["quote"],
            count=int(row["count"]) if row["count"] else None,
            expected={c: row[c] for c in COLUMNS if row[c]},
        )
        for row in rows
    ]


ALL_CASES = [case for path in sorted(CASES.glob("*.tsv")) for case in read_cases(path)]


def picked(extraction: Extraction, selector: str) -> list[Quote]:
    text = extraction.article.text
    found = list(extraction.quotes)
    if selector.startswith("?"):
        found, selector = found + extraction.candidates, selector[1:]
    if selector == "*":
        return found
    if selector.startswith("="):
        return [q for q in found if words_at(text, q.content)[0] == selector[1:]]
    return [q for q in found if words_at(text, q.content)[0].startswith(selector)]


def found_values(quote: Quote, text: str) -> dict[str, str]:
    """What a quote holds, written the way the case columns write it."""
    values = {
        "kind": quote.kind,
        "speaker": quote.speaker,
        "type": quote.speaker_type,
        "role": quote.role,
    }
    shown = {name: "-" if value is None else value for name, value in values.items()}
    for name in RANGES:
        words = words_at(text, getattr(quote, name))
        shown[name] = " | ".join(words) if words else "-"
    return shown


def holds(found: dict[str, str], column: str, wanted: str) -> bool:
    """Whether a quote's value in a column is the one a case expects."""
    if column not in RANGES or ANY not in wanted.split(" | "):
        return found[column] == wanted
    have, want = found[column].split(" | "), wanted.split(" | ")
    if want[0] == ANY:
        return found[column] != "-" and have[len(have) - len(want) + 1 :] == want[1:]
    return found[column] != "-" and have[: len(want) - 1] == want[:-1]


@pytest.fixture(scope="module")
def extracted(run):
    """Each text extracted once, however many cases ask about it."""
    return cache(run)


def test_every_case_has_its_own_why():
    whys = [case.why for case in ALL_CASES]
    assert len(whys) == len(set(whys)) and all(whys)


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.why for case in ALL_CASES])
def test_case(case: Case, extracted):
    extraction = extracted(case.text)
    if case.quote == "@":
        found = [found_values(q, case.text) for q in extraction.quotes]
        for column, values in case.expected.items():
            wanted = values.split(" ; ")
            have = [f[column] for f in found]
            assert len(have) == len(wanted), (column, have)
            assert all(holds(f, column, v) for f, v in zip(found, wanted, strict=True)), have
        return
    quotes = picked(extraction, case.quote)
    found = [found_values(q, case.text) for q in quotes]
    wanted = case.expected
    if case.count is None:
        assert len(found) == 1, f"{len(found)} quotes picked by {case.quote!r}: {found}"
        assert all(holds(found[0], c, v) for c, v in wanted.items()), found[0]
    else:
        holding = [f for f in found if all(holds(f, c, v) for c, v in wanted.items())]
        assert len(holding) == case.count, found
