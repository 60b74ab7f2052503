"""A second `quotedesk demo` opens the app at once: no spaCy, no re-ingest."""

import sqlite3
import sys

import pytest

import tui.app
import tui.cli
from tui.cli import app


@pytest.fixture
def opened(monkeypatch) -> list:
    """Stand in for a terminal and the app: record which database it was opened on."""
    calls = []
    monkeypatch.setattr(tui.cli, "require_terminal", lambda command: None)
    monkeypatch.setattr(tui.app.QuoteDeskApp, "run", lambda self: calls.append(self.db_path))
    return calls


def test_demo_on_stored_samples_opens_without_the_nlp_pass(
    runner, sample_db_copy, opened, monkeypatch
):
    monkeypatch.setitem(sys.modules, "nlp.extract", None)  # importing it (and spaCy) fails
    result = runner.invoke(app, ["demo", "--db", str(sample_db_copy)])
    assert result.exit_code == 0, (result.output, result.exception)
    with sqlite3.connect(sample_db_copy) as conn:
        quotes = conn.execute("select count(*) from quote_view").fetchone()[0]
    assert quotes > 50
    assert result.stderr == f"{sample_db_copy}: 5 articles, {quotes} quotes — opening the app\n"
    assert opened == [sample_db_copy]


def test_demo_ingests_what_is_missing_first(runner, sample_db_copy, opened):
    with sqlite3.connect(sample_db_copy) as conn:
        conn.execute("update articles set pipeline_version = 'rules-0' where id = 1")
    result = runner.invoke(app, ["demo", "--db", str(sample_db_copy)])
    assert result.exit_code == 0, (result.output, result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # the progress bar
    assert lines[0].startswith("ingested 0 new, 1 updated, 4 unchanged articles"), lines
    assert lines[1].startswith(f"{sample_db_copy}: 5 articles, ")
    assert lines[1].endswith(" quotes — opening the app")
    assert opened == [sample_db_copy]


def test_demo_counts_quotes_as_the_app_does(runner, sample_db_copy, opened):
    """A rejected quote is not a quote: the line before the app says so, as the app will."""
    with sqlite3.connect(sample_db_copy) as conn:
        quotes = conn.execute("select count(*) from quote_view").fetchone()[0]
        first = conn.execute("select min(id) from quote_view").fetchone()[0]
    rejected = runner.invoke(app, ["quote", "reject", str(first), "--db", str(sample_db_copy)])
    assert rejected.exit_code == 0, rejected.output
    result = runner.invoke(app, ["demo", "--db", str(sample_db_copy)])
    expected = f"5 articles, {quotes - 1} quotes (1 rejected hidden) — opening the app\n"
    assert result.stderr.endswith(expected), result.stderr
