"""Random review commands and ingests, then a re-run of the pass: the file stays sound and
every decision stays as the analysts left it."""

import sqlite3
import tempfile
from pathlib import Path

import pytest
from fuzz_helpers import (
    article_texts,
    assert_clean_exit,
    budget,
    copy_db,
    integrity,
    run_cli,
)
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import samples_dir

ids = st.integers(1, 85)  # the samples hold about 75 quotes; a few ids past the end
words = st.text(max_size=15).map(lambda t: t.replace("\x00", ""))
analysts = st.sampled_from(["maria", "li"])
speakers = st.sampled_from(["Dmitry Peskov", "Choe Son Hui", "KCNA", "Kim Jong Un", "1", "2"])
labels = st.sampled_from(["support", "oppose", "neutral", "unclear"]) | words


def _quote(verb: str, *rest: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.just("quote"), st.just(verb), ids.map(str), *rest).map(list)


review_commands = st.one_of(
    _quote("accept"),
    _quote("reject"),
    _quote("restore"),
    _quote("stance", labels),
    _quote("stance", labels, st.just("--target"), words),
    _quote("note", words),
    _quote("set-speaker", speakers | words),
    _quote("set-speaker", words, st.just("--type"), st.sampled_from(["organisation", "unnamed"])),
    st.tuples(st.just("speakers"), st.just("merge"), speakers, speakers).map(list),
    st.tuples(st.just("statements"), st.just("join"), ids.map(str), ids.map(str)).map(list),
    st.tuples(st.just("statements"), st.just("leave"), ids.map(str)).map(list),
    st.sampled_from([["undo"], ["redo"]]),
)
# A command, or an ingest of a new random article between decisions.
steps = st.one_of(review_commands, review_commands, article_texts.map(lambda t: ["ingest", t]))


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def human_layer(db: Path) -> dict:
    """Everything analysts decided, as the log, the human table and quote_view show it."""
    return {
        "log": rows(db, "select * from decisions order by id"),
        "human": rows(db, "select * from human order by quote_key"),
        "view": rows(
            db,
            "select v.quote_key, v.status, v.stance, v.stance_target, v.note, v.decided_by,"
            " v.decided_at, v.source, case when h.speaker_id is not null then v.speaker end"
            " from quote_view v join human h on h.quote_key = v.quote_key order by v.quote_key",
        ),
        "merges": rows(db, "select id, merged_into from speakers where merged_into is not null"),
    }


@pytest.fixture(scope="module")
def model():
    from nlp.pipeline import load_nlp

    load_nlp()


@budget(5)
@given(steps=st.lists(st.tuples(steps, analysts), min_size=3, max_size=12))
def test_review_and_rerun_keep_the_file_sound_and_every_decision(sample_db, model, steps):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = copy_db(sample_db, tmp / "data.db")
        ingested = [str(samples_dir())]
        for n, (step, analyst) in enumerate(steps):
            if step[0] == "ingest":
                path = tmp / f"new{n}.txt"
                path.write_bytes(f"Story {n}\n{step[1]}".encode())
                ingested.append(str(path))
                args = ["ingest", str(path), "--db", str(db)]
            else:
                args = [*step, "--db", str(db), "--analyst", analyst]
            assert_clean_exit(run_cli(args), args)
        assert integrity(db) == "ok"
        before = human_layer(db)

        # A newer pipeline: every article's machine layer is redone.
        conn = sqlite3.connect(db)
        with conn:
            conn.execute("update articles set pipeline_version = 'fuzz-older'")
        conn.close()
        args = ["ingest", *ingested, "--db", str(db)]
        outcome = run_cli(args)
        assert_clean_exit(outcome, args)
        assert outcome.code == 0, outcome.stderr

        assert integrity(db) == "ok"
        assert human_layer(db) == before
