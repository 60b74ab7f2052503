"""The app's own messages, in one place (as Harlequin keeps them).

Workers never touch widgets: they post one of these, and the handler on the
UI side updates what is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class QuotesPageLoaded(Message):
    """A page of quote_view rows for the filter identified by `generation`."""

    generation: int
    offset: int
    rows: list[dict[str, Any]]


@dataclass
class QuoteCountLoaded(Message):
    generation: int
    total: int
    hidden_rejected: int = 0  # rejected quotes the filter leaves out


@dataclass
class QuoteDetailLoaded(Message):
    """Everything the detail pane shows for one quote (store.queries.get_quote)."""

    quote_id: int
    detail: dict[str, Any] | None


@dataclass
class FilterChanged(Message):
    """The filter bar or a screen asks for a different set of quotes."""

    quote_filter: Any  # store.queries.QuoteFilter


@dataclass
class DataChanged(Message):
    """An analyst's decision was stored; every view re-reads what it shows.

    `quote_ids` names the quotes touched when that is known (one accept), or is
    empty when many may have changed (a speaker merge), so views reload wholly.
    """

    quote_ids: tuple[int, ...] = ()
    summary: str = ""
    origin: Any = None  # the screen that already shows the change


@dataclass
class ShowQuotes(Message):
    """Open the Quotes screen on a filter (from Speakers, Overview, the palette)."""

    quote_filter: Any
    description: str = ""
