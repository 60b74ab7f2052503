"""Crashes the fuzz suite found, each pinned by a plain test named for it."""

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from fuzz_helpers import assert_clean_exit, run_cli

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")
GOOD = 'Mayor backs plan\n\n"We will build it," Mayor Ann Lee said on Monday.\n'


def stored_titles(db) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("select title from articles order by id")]
    finally:
        conn.close()


def test_a_lone_surrogate_in_a_jsonl_line_is_skipped_by_line_not_a_crash(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "Budget row\\n\\n\\"No,\\" Senator Bo Park said \\ud800 today."}\n'
        '{"text": "Port deal\\n\\n\\"Yes,\\" Ann Lee said.", "title": "Port \\udc00 deal"}\n'
        '{"text": "Rail plan\\n\\n\\"Soon,\\" Bo Park said."}\n',
        encoding="utf-8",
    )
    args = ["ingest", str(feed), "--db", str(tmp_path / "d.db")]
    outcome = run_cli(args)
    assert_clean_exit(outcome, args)
    assert outcome.code == 1
    skipped = [line for line in outcome.stderr.splitlines() if "skipped" in line]
    assert "feed.jsonl:1" in skipped[0] and "lone surrogate" in skipped[0]
    assert "feed.jsonl:2" in skipped[1] and '"title"' in skipped[1]
    assert stored_titles(tmp_path / "d.db") == ["Rail plan"]


def test_a_lone_surrogate_in_a_jsonl_line_does_not_crash_extract(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "\\"No,\\" Bo Park said \\udfff today."}\n', encoding="utf-8")
    outcome = run_cli(["extract", str(feed)])
    assert outcome.code == 1 and "feed.jsonl:1" in outcome.stderr


def test_a_metadata_tsv_that_is_not_utf8_is_named_and_the_articles_still_go_in(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "metadata.tsv").write_bytes(b"filename\ttitle\na.txt\tCaf\xe9\n")
    args = ["ingest", str(folder), "--db", str(tmp_path / "d.db")]
    outcome = run_cli(args)
    assert_clean_exit(outcome, args)
    assert outcome.code == 1
    assert any(
        "metadata.tsv" in line and "not UTF-8" in line for line in outcome.stderr.splitlines()
    )
    assert stored_titles(tmp_path / "d.db") == ["Mayor backs plan"]


