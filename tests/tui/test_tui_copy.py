"""`c` copies the quote with its citation: quotation marks only on what was said verbatim,
and "copied" only when the app knows the copy happened (tmux's buffer answers; OSC 52 does not)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from tui_helpers import settle

from tui.app import QuoteDeskApp
from tui.widgets.quote_table import QuoteTable


async def copy_kind(pilot, kind: str) -> tuple[dict, str]:
    """Put the cursor on the first quote of `kind`, press c; (the quote, the notification title)."""
    app = pilot.app
    table = app.screen.query_one(QuoteTable)
    row = next(i for i, qid in enumerate(table.order) if table.rows_by_id[qid]["kind"] == kind)
    table.move_cursor(row=row)
    await settle(pilot)
    app._notifications.clear()
    await pilot.press("c")
    await settle(pilot)
    titles = [str(n.title) for n in app._notifications]
    assert len(titles) == 1
    return dict(table.current_quote), titles[0]


@pytest.fixture
def no_tmux(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)


async def test_only_a_direct_quote_gets_quotation_marks(db_path, no_tmux):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        direct, _ = await copy_kind(pilot, "direct")
        verbatim = "“We will not be replaced by cranes that nobody can repair”"
        assert app.clipboard.startswith(verbatim)
        assert f" — {direct['speaker']}, {direct['role']} ({direct['outlet']}, " in app.clipboard

        mixed, _ = await copy_kind(pilot, "mixed")
        # As written: the speaker's own words keep the marks the article gave them.
        assert app.clipboard.startswith(
            'the plan would protect "every existing contract" and create new technical jobs — '
        )
        assert "“" not in app.clipboard

        indirect, _ = await copy_kind(pilot, "indirect")
        assert app.clipboard.startswith(
            "the strike would last until the port authority published its full cost study — "
        )
        assert not {"“", "”", '"'} & set(app.clipboard.split(" — ")[0])


async def test_reported_speech_loses_its_leading_that(db_path, no_tmux):
    from tui.screens.quotes import cited_words

    assert cited_words({"kind": "indirect", "quote": "that talks would resume"}) == (
        "talks would resume"
    )
    assert cited_words({"kind": "mixed", "quote": 'that it was "urgent"'}) == 'it was "urgent"'
    assert cited_words({"kind": "direct", "quote": "that is all,"}) == "“that is all”"


async def test_outside_tmux_the_notification_does_not_claim_a_copy(db_path, no_tmux):
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _, title = await copy_kind(pilot, "direct")
        assert "OSC 52" in title
        assert "copied" not in title.lower()


def fake_tmux(tmp_path: Path, monkeypatch, script: str) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tmux = bin_dir / "tmux"
    tmux.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    tmux.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMUX", "/tmp/fake-tmux-socket,1,0")
    return tmp_path / "buffer"


async def test_under_tmux_the_quote_goes_into_tmux_buffer(db_path, tmp_path, monkeypatch):
    script = f'echo "$@" > {tmp_path}/args; cat > {tmp_path}/buffer'
    buffer = fake_tmux(tmp_path, monkeypatch, script)
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _, title = await copy_kind(pilot, "direct")
        assert buffer.read_text(encoding="utf-8") == app.clipboard
        assert (tmp_path / "args").read_text().split()[0] == "load-buffer"
        assert title.startswith("Copied into tmux's paste buffer")


async def test_a_failing_tmux_is_reported_not_hidden(db_path, tmp_path, monkeypatch):
    fake_tmux(tmp_path, monkeypatch, 'echo "no server running on /tmp/x" >&2; exit 1')
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _, title = await copy_kind(pilot, "direct")
        assert "tmux load-buffer failed (no server running" in title
        assert "OSC 52" in title


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
async def test_real_tmux_buffer_holds_the_citation(db_path, tmp_path, monkeypatch):
    socket = tmp_path / "tmux.sock"
    server = ["tmux", "-S", str(socket)]
    subprocess.run([*server, "new-session", "-d", "-s", "copy-test"], check=True, timeout=10)
    try:
        # $TMUX is how a program inside tmux finds its server: socket,pid,session.
        monkeypatch.setenv("TMUX", f"{socket},0,0")
        app = QuoteDeskApp(db_path, "tester")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            _, title = await copy_kind(pilot, "direct")
            copied = app.clipboard
        shown = subprocess.run(
            [*server, "show-buffer"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
        assert shown == copied
        assert title.startswith("Copied into tmux's paste buffer")
    finally:
        subprocess.run([*server, "kill-server"], capture_output=True, timeout=10)
