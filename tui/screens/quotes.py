"""The Quotes screen: the table, the filter bar and the detail pane — the review desk.

Every review action is a key (remappable by its binding id). Each one runs in
a worker that calls store.decisions with the analyst's name and the value the
analyst saw (`expected`), so an edit made meanwhile by someone else is
reported, not overwritten. The row and detail update in place; the app then
tells every other screen that the data changed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from tui.messages import (
    DataChanged,
    FilterChanged,
    QuoteCountLoaded,
    QuoteDetailLoaded,
    QuotesPageLoaded,
)
from tui.widgets.detail_pane import DetailPane
from tui.widgets.filter_bar import FilterBar, is_empty
from tui.widgets.quote_table import QuoteTable

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

STANCE = Binding.Group("Stance", compact=True)

NO_DATABASE = """\
[b]No database at {path} yet.[/b]

Find the quotes in your articles (.txt files, folders, .jsonl) first:
  [b]quotedesk ingest PATH --db {path}[/b]
or try the bundled sample articles:
  [b]quotedesk demo[/b]

Then open this app again. Press q to quit."""

NO_QUOTES = """\
[b]No quotes in {path} yet.[/b]

Ingest articles with  [b]quotedesk ingest PATH --db {path}[/b]
or try the samples with  [b]quotedesk demo[/b]"""

NO_MATCH = """\
[b]No quotes match this filter.[/b]

