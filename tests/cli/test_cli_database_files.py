"""A mistyped --db fails instead of starting a new, empty desk somewhere else."""

import sqlite3

import pytest

from store.db import open_db
from store.errors import StoreError
from tui.cli import app

ARTICLE = 'Mayor backs plan\n\n"We will build it," Mayor Ann Lee said on Monday.\n'


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_ingest_into_a_missing_folder_is_refused(runner, article, tmp_path):
    db = tmp_path / "some" / "new" / "dir" / "x.db"
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("quotedesk: error: ") and "--create" in result.stderr
    assert not (tmp_path / "some").exists()


def test_create_makes_the_folders_and_says_which_file(runner, article, tmp_path):
    db = tmp_path / "some" / "new" / "dir" / "x.db"
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db), "--create"])
    assert result.exit_code == 0, result.output
    assert f"quotedesk: created a new database {db}" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 1


def test_a_new_database_beside_existing_files_is_made_and_named(runner, article, tmp_path):
    db = tmp_path / "desk.db"
    first = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert first.exit_code == 0 and f"created a new database {db}" in first.stderr
    again = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert again.exit_code == 0 and "created" not in again.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["log"],
        ["undo"],
        ["speakers", "list"],
        ["statements", "list"],
        ["quote", "show", "1"],
        ["tui"],
    ],
)
def test_reading_a_missing_database_is_one_line_and_creates_nothing(runner, tmp_path, command):
    db = tmp_path / "typo.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == f"quotedesk: error: {db}: no such database" + (
        " (create one with `quotedesk ingest`)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_store_makes_no_folders_unless_asked(tmp_path):
    with pytest.raises(StoreError, match="no folder"):
        open_db(tmp_path / "a" / "b.db")
    assert not (tmp_path / "a").exists()
    open_db(tmp_path / "a" / "b.db", make_folders=True).conn.close()
    assert (tmp_path / "a" / "b.db").exists()
