"""One database connection on one thread, shared by every worker of the app.

sqlite3 connections belong to the thread that opened them, and Textual's
thread workers each get a fresh thread. So the app keeps a single-threaded
executor that owns the connection; async workers `await data.run(fn, ...)`.
Reads and writes are serialised in the order they were asked for, which also
means an accept followed at once by a page reload sees the accept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class DataSource:
    def __init__(self, path: Path, on_error: Callable[[str], None] | None = None) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotedesk-db")
        self._db: Any = None
        # Called (on the UI side) when the file cannot be used at all.
        self.on_error = on_error
        self.error: str | None = None
        self._writes_warm = False

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def _connection(self) -> Any:
        if self._db is None:
            from store.db import open_db

            # Never create the file from the app: an empty state tells the
            # analyst how to ingest instead of leaving a stray empty database.
            self._db = open_db(self.path, create=False)
        return self._db

    def warm_up(self) -> None:
        """Import the store and open the file on the database thread right away,
        while the UI is still being built on the main one."""
        if self.exists:
            self._executor.submit(self._warm)

    def warm_writes(self) -> None:
        """Import the decision code on the database thread, so the first accept
        does not pay for it; asked for once the first rows are on screen, which
        should not wait for it."""
        if self.exists and not self._writes_warm:
            self._writes_warm = True
            self._executor.submit(self._warm_writes)

    def _warm(self) -> None:
        try:
            self._connection()
            import store.queries  # noqa: F401
        except Exception:  # noqa: BLE001 - the first real query reports it properly
            self._db = None

    @staticmethod
    def _warm_writes() -> None:
        import store.decisions  # noqa: F401

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(db, ...) on the database thread and wait (tests, benchmarks)."""
        return self._executor.submit(lambda: fn(self._connection(), *args, **kwargs)).result()

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(db, ...) on the database thread without blocking the UI.

        A file that cannot be opened (not a database, a newer schema, locked,
        damaged) or a SQLite failure is reported once through `on_error` and
        cancels the calling worker: the app stays open and says what is wrong.
        Store errors about the operation itself (StaleEdit, ...) reach the caller.
        """
        from store.errors import DatabaseFailure, StoreError

        loop = asyncio.get_running_loop()
        try:
            db = await loop.run_in_executor(self._executor, self._connection)
            return await loop.run_in_executor(self._executor, lambda: fn(db, *args, **kwargs))
        except StoreError as exc:
            if self._db is not None and not isinstance(exc, DatabaseFailure):
                raise  # the database is fine; the operation was refused
            if self.error is None and self.on_error is not None:
                self.on_error(str(exc))
            self.error = str(exc)
            raise asyncio.CancelledError from exc

    def close(self) -> None:
        def _close() -> None:
            if self._db is not None:
                self._db.conn.close()
                self._db = None

        self._executor.submit(_close)
        self._executor.shutdown(wait=True)
