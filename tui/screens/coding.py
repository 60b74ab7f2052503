"""Blind coding: the Quotes screen walking one coder through a reliability sample.

`quotedesk tui --sample NAME --analyst ann` opens this screen in place of the
Quotes screen. It shows the sample's quotes only, each as the machine found it
with the coder's own decisions over it (store.coding.blind_quotes): nobody
else's status, stance, note, speaker correction or history, and no screen that
would show them (article view, statements, speakers, overview, export). The
keys are the Quotes screen's; each decision is logged as this coder's coding in
the sample, kept apart from the desk, and undone with u like any other.
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Footer, Static

from tui.messages import DataChanged, QuoteCountLoaded, QuoteDetailLoaded, QuotesPageLoaded
from tui.screens.quotes import QuotesScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.filter_bar import FilterBar
from tui.widgets.quote_table import PAGE_SIZE, QuoteTable

HIDDEN_WHILE_CODING = "Not while coding a sample: it would show other coders' decisions."


class CodingTable(QuoteTable):
    """The sample's quotes as this coder may see them (a sample is small: one read)."""

    @work(exclusive=True, group="quote-count")
    async def _fetch_count(self, generation: int, quote_filter: Any) -> None:
        rows = await self.app.data.run(_blind_rows, self.app, quote_filter)
        self.post_message(QuoteCountLoaded(generation, len(rows)))

    @work(group="quote-page")
    async def _fetch_page(self, generation: int, offset: int) -> None:
        self._pending_offset = offset
        self.loading = True
        rows = await self.app.data.run(_blind_rows, self.app, self.quote_filter)
        self.post_message(QuotesPageLoaded(generation, offset, rows[offset : offset + PAGE_SIZE]))


def _blind_rows(db: Any, app: Any, quote_filter: Any) -> list[dict[str, Any]]:
    from store.coding import blind_quotes

    return blind_quotes(db, app.sample, app.analyst, quote_filter)


def _blind_quote(db: Any, app: Any, quote_id: int) -> dict[str, Any]:
    from store.coding import blind_quote

    return blind_quote(db, app.sample, app.analyst, quote_id)


def codebook_line(labels: tuple[str, ...], codebook: dict[str, str]) -> str:
    """Key, label and definition of each stance, for the line above the table."""
    return "  ".join(
        f"[b]{i}[/b] {escape(label)}"
        + (f": {escape(codebook[label])}" if label in codebook else "")
        for i, label in enumerate(labels, 1)
    )


def samples_line(states: list[Any]) -> str:
    """Krippendorff's alpha of each open coding sample, one line each, for the Overview."""
    lines = []
    for state in states:
        if not state.open:
            continue
        alphas = " · ".join(
            f"{name} α {'–' if alpha is None else f'{alpha:.2f}'}"
            for name, alpha in state.alphas.items()
        )
        todo = []
        if state.uncoded:
            todo.append(f"{state.uncoded} units to code")
        if state.unsettled:
            todo.append(f"{state.unsettled} to settle")
        lines.append(f"sample [b]{state.sample}[/b]: {alphas} ({', '.join(todo)})")
    return "\n".join(lines)


def targets_line(targets: tuple[str, ...]) -> str:
    return f"  · targets: {escape('; '.join(targets))}" if targets else ""


class CodingScreen(QuotesScreen):
    """Code a sample blind: the Quotes desk narrowed to the sample and to your own values."""

    DEFAULT_CSS = """
    #codebook {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        labels = self.app.config.stance_labels
        sample = self.app.sample
        yield FilterBar(self.quote_filter, id="filter-bar")
        yield Static(
            f"Sample [b]{escape(sample.name)}[/b], coding blind as"
            f" [b]{escape(self.app.analyst)}[/b] · "
            + codebook_line(labels, self.app.config.codebook)
            + (
                f"  · targets: {'; '.join(targets)}"
                if (targets := self.app.config.stance_targets)
                else ""
            ),
            id="codebook",
        )
        with Container(id="quotes-body"):
            yield CodingTable(stance_labels=labels, id="quote-table")
            yield Static(id="empty", classes="empty-state")
            yield DetailPane(stance_labels=labels, id="detail")
        yield Footer(compact=True, show_command_palette=False)

    @work(exclusive=True, group="detail")
    async def _load_detail(self, quote_id: int) -> None:
        from store.errors import StoreError

        try:
            detail = await self.app.data.run(_blind_quote, self.app, quote_id)
        except StoreError:
            detail = None
        self.post_message(QuoteDetailLoaded(quote_id, detail))

    async def _refresh_rows(self, quote_ids: tuple[int, ...]) -> None:
        from store.errors import StoreError

        for quote_id in quote_ids:
            try:
                detail = await self.app.data.run(_blind_quote, self.app, quote_id)
            except StoreError:
                continue
            self.table.update_row(detail)
            current = self.current
            if current is not None and current["id"] == quote_id:
                self.query_one(DetailPane).show(detail)

    async def _apply(self, quote: dict[str, Any], op: str, **kw: Any) -> bool:
        """Log this coder's value for the quote; True when it was stored."""
        from store.errors import StoreError

        try:
            summary = await self.app.data.run(apply_coding, self.app, op, quote, **kw)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return False
        await self._refresh_rows((quote["id"],))
        self.table.recount()
        self.app.post_message(DataChanged((quote["id"],), summary, origin=self))
        return True

    # Views that would show the desk's values, or change them.
    def action_article(self) -> None:
        self.notify(HIDDEN_WHILE_CODING, severity="warning")

    def action_compare(self) -> None:
        self.notify(HIDDEN_WHILE_CODING, severity="warning")

    async def action_outlet(self) -> None:
        self.notify("The outlet is not coded in a sample.", severity="warning")

    async def action_export(self) -> None:
        self.notify("Export the desk's data outside a sample (quotedesk export).")


def apply_coding(db: Any, app: Any, op: str, quote: dict[str, Any], **kw: Any) -> str:
    """Map a review action onto the coder's values (runs on the database thread)."""
    from store.db import transaction

    with transaction(db):
        return _code(db, app, op, quote, **kw)


def _code(db: Any, app: Any, op: str, quote: dict[str, Any], **kw: Any) -> str:
    from store.coding import code, coded_values
    from store.speakers import speaker_id

    quote_id = quote["id"]
    if op == "set_speaker" and kw.get("speaker_id") is None:
        # A new name: the speaker exists for everyone, the choice is the coder's.
        name, type_ = kw["name"].strip(), kw.get("speaker_type") or "person"
        kw["speaker_id"] = speaker_id(db, name, type_, None)
    choices = {
        "accept": {"status": "accepted"},
        "reject": {"status": "rejected"},
        "set_stance": {"stance": kw.get("label") or "", "stance_target": kw.get("target")},
        "set_note": {"note": kw.get("note") or ""},
        "set_speaker": {"speaker": kw.get("speaker_id")},
    }
    if op not in choices:
        raise ValueError(f"{op!r} is not coded in a sample")
    values = coded_values(db, **choices[op])
    code(
        db,
        app.sample,
        quote_id,
        values,
        analyst=app.analyst,
        stance_labels=app.config.stance_labels,
    )
    done = {"accept": "Accepted", "reject": "Rejected"}.get(op, "Coded")
    return f"{done} quote #{quote_id} in sample {app.sample.name}"
