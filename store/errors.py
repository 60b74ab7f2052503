"""Errors the store raises. Each carries a one-line message fit for an analyst."""


class StoreError(Exception):
    """Anything wrong with the database file or a store operation."""


class StaleEdit(StoreError):
    """An edit was based on a view of a quote that another analyst has since changed."""


class BadRecord(StoreError):
    """One extraction record cannot be stored; the rest of a batch can."""


class DatabaseFailure(StoreError):
    """SQLite itself failed: the file is locked, read-only, damaged or gone.

    Raised by the store's connection (store.db) for every sqlite3 error, with a
    one-line message that names the file. `args` keep SQLite's own message.
    """

    def __init__(self, message: str, sqlite_message: str) -> None:
        super().__init__(sqlite_message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple:
        # Rebuilt as a plain DatabaseFailure in another process: the class
        # that is also the sqlite3 error is made at run time (store.db).
        return DatabaseFailure, (self.message, *self.args)
