"""`quotedesk tui` in a real terminal (tmux): keys in, pane text out, database checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.db import open_db
from store.queries import QuoteFilter, get_quote, list_quotes

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed: the real-terminal test needs it (.ci/run installs it)",
)

SESSION = f"quotedesk-test-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, timeout=10
    ).stdout


def pane() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = pane()
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the pane shows:\n{pane()}")


def start_app(db_path: Path, tmp_path: Path) -> None:
    """`quotedesk tui` in a detached 100x30 tmux session."""
    quotedesk = Path(sys.executable).with_name("quotedesk")
    if not quotedesk.exists():
        pytest.skip("the quotedesk console script is not installed next to this python")
    command = f"{quotedesk} tui --db {db_path} --analyst tmux-tester"
    env_home = tmp_path / "xdg"
    tmux(
        "new-session",
        "-d",
        "-s",
        SESSION,
        "-x",
        "100",
        "-y",
        "30",
        "-e",
        f"XDG_CONFIG_HOME={env_home}",
        "-e",
        "TERM=xterm-256color",
        command,
    )


def test_review_in_a_real_terminal(db_path: Path, tmp_path: Path):
    start_app(db_path, tmp_path)
    try:
        wait_for("11 quotes")
        db = open_db(db_path, create=False)
        first = list_quotes(db, QuoteFilter(), 0, 1)[0]
        db.conn.close()
        tmux("send-keys", "-t", SESSION, "a")
        # The status column shows ✓ on the accepted row; the detail pane moved on.
        deadline = time.monotonic() + 10
        while status_of(db_path, first["id"]) != "accepted":
            assert time.monotonic() < deadline, f"accept never reached the database:\n{pane()}"
            time.sleep(0.2)
        tmux("send-keys", "-t", SESSION, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if SESSION not in subprocess.run(["tmux", "ls"], capture_output=True, text=True).stdout:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("q did not quit the app")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    db = open_db(db_path, create=False)
    stored = get_quote(db, first["id"])
    db.conn.close()
    assert stored["status"] == "accepted"
    assert stored["decided_by"] == "tmux-tester"


def status_of(db_path: Path, quote_id: int) -> str:
    db = open_db(db_path, create=False)
    try:
        return get_quote(db, quote_id)["status"]
    finally:
        db.conn.close()


def test_add_a_quote_by_hand_in_a_real_terminal(db_path: Path, tmp_path: Path):
    missed = "that automated terminals pay off only after a decade"
    start_app(db_path, tmp_path)
    try:
        wait_for("11 quotes")
        # Lena Berg's direct quote is the tenth row; r opens its article.
        tmux("send-keys", "-t", SESSION, *["Down"] * 9, "r")
        wait_for("Add quote")  # the Article screen's footer
        # Back a paragraph, four words on, select to the sentence's end, make it a quote.
        tmux("send-keys", "-t", SESSION, "-l", "{")
        wait_for("starts a selection")
        tmux("send-keys", "-t", SESSION, "-l", "wwwwv)")
        wait_for("9 words")
        tmux("send-keys", "-t", SESSION, "-l", "+")
        # The proposal, once the pass has read the article.
        screen = wait_for("from the pass", timeout=60)
        assert f"“{missed}”" in screen and "economists" in screen, screen
        tmux("send-keys", "-t", SESSION, "Enter")
        deadline = time.monotonic() + 20
        while (row := hand_made(db_path, missed)) is None:
            assert time.monotonic() < deadline, f"the quote never reached the database:\n{pane()}"
            time.sleep(0.2)
        assert row == ("economists", "argued", "human", "tmux-tester")
        wait_for("Added quote")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)


def hand_made(db_path: Path, words: str) -> tuple | None:
    db = open_db(db_path, create=False)
    try:
        return db.execute(
            "select speaker, cue, source, decided_by from quote_view where quote = ? and hand_made",
            [words],
        ).fetchone()
    finally:
        db.conn.close()


def test_sweep_the_candidates_queue_in_a_real_terminal(db_path: Path, tmp_path: Path):
    from candidate_helpers import add_candidates

    add_candidates(db_path)
    start_app(db_path, tmp_path)
    try:
        wait_for("quotes")
        tmux("send-keys", "-t", SESSION, "F6")
        wait_for("2 waiting")
        wait_for("We cannot pay twice")  # the likeliest first, with its paragraph
        tmux("send-keys", "-t", SESSION, "x")  # dismiss the quotation nobody is named for
        wait_for("1 waiting")
        tmux("send-keys", "-t", SESSION, "a")  # confirm the belief, with Ines Duarte
        wait_for("No candidates waiting")
        tmux("send-keys", "-t", SESSION, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    db = open_db(db_path, create=False)
    rows = list_quotes(db, QuoteFilter(include_candidates=True), 0, 100)
    db.conn.close()
    swept = {r["quote"]: (r["status"], r["speaker"], r["decided_by"]) for r in rows}
    assert swept["We cannot pay twice for the same berth."][0] == "dismissed"
    assert swept["the fees will fund a new breakwater"] == (
        "accepted",
        "Ines Duarte",
        "tmux-tester",
    )
