"""Bad database files get one clear message, and are never modified."""

import pickle
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from damaged_db import damage_table

from store.db import open_db
from store.errors import StoreError
from store.queries import QuoteFilter, list_quotes


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


def test_a_table_damaged_after_opening_is_a_store_error_naming_the_file(db, db_path):
    db.conn.close()
    damage_table(db_path)
    damaged = open_db(db_path)  # header, schema and meta are intact
    with pytest.raises(
        StoreError, match=rf"^{re.escape(str(db_path))}: the database is damaged"
    ) as e:
        list_quotes(damaged, QuoteFilter())
    damaged.conn.close()
    # The same one line after crossing into another process (ingest --jobs, a cluster).
    assert str(pickle.loads(pickle.dumps(e.value))) == str(e.value)


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


INGEST_SCRIPT = """
import sys
sys.path[:0] = {path!r}
from store_helpers import record
from store.db import open_db
from store.ingest import article_known, content_hash, save_extraction
db = open_db({db!r})
skipped = 0
for n in range(int(sys.argv[1])):
    text = f"Story {{n}}\\n\\n“Quote number {{n}} here,” said Ana Ruiz."
    if article_known(db, content_hash(text), "rules-1"):
        skipped += 1
        continue
    quotes = [dict(content=[[text.index("Quote"), text.index(" here") + 5]],
                   cue=[[text.index("said"), text.index("said") + 4]],
                   source=[[text.index("Ana"), len(text) - 1]], speaker="Ana Ruiz",
                   kind="direct", confidence=0.9, speaker_type="person", role=None,
                   evidence="", parent=None)]
    save_extraction(db, record(text=text, doc=f"s{{n}}", quotes=quotes), "rules-1")
    print(n, flush=True)
print("skipped", skipped, flush=True)
"""


def test_an_ingest_killed_halfway_leaves_a_consistent_file(db_path, tmp_path):
    script = tmp_path / "slow_ingest.py"
    script.write_text(INGEST_SCRIPT.format(path=sys.path, db=str(db_path)), encoding="utf-8")
    env = {"PYTHONPATH": str(Path(__file__).parent)}
    proc = subprocess.Popen(
        [sys.executable, str(script), "100000"], stdout=subprocess.PIPE, text=True, env=env
    )
    for _ in range(200):  # let it store a couple hundred articles, then kill it mid-write
        proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db = open_db(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    stored = db.execute("select count(*) from articles").fetchone()[0]
    assert 200 <= stored < 100_000
    tables = ("quotes", "current", "quotes_fts")
    counts = [db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables]
    assert counts == [stored] * 3  # no article without its quote, no half-written quote
    tallied = db.execute("select sum(n) from tallies").fetchone()[0]
    assert tallied == stored
    db.conn.close()
    # The next run skips what is stored and completes the rest, without duplicates.
    total = stored + 50
    rerun = subprocess.run(
        [sys.executable, str(script), str(total)], capture_output=True, text=True, env=env
    )
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.splitlines()[-1] == f"skipped {stored}"
    db = open_db(db_path)
    assert db.execute("select count(*) from articles").fetchone()[0] == total
    assert db.execute("select count(distinct hash) from articles").fetchone()[0] == total
    assert db.execute("select count(*) from quote_view").fetchone()[0] == total
    db.conn.close()
