"""`quotedesk export --speaker` finds a quote by any of its several speakers."""

import csv
import io

from tui.cli import app

ARTICLE = (
    "Port talks resume\n\n"
    "The ministry and the agency said the talks would resume in March.\n\n"
    "Ann Lee said the port would stay open."
)


def test_export_by_the_second_of_two_speakers_lists_them_both(runner, tmp_path):
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "data.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "talks.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", str(db), "--speaker", "agency"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["quote"], r["speakers"]) for r in rows] == [
        ("the talks would resume in March", "ministry; agency")
    ]
    listed = runner.invoke(app, ["speakers", "list", "--db", str(db)])
    assert "agency" in listed.stdout and "ministry and agency" not in listed.stdout
