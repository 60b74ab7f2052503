"""The team-coding commands through the real entry point: sample, agreement, adjudicate."""

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")


def run(db, *args, ok=True):
    result = subprocess.run(
        [QUOTEDESK, *args, "--db", str(db)], capture_output=True, text=True, timeout=120
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def state(db) -> tuple:
    """Everything a refused command must leave as it was."""
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(sql).fetchall()
            for sql in (
                "select * from samples",
                "select * from sample_coders",
                "select * from sample_quotes",
                "select * from decisions",
                "select * from human",
            )
        )


def sample_ids(db, name) -> list[int]:
    with sqlite3.connect(db) as conn:
        return [
            r[0]
            for r in conn.execute(
                "select q.id from sample_quotes sq join samples s on s.id = sq.sample_id"
                " join quotes q on q.quote_key = sq.quote_key where s.name = ? order by position",
                [name],
            )
        ]


@pytest.fixture
def coded(sample_db_copy):
    """A sample of six Reuters quotes, coded by ann and bo, who differ on one stance."""
    db = sample_db_copy
    made = run(db, "sample", "create", "pilot", "--size", "6", "--coders", "ann,bo")
    assert "6 quotes for ann, bo" in made.stderr
    ids = sample_ids(db, "pilot")
    for i, quote_id in enumerate(ids):
        for coder in ("ann", "bo"):
            stance = "oppose" if coder == "bo" and i == 0 else "support"
            run(db, "sample", "code", "pilot", str(quote_id), "--accept", "--stance", stance,
                "--analyst", coder)  # fmt: skip
    return db, ids


