"""Store tests build databases from hand-written extraction records (no spaCy)."""

from pathlib import Path

import pytest
from store_helpers import record

from store.db import open_db
from store.ingest import save_extraction


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    save_extraction(database, record(), "rules-1")
    yield database
    database.conn.close()
