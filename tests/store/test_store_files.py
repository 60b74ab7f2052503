"""Bad database files get one clear message, and are never modified."""

import sqlite3
import subprocess
import sys
import textwrap

import pytest
from store_helpers import record

from store.db import open_db
from store.errors import StoreError
from store.ingest import save_extraction


def test_a_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_db(path)
    assert path.read_text(encoding="utf-8") == "not a database"


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table invoices (id integer)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a quotedesk"):
        open_db(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused(db_path):
    open_db(db_path).conn.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("update meta set value = '99' where key = 'schema_version'")
    with pytest.raises(StoreError, match="newer quotedesk"):
        open_db(db_path)


def test_a_damaged_database_is_refused(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError):
        open_db(path)


def test_a_missing_database_is_not_created_when_reading(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_db(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_wal_mode_lets_a_reader_work_while_another_process_writes(db, db_path):
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    writer = sqlite3.connect(db_path)
    writer.execute("begin immediate")
    writer.execute("insert into outlets (name) values ('Pending')")
    count = db.execute("select count(*) from quote_view").fetchone()[0]  # not blocked
    assert count == 3
    writer.rollback()
    writer.close()


def test_an_ingest_killed_halfway_leaves_a_consistent_file(db_path, tmp_path):
    script = tmp_path / "slow_ingest.py"
    script.write_text(
        textwrap.dedent(f"""
        import sys, time
        sys.path[:0] = {sys.path!r}
        from store_helpers import record
        from store.db import open_db
        from store.ingest import save_extraction
        db = open_db({str(db_path)!r})
        for n in range(10_000):
            text = f"Story {{n}}\\n\\n“Quote number {{n}} here,” said Ana Ruiz."
            quotes = [dict(content=[[text.index("Quote"), text.index(" here") + 5]],
                           cue=[[text.index("said"), text.index("said") + 4]],
                           source=[[text.index("Ana"), len(text) - 1]], speaker="Ana Ruiz",
                           kind="direct", confidence=0.9, speaker_type="person", role=None,
                           evidence="", parent=None)]
            save_extraction(db, record(text=text, doc=f"s{{n}}", quotes=quotes), "rules-1")
            print(n, flush=True)
    """),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(tmp_path),
        env={"PYTHONPATH": str(__import__("pathlib").Path(__file__).parent)},
    )
    for _ in range(200):  # let it store a couple hundred articles, then kill it mid-write
        proc.stdout.readline()
    proc.kill()
    proc.wait()
    db = open_db(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    articles = db.execute("select count(*) from articles").fetchone()[0]
    quotes = db.execute("select count(*) from quotes").fetchone()[0]
    assert articles >= 200 and quotes == articles  # no article without its quote
    # The next ingest completes the rest without duplicating.
    save_extraction(db, record(), "rules-1")
    assert db.execute("select count(*) from articles").fetchone()[0] == articles + 1
