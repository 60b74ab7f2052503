"""Opening a quotedesk database: checks, WAL, busy timeout, schema and migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from store import schema
from store.errors import StoreError

SCHEMA_VERSION = schema.SCHEMA_VERSION
BUSY_TIMEOUT_MS = 5_000
SQLITE_MAGIC = b"SQLite format 3\x00"


def open_db(
    path: str | Path, *, create: bool = True, make_folders: bool = False
) -> sqlite_utils.Database:
    """Open (or create) the database at `path`, ready for reads and writes.

    A new database is made only in a folder that exists, unless `make_folders`:
    a mistyped path should fail, not start a second desk somewhere else.
    Raises StoreError, with the file named, for anything that is not a
    quotedesk database we can use; the file is never modified in that case.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such database (create one with `quotedesk ingest`)")
        _make_folder(path, make_folders)
    elif path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    elif path.stat().st_size:
        _check_header(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        _prepare(db, path)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{path}: {explain_sqlite_error(exc)}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    return db


def _make_folder(path: Path, make_folders: bool) -> None:
    if path.parent.is_dir():
        return
    if not make_folders:
        raise StoreError(f"{path}: no folder {path.parent}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot make folder {path.parent} ({exc.strerror})") from None


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise StoreError(f"{path}: not a SQLite database (refusing to touch it)")


def _prepare(db: sqlite_utils.Database, path: Path) -> None:
    db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("pragma foreign_keys = on")
    application, version = schema.version(db)
    tables = db.table_names()
    if application is None and tables:
        raise StoreError(
            f"{path}: a SQLite database, but not a quotedesk one (refusing to touch it)"
        )
    if application is not None and application != schema.APPLICATION:
        raise StoreError(f"{path}: written by {application}, not quotedesk")
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer quotedesk (schema {version}, this one reads "
            f"up to {SCHEMA_VERSION}); upgrade quotedesk"
        )
    if db.journal_mode != "wal":
        db.enable_wal()
    if version is None:
        schema.create(db)
    elif version < SCHEMA_VERSION:
        schema.migrate(db, version)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction: all of it lands, or none of it.

    BEGIN IMMEDIATE takes the write lock before the first read, so a check
    (is this edit stale? is this article stored?) and the write it guards see
    the same state even with another process writing; waiting for the lock
    uses the busy timeout. Nested calls join the outer transaction, so an
    action built from smaller ones is still one transaction. A lock that
    outlasts the timeout becomes a StoreError an analyst can read.
    """
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    try:
        conn.execute("begin immediate")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{db_name(db)}: {explain_sqlite_error(exc)}") from None
    try:
        yield
        conn.commit()
    except sqlite3.OperationalError as exc:
        conn.rollback()
        raise StoreError(f"{db_name(db)}: {explain_sqlite_error(exc)}") from None
    except BaseException:
        conn.rollback()
        raise


def db_name(db: sqlite_utils.Database) -> str:
    """The file behind a connection, for error messages."""
    row = db.execute("pragma database_list").fetchone()
    return row[2] if row and row[2] else "the database"


def explain_sqlite_error(exc: sqlite3.OperationalError) -> str:
    """A sqlite3 error in words an analyst can act on."""
    message = str(exc)
    if "locked" in message or "busy" in message:
        return "the database is locked by another program; try again when it has finished"
    if "readonly" in message or "read-only" in message:
        return "the database is read-only here"
    if "unable to open" in message:
        return "cannot open the database file (check the folder and permissions)"
    return message
