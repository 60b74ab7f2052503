"""The Adjudicate screen: settle the units where a sample's coders disagree.

`quotedesk tui --adjudicate NAME` opens it over the desk. One row per unit
(quote x field) the coders coded differently; below, the quote with each
coder's value and note side by side. Keys 1-9 take that coder's value, e sets
another, A settles every unit the coders agree on; each is a logged desk
decision (store.coding.adjudicate), and u undoes it like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.messages import DataChanged

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

TAKE = Binding.Group("Take coder's value", compact=True)


class AdjudicateScreen(Screen):
    """Disagreements of one sample, each coder's value and note side by side."""

    BINDINGS = [
        *[
            Binding(str(n), f"take({n})", f"Take coder {n}", id=f"take-{n}", group=TAKE)
            for n in range(1, 10)
        ],
        Binding("e", "set_value", "Set another", id="adjudicate-set"),
        Binding("A", "settle_agreed", "Settle agreed", id="adjudicate-agreed"),
        Binding("escape", "app.pop_screen", "Back", id="adjudicate-back"),
    ]
    UNDO = True  # the app's undo and redo (u, ctrl+r) work here

    DEFAULT_CSS = """
    #adjudicate-head { height: auto; padding: 0 1; background: $boost; }
    #adjudicate-table { height: 1fr; }
    #adjudicate-detail { height: auto; max-height: 50%; padding: 1 1; border-top: solid $primary; }
    """

    app: QuoteDeskApp

    def __init__(self, sample: Any) -> None:
        super().__init__(id="adjudicate")
        self.sample = sample
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="adjudicate-head")
        yield DataTable(id="adjudicate-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="adjudicate-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "field", "outlet", *self.sample.coders, "settled")
        self._load()
        # A settlement, its undo or redo: every stored decision re-reads the units.
        self.watch(self.app, "data_version", lambda _: self._load(), init=False)

    @property
    def current(self) -> dict[str, Any] | None:
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @work(exclusive=True, group="adjudicate")
    async def _load(self) -> None:
        from store.coding import disagreements

        rows = [
            {"unit": u, "quote": u.quote}
            for u in await self.app.data.run(disagreements, self.sample)
        ]
        keep = self.query_one(DataTable).cursor_row
        self.rows = rows
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            unit = row["unit"]
            values = [unit.values[c] or "–" for c in self.sample.coders]
            table.add_row(
                unit.quote_id, unit.field, unit.outlet or "–", *values, unit.settled or ""
            )
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        left = sum(r["unit"].settled is None for r in rows)
        coders = "  ".join(f"[b]{i}[/b] {escape(c)}" for i, c in enumerate(self.sample.coders, 1))
        self.query_one("#adjudicate-head", Static).update(
            f"Adjudicate sample [b]{escape(self.sample.name)}[/b]: {len(rows)} disagreements,"
            f" {left} to settle · take a coder's value: {coders} · e another · A all agreed"
        )
        self._show_detail()

    @on(DataTable.RowHighlighted, "#adjudicate-table")
    def _show_detail(self) -> None:
        row = self.current
        detail = self.query_one("#adjudicate-detail", Static)
        if row is None:
            detail.update("No disagreements in this sample." if not self.rows else "")
            return
        unit = row["unit"]
        lines = [f"#{unit.quote_id} “{escape(' '.join(row['quote'].split()))}”", ""]
        for i, coder in enumerate(self.sample.coders, 1):
            note = unit.notes.get(coder)
            lines.append(
                f"[b]{i} {escape(coder)}[/b]: {unit.field} = {escape(unit.values[coder] or '–')}"
                + (f"   [i]note: {escape(note)}[/i]" if note else "")
            )
        if unit.settled is not None:
            lines.append(f"\nsettled: {escape(unit.settled)}")
        detail.update("\n".join(lines))

    def action_take(self, n: int) -> None:
        row = self.current
        if row is None:
            return
        if n > len(self.sample.coders):
            self.notify(f"No coder {n}: this sample has {len(self.sample.coders)}.")
            return
        self._settle(row["unit"], take=self.sample.coders[n - 1])

    @work(group="dialog")
    async def action_set_value(self) -> None:
        from tui.widgets.text_prompt import TextPrompt

        row = self.current
        if row is None:
            return
        unit = row["unit"]
        hint = {"status": "accepted or rejected", "speaker": "a known speaker's name"}
        value = await self.app.push_screen_wait(
            TextPrompt(
                f"{unit.field} of quote #{unit.quote_id}",
                unit.settled or "",
                placeholder=hint.get(unit.field, "a stance label"),
            )
        )
        if value:
            self._settle(unit, value=value)

    @work(group="decide")
    async def _settle(self, unit: Any, **choice: Any) -> None:
        from store.coding import adjudicate
        from store.errors import StoreError

        try:
            value = await self.app.data.run(
                adjudicate,
                self.sample,
                unit.quote_id,
                unit.field,
                analyst=self.app.analyst,
                stance_labels=self.app.config.stance_labels,
                **choice,
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        summary = f"#{unit.quote_id} {unit.field}: {value}"
        self.notify(summary, title="Settled")
        self.app.post_message(DataChanged((unit.quote_id,), summary, origin=self))

    @work(group="decide")
    async def action_settle_agreed(self) -> None:
        from store.coding import settle_agreed

        count = await self.app.data.run(settle_agreed, self.sample, analyst=self.app.analyst)
        self.notify(f"Settled {count} units the coders agree on.", title="Settled")
        self.app.post_message(DataChanged((), "settled agreed units", origin=self))
