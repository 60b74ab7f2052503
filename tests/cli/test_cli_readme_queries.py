"""The README's sqlite3 queries run, and answer what they say they answer."""

import re
import sqlite3
from pathlib import Path

from tui.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_queries() -> dict[str, str]:
    block = re.search(r"```sql\n(.*?)```", README.read_text("utf-8"), re.S).group(1)
    queries = {}
    for chunk in block.split("\n\n"):
        title, _, sql = chunk.strip().partition("\n")
        queries[title.removeprefix("-- ").strip()] = sql
    return queries


def test_the_readme_has_the_five_queries():
    assert list(readme_queries()) == [
        "Quotes per speaker per outlet",
        "Stance by outlet",
        "Everything Dmitry Peskov said",
        "Quotes nobody has reviewed",
        "Decisions by analyst this week (the last seven days)",
    ]


def test_each_query_answers_its_question(sample_db_copy, runner):
    db = str(sample_db_copy)
    for args in (["quote", "stance", "1", "oppose"], ["quote", "accept", "2"]):
        assert runner.invoke(app, [*args, "--db", db, "--analyst", "maria"]).exit_code == 0
    queries = readme_queries()
    with sqlite3.connect(db) as conn:
        run = {title: conn.execute(sql).fetchall() for title, sql in queries.items()}
        total = conn.execute("select count(*) from quote_view").fetchone()[0]
        # A quote counts once for each of its speakers.
        spoken = conn.execute("select count(*) from quote_speaker_view").fetchone()[0]
    per_speaker = run["Quotes per speaker per outlet"]
    assert sum(n for _, _, n in per_speaker) == spoken
    assert [(outlet, stance) for outlet, stance, _ in run["Stance by outlet"]] == [
        (run_outlet(db, 1), "oppose")
    ]
    peskov = run["Everything Dmitry Peskov said"]
    assert peskov and any("one-on-one conversation" in q for *_, q in peskov)
    unreviewed = [row[0] for row in run["Quotes nobody has reviewed"]]
    assert 2 not in unreviewed and 1 in unreviewed and len(unreviewed) == total - 1
    assert sorted(run["Decisions by analyst this week (the last seven days)"]) == [
        ("maria", "accept", 1),
        ("maria", "stance", 1),
    ]


def run_outlet(db: str, quote_id: int) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("select outlet from quote_view where id = ?", [quote_id]).fetchone()[0]
