"""A small corpus and a comparable dump of a desk, for the cluster tests."""

import sqlite3
from pathlib import Path

from tui.cli import samples_dir

# Columns that say when, not what: they differ between any two ingests.
CLOCK_COLUMNS = {"ingested_at"}


def write_corpus(folder: Path, count: int) -> Path:
    """`count` articles: the samples, then the samples again as later editions."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt"))]
    for n in range(count):
        edition = "" if n < len(texts) else f"\nEdition {n}.\n"
        (folder / f"{n:03}.txt").write_text(texts[n % len(texts)] + edition, encoding="utf-8")
    return folder


def desk_contents(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (full-text index internals and clock columns aside)."""
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute("select name from sqlite_master where type = 'table'")
            if not name.startswith(("sqlite_", "quotes_fts"))
            and name not in ("statements", "quote_statements")
        ]
        contents = {}
        for table in tables:
            columns = [
                name
                for (name,) in conn.execute(f"select name from pragma_table_info('{table}')")
                if name not in CLOCK_COLUMNS
            ]
            listed = ", ".join(columns)
            contents[table] = conn.execute(f"select {listed} from {table} order by 1").fetchall()
        contents["statements"] = statements_by_members(conn)
    return contents


def statements_by_members(conn: sqlite3.Connection) -> list[tuple]:
    """Each statement as its member quotes and its figures: two ingests in two runs
    number statements differently, and that is all that may differ."""
    rows = conn.execute(
        "select s.*, group_concat(qs.quote_id) from statements s"
        " join (select * from quote_statements order by quote_id) qs on qs.statement_id = s.id"
        " group by s.id"
    ).fetchall()
    return sorted((row[-1], *row[1:-1]) for row in rows)
