"""extract --out DIR on a machine without the database, ingest DIR/*.jsonl at the desk."""

import json

import pytest
from cluster_corpus import desk_contents

import nlp.extract
import nlp.shards
from tui.cli import app


@pytest.fixture
def shards(corpus, tmp_path, runner, monkeypatch):
    monkeypatch.setattr(nlp.shards, "RECORDS_PER_SHARD", 3)
    out = tmp_path / "finds"
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 8 finds records in 3 shards" in result.output
    return sorted(out.glob("*.jsonl"))


@pytest.fixture
def no_nlp_pass(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the NLP pass ran")

    monkeypatch.setattr(nlp.extract, "load_nlp", refuse)
    monkeypatch.setattr(nlp.extract, "find_in_batch", refuse)


def test_loading_shards_stores_what_an_ingest_of_the_articles_stores(
    shards, single_process_db, tmp_path, runner, no_nlp_pass
):
    db = tmp_path / "data.db"
    result = runner.invoke(app, ["ingest", *map(str, shards), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "loading 8 extraction records, no NLP pass" in result.output
    assert "8 new" in result.output
    assert desk_contents(db) == desk_contents(single_process_db)


def test_shards_skip_stored_articles_and_merge_speakers_with_the_database(
    corpus, shards, single_process_db, tmp_path, runner, monkeypatch
):
    db = tmp_path / "data.db"
    first_three = [str(path) for path in sorted(corpus.iterdir())[:3]]
    assert runner.invoke(app, ["ingest", *first_three, "--db", str(db)]).exit_code == 0
    monkeypatch.setattr(nlp.extract, "find_in_batch", None)  # no NLP pass from here on
    result = runner.invoke(app, ["ingest", str(shards[0].parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 new, 0 updated, 3 unchanged" in result.output
    assert desk_contents(db) == desk_contents(single_process_db)


def test_a_broken_line_in_a_shard_is_skipped_with_its_place(shards, tmp_path, runner):
    with shards[1].open("a", encoding="utf-8") as shard:
        shard.write(json.dumps({"format": "quotedesk-finds/1", "article": {}}) + "\n")
    db = tmp_path / "data.db"
    result = runner.invoke(app, ["ingest", *map(str, shards), "--db", str(db)])
    assert result.exit_code == 1
    assert f"skipped {shards[1]}:4" in result.output
    assert "8 new" in result.output and "1 skipped (1 not a finds record" in result.output


def test_shards_and_articles_in_one_ingest_is_an_error_that_stores_nothing(
    corpus, shards, tmp_path, runner
):
    db = tmp_path / "data.db"
    result = runner.invoke(app, ["ingest", str(shards[0]), str(corpus), "--db", str(db)])
    assert result.exit_code != 0
    assert result.stderr.startswith("quotedesk: error:") and "not a finds shard" in result.stderr
    assert not db.exists()
