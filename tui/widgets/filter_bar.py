"""The line above the table: full-text search, the active filters, the count.

Typing in the search box runs an FTS5 search after a short pause (so a fast
typist does not start a query per key); Enter searches at once and goes back
to the table.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Input, Static

from tui.messages import FilterChanged

SEARCH_DEBOUNCE = 0.25

# Filter fields an analyst sets directly, in the order the summary lists them.
SHOWN_FIELDS = ("speaker", "outlet", "kind", "stance", "status", "article_id", "statement_id")


def describe(quote_filter: Any) -> Text:
    """ "outlet=Reuters kind=direct" or "all quotes"; readable at a glance."""
    parts = Text()
    for name in SHOWN_FIELDS:
        value = getattr(quote_filter, name, None)
        if value in (None, ""):
            continue
        if parts:
            parts.append(" ")
        parts.append(f"{name.replace('_id', '')}=", style="dim")
        parts.append(str(value), style="bold")
    if getattr(quote_filter, "speaker_id", None) and not getattr(quote_filter, "speaker", None):
        parts.append(" speaker=", style="dim")
        parts.append(f"#{quote_filter.speaker_id}", style="bold")
    if getattr(quote_filter, "search", None):
        parts.append(" " if parts else "")
        parts.append("matching ", style="dim")
        parts.append(f"“{quote_filter.search}”", style="bold")
    if getattr(quote_filter, "include_rejected", False):
        parts.append(" +rejected", style="dim")
    return parts or Text("all quotes · f to filter", style="dim")


def is_empty(quote_filter: Any) -> bool:
    blank = type(quote_filter)()
    return all(
        getattr(quote_filter, f.name) == getattr(blank, f.name) for f in fields(quote_filter)
    )


class FilterBar(Horizontal):
    """Search box, filter summary and count of what is shown."""

    def __init__(self, quote_filter: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quote_filter = quote_filter
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.quote_filter.search or "",
            placeholder="/ search",
            id="search",
            compact=True,
        )
        yield Static(describe(self.quote_filter), id="filter-summary")
        yield Static("", id="quote-count")

    def set_filter(self, quote_filter: Any) -> None:
        """Show a filter chosen elsewhere (filter dialog, Speakers screen)."""
        self.quote_filter = quote_filter
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = quote_filter.search or ""
        self.query_one("#filter-summary", Static).update(describe(quote_filter))

    def set_count(self, shown: int, total: int | None, hidden_rejected: int = 0) -> None:
        if total is None:
            text = Text("counting…", style="dim")
        elif total == 0:
            text = Text("no quotes", style="dim")
        else:
            text = Text.assemble((f"{total:,}", "bold"), " quote" if total == 1 else " quotes")
            if shown < total:
                text.append(f" ({shown:,} loaded)", style="dim")
        if total is not None and hidden_rejected:
            text.append(f" · {hidden_rejected:,} rejected hidden", style="dim")
        self.query_one("#quote-count", Static).update(text)

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(SEARCH_DEBOUNCE, self._search_now)

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self._search_now()
        self.screen.focus_next("QuoteTable")

    def _search_now(self) -> None:
        text = self.query_one("#search", Input).value.strip() or None
        if text == (self.quote_filter.search or None):
            return
        self.quote_filter = replace(self.quote_filter, search=text)
        self.query_one("#filter-summary", Static).update(describe(self.quote_filter))
        self.post_message(FilterChanged(self.quote_filter))
