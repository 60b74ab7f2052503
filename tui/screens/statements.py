"""The Statements screen: one real-world statement, as each outlet reported it.

The top table lists statements carried by several outlets, most outlets first,
with when and where each was first seen. Under it, the selected statement's
versions, earliest first, and a side-by-side comparison of the base version
(the earliest, or the one chosen with `b`) against the highlighted one, with
the words only one side has shaded. Grouping mistakes are fixed here: `l` takes
a version out on its own, `j` moves a version (or, from the top table, the
whole statement) into another statement. Both are decisions: they survive
regrouping and `u` undoes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from tui.colours import kind_text, status_text
from tui.messages import DataChanged
from tui.screens.list_screen import ListScreen
from tui.widgets.lazy_rows import CHUNK, near_end, show_more
from tui.widgets.quote_table import fit, row_at_cursor
from tui.widgets.sized_table import SizedTable
from tui.widgets.version_compare import VersionCompare, clean, similarity

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

# Statements listed at once; search narrows a corpus with more.
LIMIT = 1000


@dataclass
class StatementsLoaded(Message):
    rows: list[dict[str, Any]]


@dataclass
class StatementsMore(Message):
    """The list after its first chunk."""

    rows: list[dict[str, Any]]


@dataclass
class VersionsLoaded(Message):
    statement_id: int
    rows: list[dict[str, Any]]


class StatementsScreen(ListScreen):
    BINDINGS = [
        Binding("enter", "open_quotes", "Quotes", id="statement-quotes"),
        Binding("b", "base", "Set base", id="statement-base"),
        Binding("j", "join", "Join", id="statement-join"),
        Binding("l", "leave", "Leave", id="statement-leave"),
        Binding("a", "toggle_all", "All/shared", id="statement-all"),
        Binding("slash", "find", "Find", id="statement-find"),
        Binding("escape", "clear_find", "Clear", id="statement-clear", show=False),
    ]
    UNDO = True  # the app's undo and redo (u, ctrl+r) work here

    AUTO_FOCUS = "#statement-table"

    app: QuoteDeskApp

    def __init__(self) -> None:
        super().__init__(id="statements")
        self.rows: list[dict[str, Any]] = []
        self.versions: list[dict[str, Any]] = []
        self.versions_of: int | None = None
        self.base_id: int | None = None
        self.show_all = False  # False: only statements carried by 2+ outlets
        self.widths = (16, 22, 30)  # first outlet, speaker and words columns
        # (statement id, quote id) to select once loaded (from the Quotes screen).
        self.wanted: tuple[int, int | None] | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ find a speaker or words", id="statement-find", compact=True)
        yield Static(id="statements-summary")
        with Container(id="statements-body"):
            yield DataTable(cursor_type="row", zebra_stripes=True, id="statement-table")
            yield Static(id="statements-empty", classes="empty-state")
            yield SizedTable(cursor_type="row", id="version-table")
            yield VersionCompare(id="compare")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.table.focus()
        self._load()
        self.follow_data()

    def _columns(self, table: DataTable, columns: list[tuple[str, int | None]]) -> int:
        """Set the table's columns (fixed widths, the last takes the rest); returns the rest."""
        table.clear(columns=True)
        fixed = sum(width for _, width in columns if width)
        room = max(10, table.size.width - fixed - 2 * len(columns) * table.cell_padding - 2)
        for label, width in columns:
            table.add_column(label, width=width or room)
        return room

    def _narrow(self) -> bool:
        return self.size.width < 120

    @property
    def table(self) -> DataTable:
        return self.query_one("#statement-table", DataTable)

    @property
    def version_table(self) -> DataTable:
        return self.query_one("#version-table", DataTable)

    # ---- loading ------------------------------------------------------------------

    @work(exclusive=True, group="statements")
    async def _load(self) -> None:
        from store.statements import get_statement, list_statements

        if not self.app.data.exists:
            self.post_message(StatementsLoaded([]))
            return
        search = self.query_one("#statement-find", Input).value.strip() or None
        which = {"min_outlets": 1 if self.show_all else 2, "search": search}
        # The first chunk on screen first; the rest of the list after it.
        first = await self.app.data.run(list_statements, limit=CHUNK, **which)
        rows = first
        wanted = self.wanted[0] if self.wanted else None
        if wanted is not None and all(r["statement_id"] != wanted for r in rows):
            extra = await self.app.data.run(get_statement, wanted)
            if extra is not None:
                rows = [extra, *rows]
        self.post_message(StatementsLoaded(rows))
        if len(first) == CHUNK:
            rest = await self.app.data.run(
                list_statements, offset=CHUNK, limit=LIMIT - CHUNK, **which
            )
            self.post_message(StatementsMore(rest))

    @on(StatementsLoaded)
    def _loaded(self, message: StatementsLoaded) -> None:
        current = self.current
        self.rows = message.rows
        self._fill(current["statement_id"] if current else None)

    @on(StatementsMore)
    def _more(self, message: StatementsMore) -> None:
        held = {r["statement_id"] for r in self.rows}  # the one asked for may come again
        self.rows += [r for r in message.rows if r["statement_id"] not in held]
        if near_end(self.table):
            show_more(self.table, self.rows, self._add_row)
        self._summary()

    def _fill(self, keep: int | None) -> None:
        table = self.table
        if self.wanted:
            keep = self.wanted[0]
        outlet, speaker = (10, 14) if self._narrow() else (16, 22)
        room = self._columns(
            table,
            [
                ("Outlets", 7),
                ("Versions", 8),
                ("First seen", 10),
                ("First outlet", outlet),
                ("Speaker", speaker),
                ("Words", None),
            ],
        )
        self.widths = (outlet, speaker, room)
        index = next((n for n, r in enumerate(self.rows) if r["statement_id"] == keep), None)
        show_more(table, self.rows, self._add_row, upto=index or 0)
        if index is not None:
            table.move_cursor(row=index, scroll=True)
        self._summary()
        self._show_empty()
        self._statement_changed()

    def _add_row(self, row: dict[str, Any]) -> None:
        outlet, speaker, room = self.widths
        self.table.add_row(
            Text(str(row["outlets"]), justify="right", style="bold"),
            Text(str(row["versions"]), justify="right"),
            str(row.get("first_seen") or "")[:10],
            fit(row.get("first_outlet") or "unknown", outlet),
            fit(row.get("speaker") or "unknown", speaker),
            fit(clean(row.get("quote") or ""), room),
            key=str(row["statement_id"]),
        )

    def _summary(self) -> None:
        shown = len(self.rows)
        what = "statements" if self.show_all else "statements carried by 2+ outlets"
        more = f" (the first {LIMIT}: / narrows)" if shown >= LIMIT else ""
        hint = "a: only shared" if self.show_all else "a: all statements"
        self.query_one("#statements-summary", Static).update(
            Text.assemble((f"{shown} {what}{more}", "bold"), ("  ·  " + hint, "dim"))
        )

    def _show_empty(self) -> None:
        empty = self.query_one("#statements-empty", Static)
        if not self.app.data.exists:
            message = (
                f"No database at {self.app.db_path} yet: "
                "run quotedesk ingest PATH or quotedesk demo."
            )
        elif self.rows:
            message = ""
        elif self.query_one("#statement-find", Input).value.strip():
            message = "No statement matches. esc clears the search."
        elif not self.show_all:
            message = (
                "No statement is carried by more than one outlet yet. "
                "a shows every statement; ingest more outlets' articles to compare them."
            )
        else:
            message = "No statements yet: ingest some articles with quotedesk ingest PATH."
        empty.update(message)
        self.set_class(bool(message), "-empty")

    @property
    def current(self) -> dict[str, Any] | None:
        return row_at_cursor(self.table, self.rows)

    @on(DataTable.RowHighlighted, "#statement-table")
    def _statement_changed(self) -> None:
        if near_end(self.table):
            show_more(self.table, self.rows, self._add_row)
        current = self.current
        if current is None:
            self.versions, self.versions_of = [], None
            self.version_table.clear()
            self._compare()
            return
        self._load_versions(current["statement_id"])

    @on(SizedTable.Resized, "#version-table")
    def _versions_resized(self) -> None:
        # Filled before the layout gave it its height (its height follows its rows),
        # the table may have scrolled the first versions, the base among them, out
        # of view for a cursor that fits without: show them again.
        table = self.version_table
        if table.cursor_row < table.size.height - table.header_height:
            table.scroll_to(y=0, animate=False)

    @work(exclusive=True, group="versions")
    async def _load_versions(self, statement_id: int) -> None:
        from store.statements import versions

        rows = await self.app.data.run(versions, statement_id)
        self.post_message(VersionsLoaded(statement_id, rows))

    @on(VersionsLoaded)
    def _versions_loaded(self, message: VersionsLoaded) -> None:
        current = self.current
        if current is None or current["statement_id"] != message.statement_id:
            return  # the analyst moved on meanwhile
        kept = self.current_version
        if self.versions_of != message.statement_id:
            self.base_id = None
            kept = None
        self.versions, self.versions_of = message.rows, message.statement_id
        if self.base_id not in {v["id"] for v in self.versions}:
            self.base_id = self.versions[0]["id"] if self.versions else None
        wanted_quote = None
        if self.wanted and self.wanted[0] == message.statement_id:
            wanted_quote = self.wanted[1]
            self.wanted = None
        self._fill_versions(wanted_quote or (kept["id"] if kept else None))
        if wanted_quote is not None:
            self.version_table.focus()

    def _fill_versions(self, keep: int | None) -> None:
        table = self.version_table
        base = self.base
        outlet, speaker = (10, 12) if self._narrow() else (16, 20)
        room = self._columns(
            table,
            [
                ("Outlet", outlet),
                ("Published", 10),
                ("Speaker", speaker),
                ("Kind", 8),
                ("", 1),
                ("Same", 4),
                ("Words", None),
            ],
        )
        for v in self.versions:
            same = "base" if base and v["id"] == base["id"] else ""
            if base and not same:
                same = f"{similarity(base['quote'] or '', v['quote'] or ''):.0%}"
            table.add_row(
                fit(v.get("outlet") or "unknown", outlet),
                str(v.get("published") or "")[:10],
                fit(v.get("speaker") or "unknown", speaker),
                kind_text(v.get("kind")),
                status_text(v.get("status"), short=True),
                Text(same, justify="right", style="bold" if same == "base" else ""),
                fit(clean(v.get("quote") or ""), room),
                key=str(v["id"]),
            )
        ids = [v["id"] for v in self.versions]
        if keep not in ids and len(ids) > 1:
            # Open on the first version that is not the base: a comparison at once.
            keep = next(i for i in ids if i != self.base_id)
        for index, v in enumerate(self.versions):
            if v["id"] == keep:
                table.move_cursor(row=index, scroll=True)
                break
        self._compare()

    @property
    def base(self) -> dict[str, Any] | None:
        return next((v for v in self.versions if v["id"] == self.base_id), None)

    @property
    def current_version(self) -> dict[str, Any] | None:
        return row_at_cursor(self.version_table, self.versions)

    @on(DataTable.RowHighlighted, "#version-table")
    def _compare(self) -> None:
        self.query_one(VersionCompare).show(self.base, self.current_version)

    def on_resize(self) -> None:
        if self.rows:
            current = self.current
            version = self.current_version
            self._fill(current["statement_id"] if current else None)
            if self.versions:
                self._fill_versions(version["id"] if version else None)

    def show_database_error(self, error: str) -> None:
        empty = self.query_one("#statements-empty", Static)
        empty.update(f"Cannot use this database: {error}")
        self.set_class(True, "-empty")

    def show_statement(self, statement_id: int, quote_id: int | None = None) -> None:
        """Select a statement, and one of its versions (from the Quotes screen)."""
        self.wanted = (statement_id, quote_id)
        self._load()

    # ---- actions ------------------------------------------------------------------

    def action_open_quotes(self) -> None:
        from store.queries import QuoteFilter

        current = self.current
        if current is not None:
            self.app.show_quotes(QuoteFilter(statement_id=current["statement_id"]))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open_quotes()

    def action_base(self) -> None:
        version = self.current_version
        if version is None:
            return
        self.base_id = version["id"]
        self._fill_versions(version["id"])
        self.notify(f"Comparing against {version.get('outlet') or 'unknown outlet'}'s version")

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._load()

    def action_find(self) -> None:
        # At once, so letters typed right after "/" are not taken as actions.
        self.set_focus(self.query_one("#statement-find", Input))

    def action_clear_find(self) -> None:
        find = self.query_one("#statement-find", Input)
        if find.value:
            find.value = ""
            self._load()
        self.table.focus()

    @on(Input.Changed, "#statement-find")
    def _find(self) -> None:
        self._load()

    @on(Input.Submitted, "#statement-find")
    def _found(self) -> None:
        self.table.focus()

    def _moving(self) -> tuple[int, list[int], str] | None:
        """(statement id, quote ids, what) the next join or leave moves: the
        highlighted version when the versions table has focus, else the statement."""
        current = self.current
        if current is None or not self.versions or self.versions_of != current["statement_id"]:
            return None
        if self.focused is self.version_table and self.current_version is not None:
            version = self.current_version
            what = f"{version.get('outlet') or 'unknown'}'s version (#{version['id']})"
            return current["statement_id"], [version["id"]], what
        what = f"statement {current['statement_id']} ({len(self.versions)} versions)"
        return current["statement_id"], [v["id"] for v in self.versions], what

    @work(group="dialog")
    async def action_join(self) -> None:
        from store.statements import join_candidates
        from tui.widgets.picker import Choice, Picker

        moving = self._moving()
        if moving is None:
            return
        statement_id, quote_ids, what = moving
        candidates = await self.app.data.run(join_candidates, quote_ids[0])
        if not candidates:
            self.notify("No other statement within a week of this one to join.")
            return
        candidates = [c for c in candidates if c.get("first_quote_id") is not None]
        choices = [
            Choice(
                f"{c.get('speaker') or 'unknown'}: {fit(clean(c.get('quote') or ''), 60)}",
                index,
                f"#{c['statement_id']} · {str(c.get('first_seen') or '')[:10]}"
                f" · {c['outlets']} outlets",
            )
            for index, c in enumerate(candidates)
        ]
        picked = await self.app.push_screen_wait(
            Picker(f"Join {what} into which statement?", choices)
        )
        if picked is None or picked.value is None:
            return
        target = candidates[picked.value]
        self._apply(
            "join",
            statement_id,
            quote_ids,
            into_quote_id=target["first_quote_id"],
            into_statement_id=target["statement_id"],
        )

    def action_leave(self) -> None:
        version = self.current_version
        current = self.current
        if version is None or current is None:
            return
        if len(self.versions) < 2:
            self.notify("This version is already a statement of its own.")
            return
        self._apply("leave", current["statement_id"], [version["id"]])

    @work(group="statement-edit")
    async def _apply(self, op: str, statement_id: int, quote_ids: list[int], **kw: Any) -> None:
        from store.errors import StoreError
        from tui import review_actions

        try:
            summary = await self.app.data.run(
                review_actions.apply_statement,
                op,
                statement_id,
                quote_ids,
                analyst=self.app.analyst,
                **kw,
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self.notify(summary)
        self.app.post_message(DataChanged(tuple(quote_ids), summary))