def test_a_metadata_tsv_with_a_huge_field_is_named_not_a_crash(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    # csv refuses fields over 131,072 characters; an unclosed quote makes one.
    (folder / "metadata.tsv").write_text(
        'filename\ttitle\na.txt\t"' + "x" * 200_000, encoding="utf-8"
    )
    outcome = run_cli(["ingest", str(folder), "--db", str(tmp_path / "d.db")])
    assert outcome.code == 1
    assert any("metadata.tsv" in line for line in outcome.stderr.splitlines())
    assert stored_titles(tmp_path / "d.db") == ["Mayor backs plan"]


@pytest.mark.parametrize("before", [".", "\ufeff", "Lee spoke."])
def test_direct_content_glued_to_the_character_before_its_mark_is_only_the_quoted_text(
    tmp_path, before
):
    story = tmp_path / "story.txt"
    # The speaker is named in the next line, so the quote is found on its own
    # first: with nobody named, a candidate.
    story.write_text(before + "“We will build it,”\nAnn Lee said.\n", encoding="utf-8")
    outcome = run_cli(["extract", str(story), "--include-candidates"])
    assert outcome.code == 0, outcome.stderr
    text = story.read_text(encoding="utf-8")
    quotes = json.loads(outcome.stdout)["quotes"]
    contents = [text[s:e].rstrip(",") for q in quotes for s, e in q["content"]]
    assert contents == ["We will build it"]


def test_a_folder_entry_the_reader_may_not_look_at_is_skipped_not_a_crash(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    # Found by `quotedesk extract /`: /proc/1/cwd refuses even root; a locked
    # subfolder refuses anyone else.
    (folder / "link.txt").symlink_to("/proc/1/cwd")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        refused = _refuses(folder / "link.txt") or _refuses(locked / "b.txt")
        if not refused:
            pytest.skip("nothing here refuses this user")
        outcome = run_cli(["ingest", str(folder), "--db", str(tmp_path / "d.db")])
    finally:
        locked.chmod(0o755)
    assert outcome.code == 1
    assert any("cannot read" in line for line in outcome.stderr.splitlines()), outcome.stderr
    assert stored_titles(tmp_path / "d.db") == ["Mayor backs plan"]


def _refuses(path) -> bool:
    try:
        path.stat()
    except PermissionError:
        return True
    return False


def test_a_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # read_bytes() on it waits for a writer forever
    outcome = run_cli(["ingest", str(folder), "--db", str(tmp_path / "d.db")])  # 60 s alarm
    assert outcome.code == 1
    skipped = [line for line in outcome.stderr.splitlines() if "pipe.txt" in line]
    assert len(skipped) == 1 and "not a regular file" in skipped[0]
    assert stored_titles(tmp_path / "d.db") == ["Mayor backs plan"]


def test_a_pipe_named_on_the_command_line_is_read():
    """`quotedesk extract <(curl …)`: the shell hands over a pipe on purpose."""
    read_end, write_end = os.pipe()
    os.write(write_end, GOOD.encode("utf-8"))  # fits the pipe's buffer
    os.close(write_end)
    try:
        outcome = run_cli(["extract", f"/dev/fd/{read_end}"])
    finally:
        os.close(read_end)
    assert outcome.code == 0, outcome.stderr
    assert len(json.loads(outcome.stdout)["quotes"]) == 1


# The command line's own bugs.


@pytest.fixture
def review_db(sample_db_copy):
    return str(sample_db_copy)


@pytest.mark.parametrize(
    "args",
    [
        ["quote", "accept", str(2**63)],
        ["quote", "show", str(2**63)],
        ["statements", "show", str(10**30)],
        ["statements", "join", "1", str(2**64)],
        ["log", "--limit", str(2**63)],
        ["statements", "list", "--limit", str(-(2**63) - 1)],
    ],
    ids=" ".join,
)
def test_a_number_past_sqlites_integers_is_an_error_not_a_traceback(review_db, args):
    outcome = run_cli([*args, "--db", review_db])
    assert_clean_exit(outcome, args)
    assert outcome.code in (1, 2)


@pytest.mark.parametrize(
    "args",
    [
        ["quote", "note", "1", "caf\udce9"],
        ["quote", "set-speaker", "1", "\udcff"],
        ["export", "--speaker", "\udcff"],
        ["quote", "stance", "1", "oppose", "--target", "\udcff"],
    ],
    ids=["note", "set-speaker", "export", "stance target"],
)
def test_an_argument_that_is_not_utf8_is_an_error_not_a_traceback(review_db, args):
    # What Python makes of `quotedesk quote note 1 $'caf\xe9'` typed in a Latin-1 terminal.
    outcome = run_cli([*args, "--db", review_db])
    assert_clean_exit(outcome, args)
    assert outcome.code in (1, 2)


@pytest.mark.parametrize("where", ["missing/out.csv", "."], ids=["missing folder", "folder"])
def test_export_to_a_path_it_cannot_write_is_an_error_not_a_traceback(review_db, tmp_path, where):
    args = ["export", "--db", review_db, "-o", str(tmp_path / where)]
    outcome = run_cli(args)
    assert_clean_exit(outcome, args)
    assert outcome.code == 1


def test_a_bad_file_named_with_a_line_break_is_skipped_in_one_line(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "two\nlines\r.txt").write_bytes(b"\x00binary")
    outcome = run_cli(["ingest", str(folder), "--db", str(tmp_path / "d.db")])
    assert outcome.code == 1
    skipped = [line for line in outcome.stderr.splitlines() if "skipped" in line]
    assert skipped[0].endswith("two\\nlines\\r.txt: binary file, not text")
    assert stored_titles(tmp_path / "d.db") == ["Mayor backs plan"]


def test_more_jobs_than_cores_is_a_usage_error_before_any_process_starts(tmp_path):
    # Each job loads its own model; --jobs 1000 ran out of file handles in a traceback.
    story = tmp_path / "story.txt"
    story.write_text(GOOD, encoding="utf-8")
    outcome = run_cli(["extract", str(story), "--jobs", str((os.cpu_count() or 1) + 1)])
    assert outcome.code == 2
    assert "should be at most" in outcome.stderr
    assert outcome.stdout == ""
