"""Find a quote of the ingested samples by its article and a phrase of its words."""

import sqlite3


def quote_column(db, doc: str, phrase: str, column: str = "id"):
    """`column` of quote_view for the quote of article `doc` that contains `phrase`."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            f"select v.{column} from quote_view v join articles a on a.id = v.article_id"
            " where a.doc = ? and v.quote like ?",
            [doc, f"%{phrase}%"],
        ).fetchone()
    assert row, (doc, phrase)
    return row[0]
