"""The review commands, on a typer app of their own (the main CLI registers the same)."""

import json

import pytest
import typer
from store_helpers import quote_id, view
from typer.testing import CliRunner

from store.errors import StaleEdit, StoreError
from tui import review_commands


@pytest.fixture
def cli():
    app = typer.Typer()
    review_commands.register(app)
    return app


@pytest.fixture
def run(cli, db_path):
    runner = CliRunner()

    def invoke(*args, ok: bool = True):
        result = runner.invoke(cli, [*args, "--db", str(db_path)])
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    return invoke


def test_review_a_quote_and_read_the_log(db, run, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "maria")
    qid = quote_id(db, "a good day")
    accepted = run("quote", "accept", str(qid))
    assert accepted.stdout == "" and f"quote {qid} accepted" in accepted.stderr
    run("quote", "stance", str(qid), "support", "--target", "port deal", "--analyst", "li")
    run("quote", "note", str(qid), "check the date", "--analyst", "li")
    row = view(db, qid)
    assert (row["status"], row["stance"], row["stance_target"], row["note"]) == (
        "accepted",
        "support",
        "port deal",
        "check the date",
    )
    shown = json.loads(run("quote", "show", str(qid)).stdout)
    assert [h["analyst"] for h in shown["history"]] == ["maria", "li", "li", "li"]
    log = run("log").stdout.splitlines()
    assert len(log) == 4 and "li" in log[0] and "note" in log[0]
    assert "undid note" in run("undo", "--analyst", "li").stderr
    assert view(db, qid)["note"] is None


def test_set_speaker_merge_and_list(db, run):
    qid = quote_id(db, "rushed")
    run("quote", "set-speaker", str(qid), "T. Baker", "--role", "union boss", "--analyst", "m")
    assert view(db, qid)["speaker"] == "T. Baker"
    run("speakers", "merge", "T. Baker", "Tom Baker", "--analyst", "m")
    assert view(db, qid)["speaker"] == "Tom Baker"
    listing = run("speakers", "list").stdout
    assert "Tom Baker" in listing and "also: T. Baker" in listing


def test_expect_refuses_an_edit_on_a_stale_view(db, run):
    qid = quote_id(db, "a good day")
    run("quote", "accept", str(qid), "--expect", "unreviewed", "--analyst", "li")
    result = run("quote", "reject", str(qid), "--expect", "unreviewed", ok=False)
    assert isinstance(result.exception, StaleEdit)
    assert "someone else changed it" in str(result.exception)
    assert view(db, qid)["status"] == "accepted"
    run("quote", "note", str(qid), "ok", "--expect", "none")
    assert view(db, qid)["note"] == "ok"


def test_errors_are_store_errors_for_the_main_cli_to_print(db, run):
    result = run("quote", "accept", "9999", ok=False)
    assert isinstance(result.exception, StoreError)
    assert "no quote with id 9999" in str(result.exception)


def test_a_missing_database_is_not_created(cli, tmp_path):
    path = tmp_path / "none.db"
    result = CliRunner().invoke(cli, ["log", "--db", str(path)])
    assert isinstance(result.exception, StoreError) and "no such database" in str(result.exception)
    assert not path.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["quote", "show"],
        ["quote", "set-speaker"],
        ["quote", "accept"],
        ["quote", "reject"],
        ["quote", "stance"],
        ["quote", "note"],
        ["speakers", "list"],
        ["speakers", "merge"],
        ["undo"],
        ["log"],
    ],
)
def test_every_command_has_help(cli, command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "--db" in result.stdout


def test_the_log_says_a_quote_was_made_by_hand_and_taken_back(db, run):
    from store_helpers import TEXT, span

    from store import decisions
    from store.hand_quotes import HandQuote

    article_id = db.execute("select id from articles").fetchone()[0]
    hand = HandQuote(article_id, [tuple(span(TEXT, "talks would go on"))], kind="indirect")
    qid = decisions.add_quote(db, hand, speaker_name="Ana Ruiz", analyst="maria")
    log = run("log").stdout.splitlines()
    assert len(log) == 3 and all(f"quote {qid}" in line for line in log)
    assert "add quote" in log[-1] and log[-1].endswith("made by hand")
    run("undo", "--analyst", "maria")
    newest = run("log").stdout.splitlines()[0]
    assert "quote (undone)" in newest and newest.endswith("hand-made quote withdrawn")