esc clears it · f changes it · / searches again"""


def citation(q: dict[str, Any]) -> str:
    """The quote as it goes into a report, then Speaker, role (Outlet, "Title", date).

    Only a direct quote is the speaker's words verbatim, so only it gets
    quotation marks. A mixed quote is shown as written, with its own marks
    around the words that are the speaker's; reported speech (indirect,
    belief) is the reporter's wording and gets none. Neither keeps the "that"
    which tied it to the reporting verb.
    """
    who = q.get("speaker") or "unknown speaker"
    if q.get("role"):
        who += f", {q['role']}"
    where = q.get("outlet") or "unknown outlet"
    if q.get("title"):
        where += f', "{q["title"]}"'
    if q.get("published"):
        where += f", {str(q['published'])[:10]}"
    return f"{cited_words(q)} — {who} ({where})"


def cited_words(q: dict[str, Any]) -> str:
    text = " ".join((q.get("quote") or "").split())
    kind = q.get("kind")
    if kind == "direct":
        # The comma before "he said" belongs to the sentence, not to the quote.
        return f"“{text.rstrip(',')}”"
    # "said that the talks …": the "that" ties the report to its verb, which is not copied.
    return re.sub(r"^that\s+", "", text)


class QuotesScreen(Screen):
    """Browse, search and review quotes."""

    BINDINGS = [
        Binding("a", "accept", "Accept", id="accept"),
        Binding("x", "reject", "Reject", id="reject"),
        Binding("s", "speaker", "Speaker", id="speaker"),
        Binding("1", "stance(1)", "Stance 1", id="stance-1", group=STANCE),
        Binding("2", "stance(2)", "Stance 2", id="stance-2", group=STANCE),
        Binding("3", "stance(3)", "Stance 3", id="stance-3", group=STANCE),
        Binding("4", "stance(4)", "Stance 4", id="stance-4", group=STANCE),
        Binding("n", "note", "Note", id="note"),
        Binding("space", "next_unreviewed", "Next", id="next-unreviewed"),
        Binding("slash", "search", "Search", id="search", show=False),
        Binding("f", "filter", "Filter", id="filter", show=False),
        Binding("t", "stance_target", "Stance target", id="stance-target", show=False),
        Binding("o", "outlet", "Change outlet", id="outlet", show=False),
        Binding("e", "export", "Export CSV", id="export", show=False),
        Binding("c", "copy", "Copy with citation", id="copy", show=False),
        Binding("r", "article", "Read in article", id="open-article", show=False),
        Binding("v", "compare", "Compare outlets", id="compare", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="clear-filter", show=False),
    ]
    UNDO = True  # the app's undo and redo (u, ctrl+r) work here

    # The table, not the search box, has focus at start: keys are review actions.
    AUTO_FOCUS = "QuoteTable"

    app: QuoteDeskApp

    def __init__(self, quote_filter: Any = None) -> None:
        super().__init__(id="quotes")
        from store.queries import QuoteFilter

        self.quote_filter = quote_filter or QuoteFilter()
        self._seeking_unreviewed = False
        self._stale = False

    def compose(self) -> ComposeResult:
        labels = self.app.config.stance_labels
        yield FilterBar(self.quote_filter, id="filter-bar")
        with Container(id="quotes-body"):
            yield QuoteTable(stance_labels=labels, id="quote-table")
            yield Static(id="empty", classes="empty-state")
            yield DetailPane(stance_labels=labels, id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.table.focus()
        self.table.load(self.quote_filter)
        self._show_empty_if_needed()
        self.watch(self.app, "data_version", self._data_changed, init=False)

    @property
    def table(self) -> QuoteTable:
        return self.query_one(QuoteTable)

    @property
    def current(self) -> dict[str, Any] | None:
        return self.table.current_quote

    # ---- filter and paging ---------------------------------------------------

    def show_filter(self, quote_filter: Any) -> None:
        """Replace the filter (from the filter dialog, Speakers, the palette)."""
        self.quote_filter = quote_filter
        self.query_one(FilterBar).set_filter(quote_filter)
        self.table.load(quote_filter)
        self._update_count()

    @on(FilterChanged)
    def _filter_changed(self, message: FilterChanged) -> None:
        self.quote_filter = message.quote_filter
        self.table.load(message.quote_filter)
        self._update_count()

    @on(QuotesPageLoaded)
    def _page_loaded(self, message: QuotesPageLoaded) -> None:
        self._update_count()
        self._show_empty_if_needed()
        if message.offset == 0 and self.current is not None:
            self._load_detail(self.current["id"])
            self.app.data.warm_writes()
            # Once the first rows are drawn (building screens sooner delayed them).
            self.call_after_refresh(self.app.prepare_screens)
        if self._seeking_unreviewed:
            self._seeking_unreviewed = False
            self.action_next_unreviewed()

    @on(QuoteCountLoaded)
    def _count_loaded(self) -> None:
        self._update_count()
        self._show_empty_if_needed()

    def _update_count(self) -> None:
        table = self.table
        self.query_one(FilterBar).set_count(len(table.order), table.total, table.hidden_rejected)

    def show_database_error(self, error: str) -> None:
        self.query_one("#empty", Static).update(
            f"[b]Cannot read {self.app.db_path}[/b]\n\n{error}\n\n"
            "Point --db at a quotedesk database, or make one with  [b]quotedesk ingest PATH[/b]"
        )
        self.set_class(True, "-empty")

    def _show_empty_if_needed(self) -> None:
        if self.app.db_error:
            return
        path = self.app.db_path
        table = self.table
        if not self.app.data.exists:
            message = NO_DATABASE.format(path=path)
        elif table.total == 0 and not table.order:
            message = NO_QUOTES if is_empty(self.quote_filter) else NO_MATCH
            message = message.format(path=path)
        else:
            message = ""
        self.query_one("#empty", Static).update(message)
        self.set_class(bool(message), "-empty")
        if message:
            self.query_one(DetailPane).show(None)

    # ---- detail --------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#quote-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self._load_detail(int(event.row_key.value))

    @work(exclusive=True, group="detail")
    async def _load_detail(self, quote_id: int) -> None:
        from store.errors import StoreError
        from store.queries import get_quote

        try:
            detail = await self.app.data.run(get_quote, quote_id)
        except StoreError:  # gone since the page was read (a re-ingest); show nothing
            detail = None
        self.post_message(QuoteDetailLoaded(quote_id, detail))

    @on(QuoteDetailLoaded)
    def _detail_loaded(self, message: QuoteDetailLoaded) -> None:
        current = self.current
        if current is None or current["id"] != message.quote_id:
            return
        self.query_one(DetailPane).show(message.detail)

    @on(DataTable.RowSelected, "#quote-table")
    def _row_selected(self) -> None:
        self.action_article()

    # ---- review actions ------------------------------------------------------

    def _guard(self) -> dict[str, Any] | None:
        quote = self.current
        if quote is None:
            self.notify("No quote selected.", severity="warning")
        return quote

    def action_accept(self) -> None:
        if quote := self._guard():
            self._decide(quote, "accept", advance=True)

    def action_reject(self) -> None:
        if quote := self._guard():
            self._decide(quote, "reject", advance=True)

    def action_stance(self, slot: int) -> None:
        labels = self.app.config.stance_labels
        if slot > len(labels):
            self.notify(f"No stance label on key {slot}: see stance_labels in the config.")
            return
        if quote := self._guard():
            label = labels[slot - 1]
            if quote.get("stance") == label:
                return
            self._decide(quote, "set_stance", label=label, target=quote.get("stance_target"))

    def action_stance_target(self) -> None:
        from tui.widgets.text_prompt import TextPrompt

        quote = self._guard()
        if quote is None:
            return
        if not quote.get("stance"):
            self.notify("Set a stance first (keys 1–4), then its target.")
            return

        def done(target: str | None) -> None:
            if target is not None:
                self._decide(quote, "set_stance", label=quote["stance"], target=target or None)

        self.app.push_screen(
            TextPrompt(
                f"Stance target ({quote['stance']})",
                quote.get("stance_target") or "",
                placeholder="what or whom the stance is about; empty clears",
            ),
            done,
        )

    def action_note(self) -> None:
        from tui.widgets.note_editor import NoteEditor

        quote = self._guard()
        if quote is None:
            return

        def done(note: str | None) -> None:
            if note is not None and note != (quote.get("note") or ""):
                self._decide(quote, "set_note", note=note or None)

        self.app.push_screen(NoteEditor(quote.get("note") or "", f"quote #{quote['id']}"), done)

    # Workers that wait on a dialog are in the "dialog" group; the store write
    # they lead to runs in its own "decide" worker, so tests (and the app's
    # error handling) can wait for writes without waiting for the analyst.
    @work(group="dialog")
    async def action_speaker(self) -> None:
        from tui.widgets.speaker_picker import pick_speaker

        quote = self._guard()
        if quote is None:
            return
        choice = await pick_speaker(self.app, quote.get("speaker"))
        if choice is None:
            return
        if choice.speaker_id is not None and choice.speaker_id == quote.get("speaker_id"):
            return
        self._decide(
            quote,
            "set_speaker",
            speaker_id=choice.speaker_id,
            name=choice.name,
            speaker_type=choice.speaker_type,
            role=choice.role,
        )

    @work(group="dialog")
    async def action_outlet(self) -> None:
        from store.queries import filter_values
        from tui.widgets.picker import Choice, Picker

        quote = self._guard()
        if quote is None:
            return
        values = await self.app.data.run(filter_values)
        choices = [Choice(o, o) for o in values.get("outlets", [])]
        picked = await self.app.push_screen_wait(
            Picker(
                f"Outlet of this article (now: {quote.get('outlet') or 'unknown'})",
                choices,
                allow_new=True,
                placeholder="type an outlet",
            )
        )
        if picked is None or picked.text == quote.get("outlet"):
            return
        self._decide(quote, "set_outlet", outlet=picked.text)

    @work(group="decide")
    async def _decide(self, quote: dict[str, Any], op: str, advance: bool = False, **kw: Any):
        if await self._apply(quote, op, **kw) and advance:
            self.table.action_cursor_down()

    async def _apply(self, quote: dict[str, Any], op: str, **kw: Any) -> bool:
        """Run one store decision on a quote; True when it was stored."""
        from store.errors import StaleEdit, StoreError
        from tui import review_actions

        try:
            summary = await self.app.data.run(
                review_actions.apply, op, quote, analyst=self.app.analyst, **kw
            )
        except StaleEdit as exc:
            self.notify(f"{exc} Reloaded; try again.", severity="warning", timeout=6)
            await self._refresh_rows((quote["id"],))
            return False
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return False
        await self._refresh_rows((quote["id"],))
        self.table.recount()  # a rejected quote leaves the count of what is shown
        self.app.post_message(DataChanged((quote["id"],), summary, origin=self))
        return True

    async def _refresh_rows(self, quote_ids: tuple[int, ...]) -> None:
        from store.errors import StoreError
        from store.queries import get_quote

        for quote_id in quote_ids:
            try:
                detail = await self.app.data.run(get_quote, quote_id)
            except StoreError:
                continue
            self.table.update_row(detail)
            current = self.current
            if current is not None and current["id"] == quote_id:
                self.query_one(DetailPane).show(detail)

    def _data_changed(self, _version: int) -> None:
        """Another screen (or undo) changed data: reload, keeping the cursor's quote."""
        if self.app.last_change_ids and all(
            i in self.table.rows_by_id for i in self.app.last_change_ids
        ):
            if self.app.last_change_origin is self:
                return
            self.run_worker(self._refresh_rows(self.app.last_change_ids), group="refresh")
            self.table.recount()
            return
        current = self.current
        self.table.load(self.quote_filter, keep_quote=current["id"] if current else None)

    # ---- moving around -------------------------------------------------------

    def action_next_unreviewed(self) -> None:
        table = self.table
        start = table.cursor_row + 1
        for index in range(start, len(table.order)):
            if (table.rows_by_id[table.order[index]].get("status") or "unreviewed") == "unreviewed":
                table.move_cursor(row=index, scroll=True)
                return
        if table.wants_more():
            # Not among the loaded rows: load the next page and look again.
            self._seeking_unreviewed = True
            table.move_cursor(row=len(table.order) - 1, scroll=True)
            return
        self.notify("No unreviewed quote below this one.")

    def action_search(self) -> None:
        # Focus now, not via call_later: keys typed right after "/" (or pasted)
        # must land in the search box, not on the table as review actions.
        self.set_focus(self.query_one("#search", Input))

    def action_clear_filter(self) -> None:
        from store.queries import QuoteFilter

        if is_empty(self.quote_filter):
            self.table.focus()
            return
        self.show_filter(QuoteFilter())
        self.table.focus()

    @work(group="dialog")
    async def action_filter(self) -> None:
        from store.queries import filter_values
        from tui.widgets.filter_dialog import FilterDialog

        values = await self.app.data.run(filter_values) if self.app.data.exists else {}
        chosen = await self.app.push_screen_wait(FilterDialog(self.quote_filter, values))
        if chosen is not None:
            self.show_filter(chosen)
            self.table.focus()

    def action_article(self) -> None:
        from tui.screens.article import ArticleScreen

        if quote := self._guard():
            self.app.push_screen(ArticleScreen(quote["article_id"], quote["id"]))

    def action_compare(self) -> None:
        """The quote's statement on the Statements screen, this version highlighted."""
        if quote := self._guard():
            if quote.get("statement_id") is None:
                self.notify("This quote is not grouped into a statement yet.")
                return
            self.app.show_statement(quote["statement_id"], quote["id"])

    @work(group="copy")
    async def action_copy(self) -> None:
        from tui.clipboard import copy_text

        if quote := self._guard():
            text = citation(quote)
            said, known = await copy_text(self.app, text)
            self.notify(text, title=said, severity="information" if known else "warning")

    @work(group="dialog")
    async def action_export(self) -> None:
        from tui.widgets.text_prompt import TextPrompt

        if not self.app.data.exists:
            self.notify("No database yet: nothing to export.", severity="warning")
            return
        default = f"quotes-{datetime.now():%Y%m%d-%H%M}.csv"
        answer = await self.app.push_screen_wait(
            TextPrompt("Export the quotes shown to CSV", default, placeholder="file name")
        )
        if not answer:
            return
        self._export(Path(answer).expanduser(), self.quote_filter)

    @work(group="export")
    async def _export(self, path: Path, quote_filter: Any) -> None:
        from store.export import export_quotes

        def write(db: Any) -> int:
            with path.open("w", encoding="utf-8", newline="") as handle:
                return export_quotes(db, quote_filter, "csv", handle)

        try:
            rows = await self.app.data.run(write)
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror}", severity="error")
            return
        self.notify(f"Exported {rows:,} quotes to {path}", title="Export")

    def focus_filter(self, **changes: Any) -> None:
        self.show_filter(replace(self.quote_filter, **changes))
