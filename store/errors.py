"""Errors the store raises. Each carries a one-line message fit for an analyst."""


class StoreError(Exception):
    """Anything wrong with the database file or a store operation."""


class StaleEdit(StoreError):
    """An edit was based on a view of a quote that another analyst has since changed."""


class BadRecord(StoreError):
    """One extraction record cannot be stored; the rest of a batch can."""
