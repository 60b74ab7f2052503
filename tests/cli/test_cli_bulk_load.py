"""An ingest as big as the desk builds the app's indexes once, at the end, and
ends with the database any other ingest leaves."""

import sqlite3

from cluster_corpus import desk_contents

import store.bulk_load
from tui.cli import app


def indexes(path) -> set[tuple]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute("select name, sql from sqlite_master where type = 'index'"))


def test_a_bulk_ingest_stores_what_a_row_by_row_one_stores(
    corpus, single_process_db, tmp_path, runner, monkeypatch
):
    monkeypatch.setattr(store.bulk_load, "BULK_LOAD_MIN", 2)  # eight articles are a bulk load
    dropped = []
    start = store.bulk_load.start
    monkeypatch.setattr(store.bulk_load, "start", lambda db: dropped.append(1) or start(db))
    db = tmp_path / "data.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert dropped, "the ingest did not take the bulk path"
    assert desk_contents(db) == desk_contents(single_process_db)
    assert indexes(db) == indexes(single_process_db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from meta where key = 'bulk_load'").fetchone() == (0,)
