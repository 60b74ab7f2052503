"""Scripted review: the quote, speakers, undo and log commands on the samples."""

import json
import sqlite3

from tui.cli import app


def invoke(runner, db, *args):
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def row(db, quote_id: int) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("select * from quote_view where id = ?", [quote_id]).fetchone())


def peskov_quote(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select id from quote_view where quote like '%one-on-one conversation%'"
        ).fetchone()[0]


def test_review_a_quote_from_the_shell(sample_db_copy, runner):
    db, qid = sample_db_copy, peskov_quote(sample_db_copy)
    invoke(runner, db, "quote", "accept", str(qid), "--analyst", "maria")
    invoke(
        runner,
        db,
        "quote",
        "stance",
        str(qid),
        "support",
        "--target",
        "the visit",
        "--analyst",
        "maria",
    )
    invoke(runner, db, "quote", "note", str(qid), "FT paraphrase?", "--analyst", "li")
    state = row(db, qid)
    assert (state["status"], state["stance"], state["stance_target"], state["note"]) == (
        "accepted",
        "support",
        "the visit",
        "FT paraphrase?",
    )
    shown = json.loads(invoke(runner, db, "quote", "show", str(qid)).stdout)
    assert shown["speaker"] == "Dmitry Peskov" and len(shown["history"]) == 4
    log = invoke(runner, db, "log").stdout.splitlines()
    assert len(log) == 4 and "li" in log[0] and "note" in log[0]
    invoke(runner, db, "undo", "--analyst", "li")
    assert row(db, qid)["note"] is None and row(db, qid)["stance"] == "support"


def test_set_speaker_and_merge_speakers_from_the_shell(sample_db_copy, runner):
    db, qid = sample_db_copy, peskov_quote(sample_db_copy)
    invoke(runner, db, "quote", "set-speaker", str(qid), "D. Peskov", "--analyst", "maria")
    assert row(db, qid)["speaker"] == "D. Peskov"
    invoke(runner, db, "speakers", "merge", "D. Peskov", "Dmitry Peskov", "--analyst", "maria")
    assert row(db, qid)["speaker"] == "Dmitry Peskov"
    listing = invoke(runner, db, "speakers", "list").stdout
    assert "Dmitry Peskov" in listing and "also: D. Peskov" in listing


def test_an_unknown_quote_id_is_one_clear_error(sample_db_copy, runner):
    result = runner.invoke(app, ["quote", "accept", "99999", "--db", str(sample_db_copy)])
    assert result.exit_code == 1
    assert result.stderr == "quotedesk: error: no quote with id 99999\n"


def test_log_filters_by_analyst_with_by(sample_db_copy, runner):
    db, qid = sample_db_copy, peskov_quote(sample_db_copy)
    invoke(runner, db, "quote", "accept", str(qid), "--analyst", "maria")
    invoke(runner, db, "quote", "note", str(qid), "check", "--analyst", "li")
    lines = invoke(runner, db, "log", "--by", "maria").stdout.splitlines()
    assert len(lines) == 1 and "maria" in lines[0] and "accept" in lines[0]


def test_log_analyst_says_to_use_by_instead_of_naming_you(sample_db_copy, runner):
    result = runner.invoke(app, ["log", "--analyst", "maria", "--db", str(sample_db_copy)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "quotedesk: error: log filters with --by now: quotedesk log --by maria",
        "Try 'quotedesk log --help'.",
    ]


def speaker_names(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("select name from speakers where merged_into is null")}


def test_rename_a_speaker_from_the_shell_and_undo_it(sample_db_copy, runner):
    db, qid = sample_db_copy, peskov_quote(sample_db_copy)
    said = invoke(runner, db, "speakers", "rename", "Dmitry Peskov", "Dmitry S. Peskov")
    assert "renamed Dmitry Peskov to Dmitry S. Peskov" in said.stderr
    assert row(db, qid)["speaker"] == "Dmitry S. Peskov"
    assert "rename speaker" in invoke(runner, db, "log").stdout.splitlines()[0]
    invoke(runner, db, "undo")
    assert row(db, qid)["speaker"] == "Dmitry Peskov"


def test_split_a_wrong_merge_from_the_shell_and_undo_it(sample_db_copy, runner):
    db, qid = sample_db_copy, peskov_quote(sample_db_copy)
    invoke(runner, db, "quote", "set-speaker", str(qid), "D. Peskov", "--analyst", "maria")
    invoke(runner, db, "speakers", "merge", "D. Peskov", "Dmitry Peskov", "--analyst", "maria")
    said = invoke(runner, db, "speakers", "split", "Dmitry Peskov", "D. Peskov", "--analyst", "li")
    assert "split D. Peskov out of Dmitry Peskov" in said.stderr
    assert row(db, qid)["speaker"] == "D. Peskov"
    assert "split alias" in invoke(runner, db, "log", "--by", "li").stdout
    invoke(runner, db, "undo", "--analyst", "li")
    assert row(db, qid)["speaker"] == "Dmitry Peskov"


def test_split_an_alias_the_nlp_pass_merged(sample_db_copy, runner):
    db = sample_db_copy
    invoke(runner, db, "speakers", "split", "KCNA", "Korea Central News Agency")
    assert {"KCNA", "Korea Central News Agency"} <= speaker_names(db)
    listing = invoke(runner, db, "speakers", "list").stdout
    assert "Korea Central News Agency  [organisation]" in listing


def test_rename_and_split_name_what_is_wrong(sample_db_copy, runner):
    db = str(sample_db_copy)
    unknown = runner.invoke(app, ["speakers", "rename", "Dmitri Peskov", "X", "--db", db])
    assert unknown.exit_code == 1
    assert (
        unknown.stderr == "quotedesk: error: no speaker 'Dmitri Peskov' (closest: Dmitry Peskov)\n"
    )
    taken = runner.invoke(app, ["speakers", "rename", "Dmitry Peskov", "KCNA", "--db", db])
    assert taken.exit_code == 1 and "merge them instead" in taken.stderr
    no_alias = runner.invoke(app, ["speakers", "split", "KCNA", "Kremlin", "--db", db])
    assert no_alias.exit_code == 1
    assert "its aliases: Korea Central News Agency" in no_alias.stderr
