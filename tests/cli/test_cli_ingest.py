"""`quotedesk ingest` on the sample articles, read back with plain sqlite3."""

import sqlite3

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


def test_initials_one_article_spells_out_join_the_speaker_in_the_next(tmp_path, runner):
    # Two invented wire stories: the first defines the initials, the second
    # (ingested later, in another run) uses only the full name.
    first = tmp_path / "a" / "union.txt"
    second = tmp_path / "b" / "strike.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(
        "Dock workers walk out\n\nThe Harbour Workers Federation (HWF) said on Monday that"
        " the strike would go on until the port authority agreed to talks.\n",
        encoding="utf-8",
    )
    second.write_text(
        "Port talks stall\n\nThe Harbour Workers Federation said on Friday that no"
        " worker would return before the contract was signed.\n",
        encoding="utf-8",
    )
    db = tmp_path / "data.db"
    for article in (first, second):
        result = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        speakers = conn.execute("select distinct speaker, speaker_type from quote_view").fetchall()
        alias = conn.execute("select alias, evidence from speaker_aliases").fetchall()
    assert speakers == [("HWF", "organisation")]
    defined = "union writes 'Harbour Workers Federation (HWF)'"
    assert alias == [("Harbour Workers Federation", defined)]
