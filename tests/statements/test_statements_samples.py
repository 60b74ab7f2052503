"""On the sample articles, the statements the design brief names are grouped."""

import sqlite3

from tests.sample_quotes import quote_column


def statement_of(db, doc: str, phrase: str) -> int:
    return quote_column(db, doc, phrase, "statement_id")


def test_the_three_statements_of_the_brief_are_each_one_group(sample_db):
    peskov = {
        statement_of(sample_db, "000_f96a94ac9a68771c", "in the foreseeable future"),
        statement_of(sample_db, "002_20379b740d9881d4", "in the forseeable future"),
    }
    # Two English translations of one KCNA statement.
    kcna = {
        statement_of(
            sample_db,
            "001_d27c7cbd74673f90",
            "ready to greet the Korean people's closest friend with the greatest sincerity",
        ),
        statement_of(sample_db, "004_e88cf532e1811814", "best friend of the Korean people"),
    }
    willing = {
        statement_of(sample_db, "000_f96a94ac9a68771c", "expressed his willingness to visit"),
        statement_of(sample_db, "002_20379b740d9881d4", "had expressed his willingness"),
        statement_of(sample_db, "004_e88cf532e1811814", "has expressed his willingness"),
    }
    assert len(peskov) == len(kcna) == len(willing) == 1
    assert len(peskov | kcna | willing) == 3


def test_quotes_of_different_statements_are_not_grouped(sample_db):
    kirby = statement_of(sample_db, "003_1c2efdea2e879c8f", "No nation on the planet")
    lim = statement_of(sample_db, "003_1c2efdea2e879c8f", "We express our deep concern")
    with sqlite3.connect(sample_db) as conn:
        sizes = dict(conn.execute("select statement_id, versions from statement_view"))
    assert kirby != lim and sizes[kirby] == 1 and sizes[lim] == 1
