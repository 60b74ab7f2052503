"""Values the desk does not know are refused in one line that lists the known ones,
and a refused command changes nothing in the database."""

import sqlite3

import pytest

from tui.cli import app


def dump(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def peskov_quote(db) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute("select id from quote_view where speaker = 'Dmitry Peskov'").fetchone()
    return str(row[0])


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["quote", "stance", "QID", "angry"], "unknown stance 'angry': use one of support, oppose"),
        (
            ["quote", "set-speaker", "QID", "Zed Alien", "--type", "alien"],
            "unknown speaker type 'alien': use one of person, organisation, unnamed",
        ),
        (["statements", "join", "QID", "QID"], "cannot join itself"),
        (
            ["export", "--status", "maybe"],
            "unknown status 'maybe': use one of unreviewed, accepted",
        ),
        (["export", "--kind", "quote"], "unknown kind 'quote': use one of direct, mixed, indirect"),
        (
            ["export", "--speaker", "Dmitri Peskov"],
            "no speaker called 'Dmitri Peskov'; closest: Dmitry Peskov",
        ),
        (["export", "--outlet", "reuters"], "no outlet called 'reuters'; closest: Reuters"),
        (["export", "--stance", "angry"], "unknown stance 'angry'"),
    ],
)
def test_an_unknown_value_is_refused_and_nothing_changes(runner, sample_db_copy, args, says):
    args = [peskov_quote(sample_db_copy) if a == "QID" else a for a in args]
    before = dump(sample_db_copy)
    result = runner.invoke(app, [*args, "--db", str(sample_db_copy)])
    assert result.exit_code == 1
    assert result.stderr.startswith("quotedesk: error: ") and says in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert dump(sample_db_copy) == before


def test_stances_are_the_configured_labels(runner, sample_db_copy, tmp_path):
    (tmp_path / "config" / "quotedesk").mkdir(parents=True)
    (tmp_path / "config" / "quotedesk" / "config.toml").write_text(
        'stance_labels = ["for", "against"]\n', encoding="utf-8"
    )
    qid, db = peskov_quote(sample_db_copy), str(sample_db_copy)
    refused = runner.invoke(app, ["quote", "stance", qid, "support", "--db", db])
    assert refused.exit_code == 1 and "use one of for, against" in refused.stderr
    taken = runner.invoke(app, ["quote", "stance", qid, "against", "--db", db])
    assert taken.exit_code == 0, taken.output
    exported = runner.invoke(app, ["export", "--stance", "against", "--db", db])
    assert exported.exit_code == 0 and "exported 1 quotes" in exported.stderr