@pytest.mark.parametrize(
    "args, message",
    [
        (["sample", "create", "pilot", "--size", "3", "--coders", "ann,bo"],
         "there is already a sample called 'pilot'"),
        (["sample", "create", "big", "--size", "500", "--coders", "ann,bo"],
         "the sample asks for 500 quotes but only {shown} match the filters"),
        (["sample", "create", "wire", "--size", "20", "--coders", "ann,bo", "--outlet", "Reuters"],
         "only"),
        (["sample", "code", "pilot", "1", "--stance", "x", "--analyst", "zed"],
         "'zed' is not a coder of sample 'pilot' (its coders: ann, bo)"),
        (["adjudicate", "pilot", "--quote", "1", "--field", "stance", "--take", "zed"],
         "'zed' is not a coder of sample 'pilot'"),
        (["tui", "--sample", "pilot", "--analyst", "zed"],
         "'zed' is not a coder of sample 'pilot' (its coders: ann, bo)"),
        (["tui", "--adjudicate", "nosuch"], "no sample called 'nosuch' (samples: pilot)"),
        (["agreement", "nosuch"], "no sample called 'nosuch' (samples: pilot)"),
        (["agreement", "pilot"], "nobody has coded sample 'pilot' yet"),
        (["sample", "code", "pilot", "1", "--stance", "bogus2", "--analyst", "ann"],
         "unknown stance 'bogus2': use one of support, oppose, neutral, unclear"),
        (["sample", "code", "pilot", "1", "--speaker", "Dmitri Peskov", "--analyst", "ann"],
         "no speaker 'Dmitri Peskov' (closest: Dmitry Peskov"),
        (["sample", "create", "p2", "--size", "2", "--coders", "ann,bo",
          "--speaker", "Dmitri Peskov"],
         "no speaker called 'Dmitri Peskov'; closest: Dmitry Peskov"),
        (["sample", "create", "p2", "--size", "2", "--coders", "ann,bo", "--kind", "nonsense"],
         "unknown kind 'nonsense'"),
        (["sample", "create", "p2", "--size", "2", "--coders", "ann,bo", "--stance", "bogus"],
         "unknown stance 'bogus'"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_a_failure_and_changes_nothing(sample_db_copy, args, message):
    db = sample_db_copy
    run(db, "sample", "create", "pilot", "--size", "3", "--coders", "ann,bo", "--seed", "1")
    before = state(db)
    result = run(db, *args, ok=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("quotedesk: error: "), result.stderr
    shown = sqlite3.connect(db).execute("select count(*) from quote_view").fetchone()[0]
    assert message.format(shown=shown) in lines[0]
    assert state(db) == before


def test_adjudicate_refuses_a_stance_that_is_no_label(coded):
    db, ids = coded
    before = state(db)
    result = run(db, "adjudicate", "pilot", "--quote", str(ids[0]), "--field", "stance",
                 "--set", "bogus", "--analyst", "lead", ok=False)  # fmt: skip
    assert result.returncode == 1
    assert "unknown stance 'bogus': use one of support" in result.stderr
    assert state(db) == before


def test_agreement_report_in_every_format(coded):
    db, ids = coded
    text = run(db, "agreement", "pilot").stdout
    assert "stance" in text and "units    6" in text and "agree   83.3%" in text
    report = json.loads(run(db, "agreement", "pilot", "--format", "json").stdout)
    stance = next(f for f in report["fields"] if f["field"] == "stance" and not f["outlet"])
    assert stance["units"] == 6
    assert stance["pairs"][0]["confusion"] == {"support": {"oppose": 1, "support": 5}}
    rows = list(csv.DictReader(io.StringIO(run(db, "agreement", "pilot", "-f", "csv").stdout)))
    overall = next(r for r in rows if r["field"] == "stance" and r["outlet"] == "all")
    assert float(overall["percent_agreement"]) == pytest.approx(500 / 6)
    assert (overall["coder_1"], overall["coder_2"], overall["pair_units"]) == ("ann", "bo", "6")
    markdown = run(db, "agreement", "pilot", "-f", "md").stdout
    assert "| stance | all | 6 | 83.3% |" in markdown


def test_adjudicate_lists_disagreements_and_settles_them(coded):
    db, ids = coded
    listed = run(db, "adjudicate", "pilot").stdout.splitlines()
    assert listed == [f"#{ids[0]}\tstance\tann=support  bo=oppose"]
    run(db, "adjudicate", "pilot", "--quote", str(ids[0]), "--field", "stance", "--take", "bo",
        "--analyst", "lead")  # fmt: skip
    run(db, "adjudicate", "pilot", "--agreed", "--analyst", "lead")
    with sqlite3.connect(db) as conn:
        desk = conn.execute(
            f"select id, status, stance from quote_view where id in ({','.join('?' * len(ids))})"
            " order by id",
            ids,
        ).fetchall()
    assert sorted(desk) == sorted(
        (i, "accepted", "oppose" if i == ids[0] else "support") for i in ids
    )
    assert run(db, "adjudicate", "pilot").stdout.splitlines()[0].endswith("-> oppose")


def test_the_codebook_goes_with_the_report(coded, tmp_path):
    db, _ = coded
    config = tmp_path / "config.toml"
    config.write_text(
        'stance_targets = ["the visit"]\n[codebook]\nsupport = "backs the target"\n',
        encoding="utf-8",
    )
    markdown = run(db, "agreement", "pilot", "-f", "md", "--config", str(config)).stdout
    assert "| support | backs the target |" in markdown and "| oppose |  |" in markdown
    assert "Stance targets: the visit." in markdown
    report = json.loads(run(db, "agreement", "pilot", "-f", "json", "--config", str(config)).stdout)
    assert report["codebook"]["labels"]["support"] == "backs the target"
    assert report["codebook"]["targets"] == ["the visit"]


def test_the_query_in_docs_coding_finds_where_two_coders_differ(coded):
    db, ids = coded
    doc = (Path(__file__).resolve().parents[2] / "docs" / "coding.md").read_text("utf-8")
    sql = re.search(r"```sql\n(.*?)```", doc, re.S).group(1)
    sql = sql.replace("'maria'", "'ann'").replace("'li'", "'bo'")
    with sqlite3.connect(db) as conn:
        assert conn.execute(sql).fetchall() == [(ids[0], "support", "oppose")]


def test_log_keeps_blind_codings_out_of_the_desks_history(sample_db_copy):
    db = sample_db_copy
    run(db, "sample", "create", "pilot", "--size", "3", "--coders", "ann,bo", "--seed", "1")
    first = sample_ids(db, "pilot")[0]
    run(db, "sample", "code", "pilot", str(first), "--reject", "--analyst", "ann")
    run(db, "quote", "note", str(first), "desk note", "--analyst", "lead")
    desk = run(db, "log").stdout
    assert "lead" in desk and "ann" not in desk and "rejected" not in desk
    shown = json.loads(run(db, "quote", "show", str(first)).stdout)
    assert [row["analyst"] for row in shown["history"]] == ["lead"]
    codings = run(db, "log", "--sample", "pilot").stdout.splitlines()
    assert len(codings) == 1
    assert "ann" in codings[0] and "None -> rejected  (coded in sample pilot)" in codings[0]
    refused = run(db, "log", "--sample", "nosuch", ok=False)
    assert "no sample called 'nosuch'" in refused.stderr
