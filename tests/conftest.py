import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tui.cli import app, samples_dir


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, runner) -> Path:
    """The five sample articles ingested once, through the real command (shared by all suites)."""
    db = tmp_path_factory.mktemp("samples") / "data.db"
    result = runner.invoke(app, ["ingest", str(samples_dir()), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def sample_db_copy(sample_db, tmp_path) -> Path:
    """A private copy for tests that write."""
    copy = tmp_path / "data.db"
    # The backup API, not a file copy: recent writes may still sit in the WAL file.
    with sqlite3.connect(sample_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy
