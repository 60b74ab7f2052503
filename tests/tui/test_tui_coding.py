"""Blind coding in the running app: `quotedesk tui --sample NAME --analyst bo`.

The coder sees the sample's quotes only, as the machine found them, with their
own values and nobody else's; what they do is their coding, not the desk's."""

from __future__ import annotations

import html
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tui_helpers import settle

from store import coding, decisions
from store.db import open_db
from store.queries import QuoteFilter
from tui.app import QuoteDeskApp
from tui.config import DEFAULT_STANCE_LABELS as LABELS
from tui.screens.coding import CodingScreen
from tui.widgets.quote_table import QuoteTable


@pytest.fixture
def sample(db_path):
    """Four quotes for ann and bo. On the first, the desk (lead) and ann have
    already decided: neither must show through to bo."""
    db = open_db(db_path)
    made = coding.create_sample(db, "pilot", 4, ["ana7", "bo"], QuoteFilter(), analyst="deskchief")
    first = db.execute(
        "select id from quotes where quote_key = ?", [made.quote_keys[0]]
    ).fetchone()[0]
    decisions.set_stance(db, first, "oppose", "the desk target", analyst="deskchief")
    decisions.set_note(db, first, "the desk note", analyst="deskchief")
    decisions.reject(db, first, analyst="deskchief")
    coding.code(
        db,
        made,
        first,
        {"status": "accepted", "stance": "neutral", "note": "ann's own note"},
        stance_labels=LABELS,
        analyst="ana7",
    )
    db.conn.close()
    return made, first


def screen_text(app) -> str:
    """Every character on the screen (from the SVG screenshot, tags stripped)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))
    return text.replace("\xa0", " ")


def codings(db_path, analyst):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select quote_id, field, value from codings where analyst = ? order by 1, 2",
            [analyst],
        ).fetchall()


def desk(db_path, quote_id):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select status, stance, note from quote_view where id = ?", [quote_id]
        ).fetchone()


async def test_a_coder_sees_neither_the_desk_nor_the_other_coder(db_path, sample):
    made, first = sample
    app = QuoteDeskApp(db_path, "bo", sample=made)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CodingScreen)
        table = app.screen.query_one(QuoteTable)
        assert table.total == 4 and len(table.order) == 4
        row = table.rows_by_id[first]
        assert (row["status"], row["stance"], row["note"]) == ("unreviewed", None, None)
        table.select_quote(first)
        await settle(pilot)
        shown = screen_text(app)
        for hidden in ("the desk note", "the desk target", "ann's own note", "deskchief", "ana7"):
            assert hidden not in shown, hidden
        assert "coding blind as bo" in shown
        # The first quote is rejected on the desk, yet bo sees it and may code it.
        await pilot.press("3")  # stance 3 (neutral)
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
    assert codings(db_path, "bo") == [(first, "stance", "neutral"), (first, "status", "accepted")]
    assert desk(db_path, first) == ("rejected", "oppose", "the desk note")
    assert {a for (a,) in _analysts(db_path, first)} == {"ana7", "bo"}


def _analysts(db_path, quote_id):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select distinct analyst from codings where quote_id = ?", [quote_id]
        ).fetchall()


async def test_a_coder_undoes_their_own_coding_and_cannot_leave_the_sample(db_path, sample):
    made, first = sample
    app = QuoteDeskApp(db_path, "bo", sample=made)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QuoteTable)
        table.select_quote(first)
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert codings(db_path, "bo") == [(first, "status", "rejected")]
        await pilot.press("u")
        await settle(pilot)
        assert codings(db_path, "bo") == []
        assert table.rows_by_id[first]["status"] == "unreviewed"
        # Screens that would show the desk's values stay shut.
        for key in ("f3", "f4", "f5", "r", "v"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, CodingScreen), key
    assert desk(db_path, first) == ("rejected", "oppose", "the desk note")


SESSION = f"quotedesk-coding-test-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, timeout=10
    ).stdout


def wait_for_pane(text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", SESSION)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared:\n{tmux('capture-pane', '-p', '-t', SESSION)}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="the real-terminal check needs tmux")
def test_blind_coding_in_a_real_terminal(db_path, sample, tmp_path):
    made, first = sample
    quotedesk = Path(sys.executable).with_name("quotedesk")
    command = f"{quotedesk} tui --db {db_path} --sample pilot --analyst bo"
    xdg = f"XDG_CONFIG_HOME={tmp_path / 'xdg'}"
    size = ("-x", "140", "-y", "40")
    tmux("new-session", "-d", "-s", SESSION, *size, "-e", xdg, "-e", "TERM=xterm-256color", command)
    try:
        screen = wait_for_pane("4 quotes")
        assert "coding blind as bo" in screen
        # The first row is the quote the desk rejected and ana7 coded: bo sees neither.
        for hidden in ("the desk note", "the desk target", "ann's own note", "deskchief", "ana7"):
            assert hidden not in screen, hidden
        row = next(line for line in screen.splitlines() if "Kind" not in line and "–" in line)
        assert "oppose" not in row and "neutral" not in row
        tmux("send-keys", "-t", SESSION, "1")
        deadline = time.monotonic() + 10
        while not codings(db_path, "bo"):
            assert time.monotonic() < deadline, "the coding never reached the database"
            time.sleep(0.2)
        tmux("send-keys", "-t", SESSION, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    (coded,) = codings(db_path, "bo")
    assert coded[1:] == ("stance", "support")
    assert desk(db_path, first) == ("rejected", "oppose", "the desk note")


def coded_by_both(db_path, made, first):
    """bo codes the sample too: both accept everything; they differ on first's stance."""
    db = open_db(db_path)
    for key in made.quote_keys:
        quote_id = db.execute("select id from quotes where quote_key = ?", [key]).fetchone()[0]
        coding.code(db, made, quote_id, {"status": "accepted"}, stance_labels=LABELS, analyst="bo")
        coding.code(
            db, made, quote_id, {"status": "accepted"}, stance_labels=LABELS, analyst="ana7"
        )
    coding.code(
        db,
        made,
        first,
        {"stance": "support", "note": "bo's reason"},
        stance_labels=LABELS,
        analyst="bo",
    )
    db.conn.close()


async def test_adjudicate_takes_a_coders_value_onto_the_desk_and_undoes_it(db_path, sample):
    made, first = sample
    coded_by_both(db_path, made, first)
    app = QuoteDeskApp(db_path, "deskchief", adjudicate=made)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "1 disagreements, 1 to settle" in shown
        assert "stance = neutral" in shown and "stance = support" in shown
        assert "note: bo's reason" in shown and "note: ann's own note" in shown
        await pilot.press("2")  # take bo's value (coders are listed by name: ana7, bo)
        await settle(pilot)
        assert desk(db_path, first)[1] == "support"
        assert "0 to settle" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert desk(db_path, first)[1] == "oppose"  # the desk's value before
        await pilot.press("A")  # the units both coded alike: all statuses, the speakers
        await settle(pilot)
    assert desk(db_path, first)[0] == "accepted"


async def test_adjudicate_refuses_a_stance_that_is_no_label(db_path, sample):
    made, first = sample
    coded_by_both(db_path, made, first)
    app = QuoteDeskApp(db_path, "deskchief", adjudicate=made)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")  # set another value than the coders'
        await settle(pilot)
        await pilot.press(*"bogus", "enter")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    assert any("unknown stance 'bogus'" in m for m in said), said
    assert desk(db_path, first)[1] == "oppose"


async def test_the_overview_shows_alpha_for_each_open_sample(db_path, sample):
    made, first = sample
    coded_by_both(db_path, made, first)
    app = QuoteDeskApp(db_path, "deskchief")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await settle(pilot)
        shown = screen_text(app)
    # stance: one unit, two values (alpha 0); status: one value throughout, nothing
    # to agree on (undefined); speakers: nobody coded one (accepting is no vote).
    assert "sample pilot: stance α 0.00 · status α – · speaker α –" in shown
    assert "1 to settle" in shown


async def test_the_coder_sees_the_codebook_from_the_config(db_path, sample, tmp_path):
    made, _ = sample
    config = tmp_path / "config.toml"
    config.write_text(
        'stance_targets = ["the automation plan"]\n'
        "[codebook]\n"
        'support = "backs the [plan] as announced"\n'
        'oppose = "wants it stopped or changed"\n',
        encoding="utf-8",
    )
    app = QuoteDeskApp(db_path, "bo", config, sample=made)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        shown = " ".join(screen_text(app).split())  # the line may wrap
    assert app.config_error is None
    assert "1 support: backs the [plan] as announced" in shown
    assert "2 oppose: wants it stopped or changed" in shown
    assert "targets: the automation plan" in shown


def test_a_codebook_for_a_label_that_does_not_exist_is_refused():
    from tui.config import ConfigError, parse_config

    with pytest.raises(ConfigError, match="defines agree, not a stance label"):
        parse_config({"codebook": {"support": "backs it", "agree": "same"}})


async def test_one_remap_of_undo_and_redo_holds_on_the_adjudicate_screen_too(
    db_path, sample, tmp_path
):
    made, first = sample
    coded_by_both(db_path, made, first)
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nundo = "z"\nredo = "ctrl+y"\n')
    app = QuoteDeskApp(db_path, "deskchief", config, adjudicate=made)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # take bo's value
        await settle(pilot)
        assert desk(db_path, first)[1] == "support"
        await pilot.press("z")
        await settle(pilot)
        assert desk(db_path, first)[1] == "oppose"
        assert "1 to settle" in screen_text(app)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert desk(db_path, first)[1] == "support"
        assert "0 to settle" in screen_text(app)
