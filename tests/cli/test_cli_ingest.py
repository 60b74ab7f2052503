"""`quotedesk ingest` on the sample articles, read back with plain sqlite3."""

import sqlite3

from store import decisions
from store.db import open_db
from tui.cli import app, samples_dir


def quotes_of(db, speaker: str, kind: str | None = None) -> list[str]:
    sql = "select quote from quote_view where speaker = ?"
    args = [speaker]
    if kind:
        sql += " and kind = ?"
        args.append(kind)
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(sql, args)]


def test_direct_quotes_have_their_speakers(sample_db):
    kirby = quotes_of(sample_db, "John Kirby", "direct")
    peskov = quotes_of(sample_db, "Dmitry Peskov", "direct")
    lim = quotes_of(sample_db, "Lim Soo-suk", "direct")
    assert any("No nation on the planet" in q for q in kirby)
    assert any("Putin gratefully accepted this invitation" in q for q in peskov)
    # Lim's second quote names him by family name only ("Lim told a briefing").
    assert any("We express our deep concern" in q for q in lim)
    assert any("Any science and technology co-operation" in q for q in lim)


def test_outlets_come_from_the_folder_metadata(sample_db):
    with sqlite3.connect(sample_db) as conn:
        outlets = {row[0] for row in conn.execute("select distinct outlet from quote_view")}
    assert outlets == {"Reuters", "Yonhap", "DW", "Financial Times", "The Korea Herald"}


def test_ingesting_again_stores_nothing_twice(sample_db_copy, runner):
    with sqlite3.connect(sample_db_copy) as conn:
        before = conn.execute("select count(*) from quote_view").fetchone()[0]
    result = runner.invoke(app, ["ingest", str(samples_dir()), "--db", str(sample_db_copy)])
    assert result.exit_code == 0, result.output
    assert "0 new" in result.output and "5 unchanged" in result.output
    with sqlite3.connect(sample_db_copy) as conn:
        assert conn.execute("select count(*) from quote_view").fetchone()[0] == before
        assert conn.execute("select count(*) from articles").fetchone()[0] == 5


# Invented wire stories about one union: the first spells out its initials,
# the second uses only the full name, the third both.
UNION_STORIES = {
    "union": "The Harbour Workers Federation (HWF) said on Monday that the strike would go on"
    " until the port authority agreed to talks.",
    "strike": "The Harbour Workers Federation said on Friday that no worker would return"
    " before the contract was signed.",
    "talks": "The Harbour Workers Federation said on Sunday that the talks had failed and"
    " that HWF members would picket the port.",
}


def ingest_story(runner, tmp_path, db, stem: str) -> None:
    article = tmp_path / stem / f"{stem}.txt"  # one run per article
    article.parent.mkdir()
    article.write_text(f"Port news\n\n{UNION_STORIES[stem]}\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert result.exit_code == 0, result.output


def speakers_by_article(db) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select a.doc, v.speaker, v.speaker_type from quote_view v"
            " join articles a on a.id = v.article_id"
        )
        return {doc: (speaker, kind) for doc, speaker, kind in rows}


def test_initials_one_article_spells_out_join_the_speaker_in_the_next(tmp_path, runner):
    db = tmp_path / "data.db"
    for stem in ("union", "strike"):
        ingest_story(runner, tmp_path, db, stem)
    hwf = ("HWF", "organisation")
    assert speakers_by_article(db) == {"union": hwf, "strike": hwf}
    with sqlite3.connect(db) as conn:
        alias = conn.execute("select alias, evidence from speaker_aliases").fetchall()
    assert alias == [
        ("Harbour Workers Federation", "union writes 'Harbour Workers Federation (HWF)'")
    ]


def test_an_organisation_alias_an_analyst_split_out_stays_apart(tmp_path, runner):
    db = tmp_path / "data.db"
    for stem in ("union", "strike"):
        ingest_story(runner, tmp_path, db, stem)
    with sqlite3.connect(db) as conn:
        (hwf,) = conn.execute("select id from speakers where name = 'HWF'").fetchone()
    store = open_db(db)
    decisions.split_alias(store, hwf, "Harbour Workers Federation", analyst="maria")
    store.close()
    # Split, the full name takes back every quote the pass filed through it
    # ("The Harbour Workers Federation (HWF) said …" too), and keeps the next.
    ingest_story(runner, tmp_path, db, "talks")  # the pass alone would say HWF
    federation = ("Harbour Workers Federation", "organisation")
    assert speakers_by_article(db) == dict.fromkeys(("union", "strike", "talks"), federation)
