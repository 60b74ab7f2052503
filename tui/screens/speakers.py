"""The Speakers screen: who is quoted, how often, by which outlets.

Name variants are the daily chore here (Choe Son Hui / Choe Son-hui / Choe
Sun-hui), so the pane under the table always lists likely variants of the
selected speaker, and `m` merges one into it. `p` splits an alias back out
when a merge was wrong; `r` renames; Enter opens the speaker's quotes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from tui.messages import DataChanged
from tui.screens.list_screen import ListScreen
from tui.widgets.lazy_rows import near_end, show_more
from tui.widgets.quote_table import fit, one_line, row_at_cursor
from tui.widgets.sized_table import SizedTable

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

MAX_SUGGESTIONS = 6


class SpeakersLoaded(Message):
    def __init__(self, speakers: list[dict[str, Any]]) -> None:
        super().__init__()
        self.speakers = speakers


def variant_score(a: str, b: str) -> tuple[float, str] | None:
    """How likely two names are one speaker, with the reason, or None.

    Uses the NLP pass's own name comparison (romanisation-aware) when present,
    so the app suggests exactly what ingest would have merged.
    """
    try:
        from nlp.names import compare
    except ImportError:
        compare = None
    if compare is not None:
        return compare(a, b)
    score = fuzz.token_sort_ratio(a, b) / 100
    return (score, "similar spelling") if score >= 0.8 else None


def suggestions(speaker: dict[str, Any], speakers: list[dict[str, Any]]) -> list[tuple]:
    """(other speaker, score, evidence) for likely variants of `speaker`, best first."""
    found = []
    for other in speakers:
        if other["id"] == speaker["id"]:
            continue
        result = variant_score(speaker["name"], other["name"])
        if result:
            found.append((other, result[0], result[1]))
    found.sort(key=lambda item: -item[1])
    return found[:MAX_SUGGESTIONS]


def by_outlet(speaker: dict[str, Any]) -> list[tuple[str, int]]:
    counts = speaker.get("outlets") or {}
    if isinstance(counts, dict):
        items = list(counts.items())
    else:  # a list of {"outlet": ..., "quotes": ...}
        items = [(c.get("outlet"), c.get("quotes", 0)) for c in counts]
    return sorted(((o or "unknown", int(n)) for o, n in items), key=lambda x: -x[1])


def outlet_summary(counts: list[tuple[str, int]], room: int) -> Text:
    """ "Reuters 3 · DW 1 · +2 more", as many outlets as fit in `room` cells."""
    out = Text()
    for index, (outlet, count) in enumerate(counts):
        piece = f"{' · ' if out else ''}{outlet} {count}"
        rest = len(counts) - index - 1
        tail = f" · +{rest} more" if rest else ""
        if len(out) + len(piece) + len(tail) > room:
            out.append(f"{' · ' if out else ''}+{len(counts) - index} more", style="dim")
            break
        if out:
            out.append(" · ", style="dim")
        out.append(f"{outlet} ")
        out.append(str(count), style="bold")
    return out


class SpeakersScreen(ListScreen):
    BINDINGS = [
        Binding("enter", "open_quotes", "Quotes", id="speaker-quotes"),
        Binding("r", "rename", "Rename", id="speaker-rename"),
        Binding("m", "merge", "Merge", id="speaker-merge"),
        Binding("p", "split", "Split alias", id="speaker-split"),
        Binding("slash", "find", "Find", id="speaker-find"),
        Binding("escape", "clear_find", "Clear", id="speaker-clear", show=False),
    ]
    UNDO = True  # the app's undo and redo (u, ctrl+r) work here

    AUTO_FOCUS = "#speaker-table"

    app: QuoteDeskApp

    def __init__(self) -> None:
        super().__init__(id="speakers")
        self.speakers: list[dict[str, Any]] = []
        self.shown: list[dict[str, Any]] = []
        self.filled_width = 0  # table width the outlet summaries were cut for
        self.outlets_room = 12  # cells the "By outlet" column has
        self.variants: dict[int, list[tuple]] = {}  # suggestions(), by speaker id

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ find a speaker", id="speaker-find", compact=True)
        with Container(id="speakers-body"):
            yield SizedTable(cursor_type="row", zebra_stripes=True, id="speaker-table")
            yield Static(id="speakers-empty", classes="empty-state")
            yield Static(id="speaker-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#speaker-table", DataTable)
        self._add_columns(12)
        table.focus()
        self._load()
        self.follow_data()

    @property
    def table(self) -> DataTable:
        return self.query_one("#speaker-table", DataTable)

    @work(exclusive=True, group="speakers")
    async def _load(self) -> None:
        from store.queries import list_speakers

        if not self.app.data.exists:
            self.post_message(SpeakersLoaded([]))
            return
        self.post_message(SpeakersLoaded(await self.app.data.run(list_speakers)))

    @on(SpeakersLoaded)
    def _loaded(self, message: SpeakersLoaded) -> None:
        self.speakers = sorted(message.speakers, key=lambda s: (-self._total(s), s["name"]))
        self.variants.clear()
        self._fill()
        self.call_after_refresh(self._refit)

    @staticmethod
    def _total(speaker: dict[str, Any]) -> int:
        return int(speaker.get("quotes") or 0)

    def _fill(self) -> None:
        table = self.table
        current = self.current
        query = self.query_one("#speaker-find", Input).value.strip().casefold()
        self.shown = [
            s
            for s in self.speakers
            if not query
            or query in s["name"].casefold()
            or any(query in a.casefold() for a in s.get("aliases") or [])
        ]
        # What is left for "By outlet" after the fixed columns, so nothing is cut
        # off; the column is sized to it, as an auto-width one keeps its widest past.
        self.filled_width = table.size.width
        room = max(12, table.size.width - (24 + 12 + 6) - 8 * table.cell_padding - 2)
        table.clear(columns=True)
        self._add_columns(room)
        self.outlets_room = room
        index = next(
            (n for n, s in enumerate(self.shown) if current and s["id"] == current["id"]), None
        )
        show_more(table, self.shown, self._add_row, upto=index or 0)
        if index is not None:
            table.move_cursor(row=index)
        self._show_empty()
        self._show_detail()

    def _add_row(self, s: dict[str, Any]) -> None:
        self.table.add_row(
            fit(one_line(s["name"]), 24),
            Text(s.get("type") or "?", style="dim"),
            Text(str(self._total(s)), justify="right"),
            outlet_summary(by_outlet(s), self.outlets_room),
            key=str(s["id"]),
        )

    def _add_columns(self, room: int) -> None:
        table = self.table
        table.add_column("Speaker", key="name", width=24)
        table.add_column("Type", key="type", width=12)
        table.add_column("Quotes", key="quotes", width=6)
        table.add_column("By outlet", key="outlets", width=room)

    def _show_empty(self) -> None:
        empty = self.query_one("#speakers-empty", Static)
        if not self.app.data.exists:
            message = (
                f"No database at {self.app.db_path} yet: "
                "run quotedesk ingest PATH or quotedesk demo."
            )
        elif not self.speakers:
            message = "No speakers yet: ingest some articles with quotedesk ingest PATH."
        elif not self.shown:
            message = "No speaker matches. esc clears the search."
        else:
            message = ""
        empty.update(message)
        self.set_class(bool(message), "-empty")

    @property
    def current(self) -> dict[str, Any] | None:
        return row_at_cursor(self.table, self.shown)

    @on(SizedTable.Resized, "#speaker-table")
    def _table_resized(self) -> None:
        # Not the screen's own Resize: the wide layout (table beside the detail
        # pane) settles after it, and only the table sees its final width.
        self._refit()

    def _refit(self) -> None:
        if self.speakers and self.table.size.width != self.filled_width:
            self._fill()

    @on(DataTable.RowHighlighted, "#speaker-table")
    def _highlighted(self) -> None:
        if near_end(self.table):
            show_more(self.table, self.shown, self._add_row)
        self._show_detail()

    def _show_detail(self) -> None:
        pane = self.query_one("#speaker-detail", Static)
        s = self.current
        if s is None:
            pane.update("")
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        name = Text(s["name"], style="bold")
        if s.get("role"):
            name.append(f", {s['role']}")
        grid.add_row("speaker", name)
        aliases = [a for a in s.get("aliases") or [] if a != s["name"]]
        grid.add_row("aliases", ", ".join(aliases) or Text("none", style="dim"))
        grid.add_row(
            "outlets",
            " · ".join(f"{o} {n}" for o, n in by_outlet(s)) or Text("none", style="dim"),
        )
        variants = self.variants.get(s["id"])
        if variants is None:
            # Comparing with every other name takes a while on a big desk: after the rows show.
            grid.add_row("variants?", Text("looking…", style="dim"))
            self.call_after_refresh(self._find_variants, s["id"])
        elif variants:
            lines = Text()
            for other, score, evidence in variants:
                if lines:
                    lines.append("\n")
                lines.append(f"{other['name']}", style="bold")
                lines.append(f"  {score:.0%}  {evidence}", style="dim")
            grid.add_row("variants?", lines)
        else:
            grid.add_row("variants?", Text("no likely name variants", style="dim"))
        pane.update(grid)

    def _find_variants(self, speaker_id: int) -> None:
        s = self.current
        if s is not None and s["id"] == speaker_id and speaker_id not in self.variants:
            self.variants[speaker_id] = suggestions(s, self.speakers)
            self._show_detail()

    # ---- actions ---------------------------------------------------------------

    @on(DataTable.RowSelected, "#speaker-table")
    def action_open_quotes(self) -> None:
        from store.queries import QuoteFilter

        s = self.current
        if s is not None:
            self.app.show_quotes(QuoteFilter(speaker_id=s["id"], speaker=s["name"]))

    def action_find(self) -> None:
        # Immediately, so fast typing after "/" is not taken as speaker actions.
        self.set_focus(self.query_one("#speaker-find", Input))

    def action_clear_find(self) -> None:
        find = self.query_one("#speaker-find", Input)
        find.value = ""
        self.table.focus()

    @on(Input.Changed, "#speaker-find")
    def _find(self) -> None:
        self._fill()

    @on(Input.Submitted, "#speaker-find")
    def _found(self) -> None:
        self.table.focus()

    @work(group="dialog")
    async def action_rename(self) -> None:
        from tui.widgets.text_prompt import TextPrompt

        s = self.current
        if s is None:
            return
        name = await self.app.push_screen_wait(TextPrompt(f"Rename {s['name']}", s["name"]))
        if name and name != s["name"]:
            self._apply("rename_speaker", s, name=name)

    @work(group="dialog")
    async def action_merge(self) -> None:
        from tui.widgets.picker import Choice, Picker

        s = self.current
        if s is None:
            return
        suggested = suggestions(s, self.speakers)
        seen = {other["id"] for other, _, _ in suggested} | {s["id"]}
        choices = [
            Choice(other["name"], other["id"], f"{score:.0%} {evidence}")
            for other, score, evidence in suggested
        ] + [
            Choice(o["name"], o["id"], f"{self._total(o)} quotes")
            for o in self.speakers
            if o["id"] not in seen
        ]
        picked = await self.app.push_screen_wait(
            Picker(f"Merge into {s['name']}: which variant?", choices)
        )
        if picked is not None:
            self._apply("merge_speakers", s, other_id=picked.value, other_name=picked.text)

    @work(group="dialog")
    async def action_split(self) -> None:
        from tui.widgets.picker import Choice, Picker

        s = self.current
        if s is None:
            return
        aliases = [a for a in s.get("aliases") or [] if a != s["name"]]
        if not aliases:
            self.notify(f"{s['name']} has no aliases to split out.")
            return
        picked = await self.app.push_screen_wait(
            Picker(f"Split an alias out of {s['name']}", [Choice(a, a) for a in aliases])
        )
        if picked is not None:
            self._apply("split_alias", s, alias=picked.value)

    @work(group="speaker-edit")
    async def _apply(self, op: str, speaker: dict[str, Any], **kw: Any) -> None:
        from store.errors import StoreError
        from tui import review_actions

        try:
            summary = await self.app.data.run(
                review_actions.apply_speaker, op, speaker, analyst=self.app.analyst, **kw
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self.notify(summary)
        self.app.post_message(DataChanged((), summary))
