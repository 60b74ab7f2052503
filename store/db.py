"""Opening a quotedesk database: checks, WAL, busy timeout, schema and migrations.

The connection translates every sqlite3 error into a DatabaseFailure (a
StoreError) that names the file, so the rest of the desk catches StoreError
alone and never imports sqlite3.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import sqlite_utils

from store import schema
from store.errors import DatabaseFailure, StoreError

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
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            factory=StoreConnection,
        )
    except sqlite3.Error as exc:
        raise failure(path, exc) from None
    conn.path = path
    db = sqlite_utils.Database(conn)
    try:
        _prepare(db, path)
    except DatabaseFailure as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError):
            raise
        raise StoreError(f"{path}: not a usable SQLite database ({exc.args[0]})") from None
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
    conn.execute("begin immediate")
    try:
        yield
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def explain_sqlite_error(exc: sqlite3.Error) -> str:
    """A sqlite3 error in words an analyst can act on."""
    message = str(exc)
    if "locked" in message or "busy" in message:
        return "the database is locked by another program; try again when it has finished"
    if "readonly" in message or "read-only" in message:
        return "the database is read-only here"
    if "unable to open" in message:
        return "cannot open the database file (check the folder and permissions)"
    if type(exc) is sqlite3.DatabaseError:  # "malformed", "file is not a database"
        return f"the database is damaged or not a database ({message})"
    return message


def failure(path: object, exc: sqlite3.Error) -> DatabaseFailure:
    """The DatabaseFailure that stands for a sqlite3 error on the file at `path`."""
    raised = _failure_class(type(exc))(f"{path}: {explain_sqlite_error(exc)}", str(exc))
    raised.sqlite_errorname = getattr(exc, "sqlite_errorname", None)
    return raised


@cache
def _failure_class(kind: type[sqlite3.Error]) -> type[DatabaseFailure]:
    # Also the sqlite3 error it replaces: sqlite_utils catches OperationalError
    # for its own fallbacks (a table that is not there yet, an older SQLite).
    return type(f"DatabaseFailure[{kind.__name__}]", (DatabaseFailure, kind), {})


class StoreCursor(sqlite3.Cursor):
    """A cursor whose SQLite failures come out as DatabaseFailure, naming the file."""

    def execute(self, sql: str, parameters: Any = ()) -> StoreCursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc

    def executemany(self, sql: str, parameters: Any) -> StoreCursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc

    def executescript(self, script: str) -> StoreCursor:
        try:
            return super().executescript(script)
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc

    def __next__(self) -> Any:
        # A damaged page may show only when the rows reach it.
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise failure(self.connection.path, exc) from exc


class StoreConnection(sqlite3.Connection):
    """The store's connection: its cursors, commits and rollbacks raise DatabaseFailure."""

    path: object = "the database"

    def cursor(self, factory: Any = StoreCursor) -> Any:
        return super().cursor(factory)

    # sqlite3.Connection's own shortcuts make a plain cursor: go through ours.
    def execute(self, sql: str, parameters: Any = ()) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> Any:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str) -> Any:
        return self.cursor().executescript(script)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as exc:
            raise failure(self.path, exc) from exc

    def rollback(self) -> None:
        try:
            super().rollback()
        except sqlite3.Error as exc:
            raise failure(self.path, exc) from exc

    def __exit__(self, *exc_info: Any) -> Any:
        try:
            return super().__exit__(*exc_info)
        except sqlite3.Error as exc:
            raise failure(self.path, exc) from exc
