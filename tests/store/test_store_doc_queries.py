"""The README's five sqlite3 questions, run against a store built here."""

import re
import sqlite3
from pathlib import Path

import pytest
from store_helpers import quote, record

from store import decisions
from store.db import open_db
from store.ingest import save_extraction

DOC = Path(__file__).resolve().parents[2] / "README.md"

KREMLIN = (
    "Kremlin rules out talks\n\n"
    "Kremlin spokesman Dmitry Peskov said there were no plans for talks.\n\n"
    "“Not in the foreseeable future,” Peskov told reporters."
)
WIRE = (
    "Peskov: no summit soon\n\n"
    "“There are no such plans,” D. Peskov said on Monday.\n\n"
    "Analyst Lim Soo-suk said the visit was symbolic."
)


def doc_queries() -> dict[str, str]:
    """Each `-- title` in the doc's sql block, with the SQL under it."""
    block = re.search(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    parts = re.split(r"^-- (.+)$", block, flags=re.M)[1:]
    return {title.strip(): sql.strip() for title, sql in zip(parts[::2], parts[1::2], strict=True)}


@pytest.fixture
def analysts_db(tmp_path) -> Path:
    path = tmp_path / "data.db"
    db = open_db(path)
    kremlin = [
        quote(
            KREMLIN,
            "there were no plans for talks",
            "said",
            "Dmitry Peskov",
            "Dmitry Peskov",
            "indirect",
            role="Kremlin spokesman",
        ),
        quote(KREMLIN, "Not in the foreseeable future,", "told", "Peskov", "Dmitry Peskov"),
    ]
    wire = [
        quote(WIRE, "There are no such plans,", "said", "D. Peskov", "D. Peskov"),
        quote(
            WIRE, "the visit was symbolic", "said", "Analyst Lim Soo-suk", "Lim Soo-suk", "indirect"
        ),
    ]
    save_extraction(
        db, record(KREMLIN, "kremlin", "Reuters", kremlin, published="2024-06-18"), "v1"
    )
    save_extraction(db, record(WIRE, "wire", "Yonhap", wire, published="2024-06-19"), "v1")
    ids = dict(db.execute("select quote, id from quote_view"))
    decisions.merge_speakers(db, "D. Peskov", "Dmitry Peskov", analyst="maria")
    decisions.accept(db, ids["Not in the foreseeable future,"], analyst="maria")
    decisions.set_stance(db, ids["Not in the foreseeable future,"], "oppose", analyst="maria")
    decisions.set_stance(db, ids["There are no such plans,"], "oppose", analyst="li")
    decisions.reject(db, ids["the visit was symbolic"], analyst="li")
    # One decision from last month, which "this week" must leave out.
    decisions.set_note(db, ids["there were no plans for talks"], "old note", analyst="old")
    db.execute("update decisions set at = '2020-01-01T00:00:00Z' where analyst = 'old'")
    db.conn.close()
    return path


def run(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:  # plain sqlite3, as an analyst would
        return conn.execute(sql).fetchall()


def test_the_doc_has_the_five_questions():
    assert list(doc_queries()) == [
        "Quotes per speaker per outlet",
        "Stance by outlet",
        "Everything Dmitry Peskov said",
        "Quotes nobody has reviewed",
        "Decisions by analyst this week (the last seven days)",
    ]


def test_quotes_per_speaker_per_outlet(analysts_db):
    rows = run(analysts_db, doc_queries()["Quotes per speaker per outlet"])
    assert rows == [("Dmitry Peskov", "Reuters", 2), ("Dmitry Peskov", "Yonhap", 1)]


def test_stance_by_outlet(analysts_db):
    rows = run(analysts_db, doc_queries()["Stance by outlet"])
    assert rows == [("Reuters", "oppose", 1), ("Yonhap", "oppose", 1)]


def test_everything_dmitry_peskov_said_includes_merged_variants(analysts_db):
    rows = run(analysts_db, doc_queries()["Everything Dmitry Peskov said"])
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("2024-06-18", "Reuters", "there were no plans for talks"),
        ("2024-06-18", "Reuters", "Not in the foreseeable future,"),
        ("2024-06-19", "Yonhap", "There are no such plans,"),
    ]


def test_quotes_nobody_has_reviewed(analysts_db):
    rows = run(analysts_db, doc_queries()["Quotes nobody has reviewed"])
    assert [r[3] for r in rows] == ["there were no plans for talks", "There are no such plans,"]


def test_decisions_by_analyst_this_week(analysts_db):
    rows = run(analysts_db, doc_queries()["Decisions by analyst this week (the last seven days)"])
    assert rows == [
        ("li", "reject", 1),
        ("li", "stance", 1),
        ("maria", "accept", 1),
        ("maria", "merge speakers", 1),
        ("maria", "stance", 1),
    ]
