"""`--include-candidates` on extract and export: candidates only when asked for."""

import csv
import io
import json

from tui.cli import app

RALLY = (
    "Town rally\n\nHundreds gathered in the square on Sunday.\n\n"
    "“We will never give up on this town, whatever they decide.”\n\n"
    "Mayor Ann Lee said the square would stay open.\n"
)


def test_extract_prints_candidates_only_with_the_flag(runner, tmp_path):
    story = tmp_path / "rally.txt"
    story.write_text(RALLY, encoding="utf-8")
    plain = runner.invoke(app, ["extract", str(story)])
    assert plain.exit_code == 0, plain.output
    (record,) = [json.loads(line) for line in plain.stdout.splitlines()]
    assert [q["speaker"] for q in record["quotes"]] == ["Ann Lee"]
    assert not any("candidate" in q for q in record["quotes"])
    asked = runner.invoke(app, ["extract", str(story), "--include-candidates"])
    (record,) = [json.loads(line) for line in asked.stdout.splitlines()]
    marked = [q for q in record["quotes"] if q.get("candidate")]
    assert [RALLY[s:e] for q in marked for s, e in q["content"]] == [
        "We will never give up on this town, whatever they decide."
    ]


def test_export_adds_candidates_only_with_the_flag(runner, tmp_path):
    story = tmp_path / "rally.txt"
    story.write_text(RALLY, encoding="utf-8")
    db = tmp_path / "data.db"
    assert runner.invoke(app, ["ingest", str(story), "--db", str(db)]).exit_code == 0
    plain = runner.invoke(app, ["export", "--db", str(db)])
    assert [r["status"] for r in csv.DictReader(io.StringIO(plain.stdout))] == ["unreviewed"]
    asked = runner.invoke(app, ["export", "--db", str(db), "--include-candidates"])
    statuses = sorted(r["status"] for r in csv.DictReader(io.StringIO(asked.stdout)))
    assert statuses == ["candidate", "unreviewed"]
    only = runner.invoke(app, ["export", "--db", str(db), "--status", "candidate"])
    assert [r["status"] for r in csv.DictReader(io.StringIO(only.stdout))] == ["candidate"]


def test_quote_confirm_and_dismiss_take_candidates_only(runner, tmp_path):
    story = tmp_path / "rally.txt"
    story.write_text(RALLY, encoding="utf-8")
    db = tmp_path / "data.db"
    assert runner.invoke(app, ["ingest", str(story), "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["export", "--db", str(db), "--status", "candidate"])
    (candidate,) = list(csv.DictReader(io.StringIO(listed.stdout)))
    quote = runner.invoke(app, ["export", "--db", str(db)])
    (found,) = list(csv.DictReader(io.StringIO(quote.stdout)))
    refused = runner.invoke(app, ["quote", "dismiss", found["id"], "--db", str(db)])
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        f"quotedesk: error: quote {found['id']} is not a candidate (its status is unreviewed)"
    )
    done = runner.invoke(
        app, ["quote", "confirm", candidate["id"], "--db", str(db), "--analyst", "maria"]
    )
    assert done.exit_code == 0, done.output
    statuses = runner.invoke(app, ["export", "--db", str(db)])
    assert sorted(r["status"] for r in csv.DictReader(io.StringIO(statuses.stdout))) == [
        "accepted",
        "unreviewed",
    ]
