"""Checking the values a command names before it acts: an unknown one is an error
that lists the allowed values (for a name, the closest known ones) instead of an
empty export or a nonsense value in the log."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils
from rapidfuzz import fuzz, process

from nlp.records import SPEAKER_TYPES
from store.errors import StoreError
from store.queries import KINDS, STATUSES, QuoteFilter

__all__ = ["SPEAKER_TYPES", "check_choice", "check_filter", "check_name", "closest_names"]


def check_choice(what: str, value: str | None, allowed: Iterable[str]) -> None:
    """StoreError unless `value` is one of `allowed` (None means not given)."""
    allowed = list(allowed)
    if value is not None and value not in allowed:
        raise StoreError(f"unknown {what} {value!r}: use one of {', '.join(allowed)}")


def check_name(db: sqlite_utils.Database, what: str, value: str | None, table: str) -> None:
    """StoreError unless some row of `table` (speakers, outlets) has this name."""
    if value is None:
        return
    names = [row[0] for row in db.execute(f"select name from {table}")]
    if value in names:
        return
    close = closest_names(value, names)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise StoreError(f"no {what} called {value!r}{hint}")


def closest_names(value: str, names: list[str], limit: int = 3) -> list[str]:
    """The names most like `value` (a typo, another spelling, a surname), best first."""
    close = process.extract(value, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [name for name, _, _ in close]


def check_filter(
    db: sqlite_utils.Database, f: QuoteFilter, stance_labels: Iterable[str] = ()
) -> None:
    """Every value a filter names exists, so an empty result means no such quotes.

    Stances are the configured labels plus any stored under an earlier configuration.
    """
    check_choice("kind", f.kind, KINDS)
    check_choice("status", f.status, STATUSES)
    if f.stance is not None:
        stored = [
            r[0] for r in db.execute("select distinct stance from human where stance is not null")
        ]
        check_choice("stance", f.stance, dict.fromkeys([*stance_labels, *stored]))
    check_name(db, "speaker", f.speaker, "speakers")
    check_name(db, "outlet", f.outlet, "outlets")
