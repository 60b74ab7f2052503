"""A big ingest into a small desk: some indexes built once at the end instead of row by row.

`current` has six indexes, `current_speakers` two and `quotes` one that
only the app reads (filters, the Speakers screen): the writer never looks
anything up by them, and keeping them up to date row by row is a third of
storing a new article, more as the desk grows (each batch rewrites pages
all over them). When an ingest brings at least as many articles as the desk
holds, they are dropped before it and built once after it, from the same
statements, so the desk ends as it would have.

The drop is committed with a flag in `meta`. An ingest stopped where no
`finally` runs (killed, a power cut) leaves the flag and a desk without
those indexes: every query still answers, only slower, and the next ingest
builds them (store tests check both).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from store.db import transaction
from store.schema import INDICES, MULTI_SPEAKER, SPEAKER_OUTLETS

# Below this many articles the gain is too small to be worth a rebuild.
BULK_LOAD_MIN = 1_000
FLAG = "bulk_load"
DEFERRED = (
    "current_article", "current_speaker", "current_outlet", "current_kind", "current_status",
    "current_stance", "current_speakers_speaker", "current_speakers_outlet", "quotes_speaker",
)  # fmt: skip


def _create_statements() -> dict[str, str]:
    """Each deferred index's own create statement, as the schema writes it."""
    schema = INDICES + MULTI_SPEAKER + SPEAKER_OUTLETS
    found = re.findall(r"(create index if not exists (\w+)\s+on [^;]+;)", schema)
    statements = {name: sql for sql, name in found if name in DEFERRED}
    assert set(statements) == set(DEFERRED), "an index to defer is not in the schema"
    return statements


CREATE = _create_statements()


def worth_it(db: sqlite_utils.Database, articles: int) -> bool:
    """Whether `articles` new articles are a bulk load for this desk."""
    if articles < BULK_LOAD_MIN:
        return False
    return articles >= db.execute("select count(*) from articles").fetchone()[0]


def unfinished(db: sqlite_utils.Database) -> bool:
    """Whether a bulk load stopped before it built its indexes."""
    return db.execute("select 1 from meta where key = ?", [FLAG]).fetchone() is not None


def start(db: sqlite_utils.Database) -> None:
    with transaction(db):
        for name in DEFERRED:
            db.execute(f"drop index if exists {name}")
        db.execute("insert or replace into meta values (?, '1')", [FLAG])


def finish(db: sqlite_utils.Database) -> None:
    """Build the deferred indexes (those still missing) and clear the flag."""
    with transaction(db):
        for name in DEFERRED:
            db.execute(CREATE[name])
        db.execute("delete from meta where key = ?", [FLAG])


@contextmanager
def bulk_load(db: sqlite_utils.Database, articles: int) -> Iterator[bool]:
    """Around the storing of an ingest of `articles` new articles; yields
    whether it is a bulk load. An earlier one left unfinished is finished
    first, or with this one."""
    bulk = worth_it(db, articles)
    if bulk:
        start(db)
    elif unfinished(db):
        finish(db)
    try:
        yield bulk
    finally:
        if bulk:
            finish(db)
