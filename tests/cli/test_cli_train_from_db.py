"""`quotedesk train --from-db`: the decisions teach the tagger; the next ingest uses it."""

import json
import re
import sqlite3

import pytest
import sqlite_utils

from nlp.desk_training import desk_doc, held_out_articles
from nlp.pipeline import load_nlp
from store import decisions, hand_quotes
from store.desk_examples import DeskArticle, Example, desk_articles, desk_tagger
from tui.cli import app, samples_dir


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def quote_row(db_path, where: str) -> dict:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute(f"select * from quote_view where {where} limit 1").fetchone())


def uncovered_sentence(db) -> tuple[int, int, int]:
    """(article id, start, end) of a sentence no quote touches: what the rules missed."""
    for article_id, text in db.execute("select id, text from articles order by id"):
        taken = [
            json.loads(spans)
            for (spans,) in db.execute(
                "select content_spans from quotes where article_id = ?", [article_id]
            )
        ]
        covered = {i for spans in taken for s, e in spans for i in range(s, e)}
        for match in re.finditer(r"[A-Z][^.\n]{40,}\.", text):
            if not covered & set(range(match.start(), match.end())):
                return article_id, match.start(), match.end() - 1
    raise AssertionError("every sentence has a quote")


def test_decisions_become_examples(sample_db_copy, runner):
    accepted = quote_row(sample_db_copy, "speaker = 'Dmitry Peskov'")
    rejected = quote_row(sample_db_copy, "speaker = 'KCNA'")
    refixed = quote_row(sample_db_copy, "speaker = 'Vladimir Putin' and source_text like '%Putin%'")
    assert invoke(runner, "quote", "accept", accepted["id"], "--db", sample_db_copy).exit_code == 0
    assert invoke(runner, "quote", "reject", rejected["id"], "--db", sample_db_copy).exit_code == 0
    result = invoke(
        runner, "quote", "set-speaker", refixed["id"], "Ana Ruiz", "--db", sample_db_copy
    )
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(sample_db_copy)
    article_id, start, end = uncovered_sentence(db)
    hand = hand_quotes.HandQuote(article_id, [(start, end)], kind="indirect")
    decisions.add_quote(db, hand, speaker_name="Ana Ruiz", analyst="maria")

    examples = {a.article_id: a for a in desk_articles(db)}
    positives = [e for a in examples.values() for e in a.positives]
    negatives = [e for a in examples.values() for e in a.negatives]
    assert [e.why for e in negatives] == ["rejected"]
    assert negatives[0].content == [tuple(r) for r in json.loads(_spans(db, rejected["id"]))]
    whys = sorted(e.why for e in positives)
    assert whys == ["accepted", "hand-made", "speaker fixed"]
    fixed = next(e for e in positives if e.why == "speaker fixed")
    # "Putin said" given to Ana Ruiz: the mention is not hers, so the source is unknown.
    assert fixed.source == []
    kept = next(e for e in positives if e.why == "accepted")
    assert kept.source and kept.cue
    made = next(e for e in positives if e.why == "hand-made")
    assert made.content == [(start, end)]


def _spans(db, quote_id):
    return db.execute("select content_spans from quotes where id = ?", [quote_id]).fetchone()[0]


def test_undecided_words_stay_unknown_to_the_tagger():
    nlp = load_nlp()
    text = 'Lim said the talks failed. The minister said nothing new. It rained.'
    article = DeskArticle(1, "a", text)
    article.positives.append(Example([(9, 25)], [(4, 8)], [(0, 3)], "accepted"))
    said = text.index("nothing")
    article.negatives.append(Example([(said, said + 11)], [], [], "rejected"))
    # Two thrown-out quotes over the same words (a rejected one and a dismissed candidate).
    article.negatives.append(Example([(said - 5, said + 7)], [], [], "dismissed"))
    doc = desk_doc(nlp(text), article)
    labels = {t.text: (t.ent_iob_, t.ent_type_) for t in doc}
    assert labels["talks"][1] == "CONTENT" and labels["Lim"][1] == "SOURCE"
    assert doc[1].text == "said" and doc[1].ent_type_ == "CUE"
    assert labels["nothing"] == ("O", "")  # thrown out: no attribution here
    assert labels["rained"] == ("", "")  # nobody decided: missing, not "outside"


def test_held_out_share_is_stable_and_needs_five_articles():
    articles = [DeskArticle(i, f"doc{i}", "") for i in range(10)]
    held = held_out_articles(articles, 0.2)
    assert len(held) == 2
    assert held_out_articles(articles + [DeskArticle(99, "doc99", "")], 0.2) >= held - {"doc99"}
    assert held_out_articles(articles[:4], 0.2) == set()


@pytest.fixture
def decided_db(sample_db_copy, runner):
    rows = sqlite_utils.Database(sample_db_copy).execute(
        "select id, speaker from quote_view order by id"
    ).fetchall()
    for quote_id, speaker in rows:
        verdict = "reject" if speaker is None else "accept"
        assert invoke(runner, "quote", verdict, quote_id, "--db", sample_db_copy).exit_code == 0
    return sample_db_copy


def test_train_from_db_reports_held_out_figures_and_the_next_ingest_uses_it(
    decided_db, runner, tmp_path
):
    out = tmp_path / "desk-tagger"
    result = invoke(runner, "train", "--from-db", decided_db, "-o", out, "--epochs", "1")
    assert result.exit_code == 0, result.output
    learned = r"learning from \d+ kept and \d+ thrown-out quotes in 5 articles"
    assert re.search(learned, result.output)
    assert re.search(r"held out: 1 decided articles", result.output)
    assert re.search(r"kept quotes found: rules \d+ of \d+", result.output)
    assert (out / "model-last" / "config.cfg").exists()
    recorded = desk_tagger(sqlite_utils.Database(decided_db))
    assert recorded["path"] == str((out / "model-last").resolve())

    # Same files, new tagger: the articles are read again, with it.
    result = invoke(runner, "ingest", samples_dir(), "--db", decided_db)
    assert result.exit_code == 0, result.output
    assert "using the desk's tagger" in result.output
    assert "5 updated" in result.output
    with sqlite3.connect(decided_db) as conn:
        versions = {v for (v,) in conn.execute("select distinct pipeline_version from articles")}
    assert all("tagger" in v or "+" in v for v in versions), versions


def test_train_from_db_with_no_decisions_is_one_line(sample_db_copy, runner, tmp_path):
    result = invoke(runner, "train", "--from-db", sample_db_copy, "-o", tmp_path / "t")
    assert result.exit_code == 1
    assert "no decided quotes to learn from" in result.output
    assert not (tmp_path / "t").exists()


def test_train_needs_a_corpus_or_a_database(runner):
    result = invoke(runner, "train")
    assert result.exit_code == 2
    assert "give a CORPUS, --from-db FILE, or both" in result.output
