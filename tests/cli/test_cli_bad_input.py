"""Bad input: one line per bad file, a non-zero exit, and nothing good lost."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from damaged_db import damage_table

from tui.cli import app

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")

GOOD = 'Mayor backs plan\n\n"We will build it," Mayor Ann Lee said on Monday.\n'


def article_count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def test_bad_files_are_listed_and_good_ones_still_ingested(tmp_path, runner, sample_db_copy):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (folder / "latin1.txt").write_bytes('Caf\xe9 owner said "hello".'.encode("latin-1"))
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"text": "Budget row\\n\\n\\"No,\\" Senator Bo Park said.", "outlet": "Wire"}\n'
        "{not json}\n",
        encoding="utf-8",
    )
    before = article_count(sample_db_copy)
    result = runner.invoke(
        app, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--db", str(sample_db_copy)]
    )
    assert result.exit_code == 1
    err = result.output
    for name in ("binary.txt", "latin1.txt", "empty.txt", "feed.jsonl:2", "missing.txt"):
        assert any(name in line for line in err.splitlines() if "skipped" in line), name
    assert "2 new" in err and "5 skipped" in err
    assert article_count(sample_db_copy) == before + 2


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run(
        [QUOTEDESK, "ingest", str(tmp_path / "a.txt"), "--db", str(notes)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("quotedesk: error:") and "notes.db" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes, not a database\n"


def test_export_from_a_missing_database_says_how_to_start(tmp_path):
    result = subprocess.run(
        [QUOTEDESK, "export", "--db", str(tmp_path / "nothing.db")], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_a_huge_file_is_refused_by_name(tmp_path, runner, sample_db_copy):
    huge = tmp_path / "dump.txt"
    huge.write_text("word " * 10_000_000, encoding="utf-8")  # 50 MB
    result = runner.invoke(app, ["ingest", str(huge), "--db", str(sample_db_copy)])
    assert result.exit_code == 1
    assert "dump.txt" in result.output and "too large" in result.output


def test_a_locked_database_gives_one_line_not_a_traceback(sample_db_copy):
    holder = sqlite3.connect(sample_db_copy)
    holder.execute("begin exclusive")  # another program in the middle of a long write
    try:
        result = subprocess.run(
            [QUOTEDESK, "quote", "accept", "1", "--db", str(sample_db_copy)],
            capture_output=True,
            text=True,
        )
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "locked" in result.stderr, result.stderr


def test_a_damaged_database_gives_one_line_naming_it(sample_db_copy):
    damage_table(sample_db_copy)
    result = subprocess.run(
        [QUOTEDESK, "export", "--db", str(sample_db_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"quotedesk: error: {sample_db_copy}: the database is damaged")


def test_a_record_the_store_refuses_is_listed_and_the_batch_goes_on(tmp_path, monkeypatch):
    import nlp.extract
    from ingest.run import run_ingest

    real_extract = nlp.extract.extract

    def extract_with_a_broken_record(articles, **kwargs):
        for record in real_extract(articles, **kwargs):
            if record.article.doc == "b":
                record.quotes[0].content = []  # as if the pass lost a span
            yield record

    monkeypatch.setattr(nlp.extract, "extract", extract_with_a_broken_record)
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(GOOD.replace("Lee", f"Lee{name}"), "utf-8")
    summary = run_ingest([tmp_path], tmp_path / "data.db", None, 1)
    assert (summary.new, len(summary.errors)) == (2, 1)
    assert "b: quote 1 has no content span" in str(summary.errors[0])
    assert article_count(tmp_path / "data.db") == 2
