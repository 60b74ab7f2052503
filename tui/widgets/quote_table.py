"""The quotes table: rows come from SQL one page at a time.

A DataTable with 200,000 rows takes seconds to build, so this one holds only
the pages the analyst has scrolled through. When the cursor comes near the
last loaded row, a worker fetches the next page. Every filter change bumps
`generation`, so a page that arrives late for an old filter is dropped.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable

from tui.colours import kind_text, stance_text, status_text
from tui.messages import QuoteCountLoaded, QuotesPageLoaded

PAGE_SIZE = 100
# Fetch the next page when the cursor is this close to the last loaded row,
# so paging down never waits on the database.
PREFETCH_MARGIN = 40

FIXED_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("speaker", "Speaker", 18),
    ("outlet", "Outlet", 12),
    ("kind", "Kind", 8),
    ("stance", "Stance", 8),
    ("status", "✓", 1),
)
# Wider name columns when the table itself is wide; the quote gets the rest.
WIDE_TABLE = 120
WIDE_WIDTHS = {"speaker": 24, "outlet": 20}


def fit(text: str, width: int) -> str:
    """Cut to width with an ellipsis, so a cut name is visibly cut."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def row_at_cursor(table: DataTable, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The row the table's cursor is on, or None when the table is empty."""
    row = table.cursor_row
    return rows[row] if 0 <= row < len(rows) else None


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class QuoteTable(DataTable):
    """Quotes for the current filter, loaded lazily page by page."""

    BINDINGS = [
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
    ]

    total: reactive[int | None] = reactive(None)
    hidden_rejected: int = 0
    loading: reactive[bool] = reactive(False)

    def __init__(self, *, stance_labels: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.stance_labels = stance_labels
        self.quote_filter: Any = None
        self.generation = 0
        self.rows_by_id: dict[int, dict[str, Any]] = {}
        self.order: list[int] = []  # quote ids in table order
        self._pending_offset: int | None = None
        self._restore_id: int | None = None
        self.widths = {key: width for key, _, width in FIXED_COLUMNS}

    def on_mount(self) -> None:
        for key, label, width in FIXED_COLUMNS:
            self.add_column(label, key=key, width=width)
        self.add_column("Quote", key="quote", width=30)
        self._fit_columns()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns(event.size.width)
        # Resizes come in bursts while the screen's breakpoint classes settle;
        # check again once the layout has been refreshed.
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self, width: int | None = None) -> None:
        """Size the name columns to the table, and give the quote whatever is left."""
        if "quote" not in self.columns:
            return
        width = self.size.width if width is None else width
        if width == 0:
            return  # not laid out (or covered): cutting every row to nothing helps no one
        widths = {key: w for key, _, w in FIXED_COLUMNS}
        if width >= WIDE_TABLE:
            widths.update(WIDE_WIDTHS)
        fixed = sum(w + 2 * self.cell_padding for w in widths.values())
        scrollbar = self.styles.scrollbar_size_vertical
        widths["quote"] = max(20, width - scrollbar - fixed - 2 * self.cell_padding)
        changed = widths != self.widths
        if not changed and self.columns["quote"].width == widths["quote"]:
            return
        self.widths = widths
        for key, width in widths.items():
            column = self.columns[key]
            column.width = width
            column.auto_width = False
        # DataTable has no public "resize column"; this is how it recomputes widths.
        self._require_update_dimensions = True
        self.refresh()
        if changed:
            for row in self.rows_by_id.values():
                self.update_row(row)  # re-cut names and quotes to the new widths

    # ---- loading ---------------------------------------------------------

    def load(self, quote_filter: Any, *, keep_quote: int | None = None) -> None:
        """Show quotes for a new filter (or reload the same one after a big change)."""
        self.quote_filter = quote_filter
        self.generation += 1
        self._restore_id = keep_quote
        self.total = None
        self.hidden_rejected = 0
        self.clear()
        self.rows_by_id.clear()
        self.order.clear()
        self._pending_offset = None
        if not self.app.data.exists:
            self.total = 0
            return
        # The page first: both share the database thread, and rows matter more than the count.
        self._fetch_page(self.generation, 0)
        self._fetch_count(self.generation, quote_filter)

    def recount(self) -> None:
        """Count again after a decision (the shown rows stay; a reload is the analyst's call)."""
        if self.quote_filter is not None and self.app.data.exists:
            self._fetch_count(self.generation, self.quote_filter)

    @work(exclusive=True, group="quote-count")
    async def _fetch_count(self, generation: int, quote_filter: Any) -> None:
        from store.queries import count_hidden_rejected, count_quotes

        total = await self.app.data.run(count_quotes, quote_filter)
        hidden = await self.app.data.run(count_hidden_rejected, quote_filter)
        self.post_message(QuoteCountLoaded(generation, total, hidden))

    def _fetch_next_page(self) -> None:
        """The page after the rows held, read from the last id held on (not by offset:
        an offset is walked row by row, and a page a million rows down took long)."""
        after = self.order[-1] if self.order else None
        self._fetch_page(self.generation, len(self.order), after)

    @work(group="quote-page")
    async def _fetch_page(self, generation: int, offset: int, after: int | None = None) -> None:
        from store.queries import list_quotes

        self._pending_offset = offset
        # Textual covers a loading widget with its indicator, and laying the table
        # out again when it is uncovered cost more than the page itself: only an
        # empty table (a new filter) waits under it, never one being scrolled.
        self.loading = offset == 0
        rows = await self.app.data.run(
            list_quotes, self.quote_filter, offset, PAGE_SIZE, after=after
        )
        self.post_message(QuotesPageLoaded(generation, offset, rows))

    @on(QuoteCountLoaded)
    def _count_loaded(self, message: QuoteCountLoaded) -> None:
        # A stale count stops here; a current one goes on up to the screen's count line.
        if message.generation != self.generation:
            message.stop()
            return
        self.total = message.total
        self.hidden_rejected = message.hidden_rejected

    @on(QuotesPageLoaded)
    def _page_loaded(self, message: QuotesPageLoaded) -> None:
        if message.generation != self.generation or message.offset != len(self.order):
            message.stop()
            return
        self._pending_offset = None
        self.loading = False
        for row in message.rows:
            quote_id = int(row["id"])
            if quote_id in self.rows_by_id:
                continue  # a row that moved pages while we were paging
            self.rows_by_id[quote_id] = row
            self.order.append(quote_id)
            self.add_row(*self._cells(row), key=str(quote_id))
        if len(message.rows) < PAGE_SIZE and (self.total is None or self.total > len(self.order)):
            # The last page came back short: the count is whatever we hold.
            self.total = len(self.order)
        if self._restore_id is not None:
            if self._restore_id in self.rows_by_id:
                self.move_cursor(row=self.order.index(self._restore_id), scroll=True)
                self._restore_id = None
            elif self.wants_more():
                self._fetch_next_page()
                return
            else:
                self._restore_id = None
        self._maybe_prefetch()
        self._fit_columns()

    def wants_more(self) -> bool:
        return self.total is None or len(self.order) < self.total

    def _maybe_prefetch(self) -> None:
        if (
            self._pending_offset is None
            and self.wants_more()
            and self.cursor_row >= len(self.order) - PREFETCH_MARGIN
            and len(self.order) > 0
        ):
            self._fetch_next_page()

    @on(DataTable.RowHighlighted)
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_prefetch()

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    # ---- rows ------------------------------------------------------------

    def _cells(self, row: dict[str, Any]) -> tuple[Any, ...]:
        status = row.get("status") or "unreviewed"
        w = self.widths
        # Every speaker of the quote: "ministry; agency" for "the ministry and the agency said".
        name = row.get("speakers") or row.get("speaker")
        speaker = Text(fit(one_line(name) or "unknown", w["speaker"]))
        if not row.get("speaker"):
            speaker.stylize("dim italic")
        quote = Text(fit(one_line(row.get("quote")), w.get("quote", 200)))
        if status == "rejected":
            quote.stylize("dim strike")
        outlet = fit(one_line(row.get("outlet")), w["outlet"])
        return (
            speaker,
            Text(outlet or "–", style="" if outlet else "dim"),
            kind_text(row.get("kind")),
            stance_text(row.get("stance"), self.stance_labels),
            status_text(status, short=True),
            quote,
        )

    def update_row(self, row: dict[str, Any]) -> None:
        """Show a quote's new state in place (after accept, stance, ...)."""
        quote_id = int(row["id"])
        if quote_id not in self.rows_by_id:
            return
        self.rows_by_id[quote_id] = row
        for (key, *_), value in zip((*FIXED_COLUMNS, ("quote",)), self._cells(row), strict=True):
            self.update_cell(str(quote_id), key, value)

    @property
    def current_quote(self) -> dict[str, Any] | None:
        if not self.order or self.cursor_row < 0 or self.cursor_row >= len(self.order):
            return None
        return self.rows_by_id.get(self.order[self.cursor_row])

    def select_quote(self, quote_id: int) -> bool:
        if quote_id in self.rows_by_id:
            self.move_cursor(row=self.order.index(quote_id), scroll=True)
            return True
        return False
