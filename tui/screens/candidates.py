"""The Candidates screen: what the pass was unsure of, likeliest first.

One key confirms a candidate (it becomes an accepted quote with the proposed
speaker), one dismisses it, and `s` picks another speaker before confirming.
Each is a logged decision with the analyst's name that `u` takes back; a
dismissed candidate stays dismissed when the pass runs again. The paragraph
around the selected candidate shows its words, its cue and its source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.messages import DataChanged

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

# Characters of a candidate's words in the table; the paragraph below has them all.
WORDS = 100

EMPTY = """\
[b]No candidates waiting.[/b]

The NLP pass keeps what it is unsure of here: quotations with nobody named,
beliefs, and clauses it could not stand behind. F2 goes back to the quotes."""


class CandidatesScreen(Screen):
    """Sweep the queue of candidates: confirm, dismiss, or confirm with another speaker."""

    BINDINGS = [
        Binding("a", "confirm", "Confirm", id="candidate-confirm"),
        Binding("x", "dismiss_candidate", "Dismiss", id="candidate-dismiss"),
        Binding("s", "speaker", "Speaker, confirm", id="candidate-speaker"),
    ]
    UNDO = True  # the app's undo and redo (u, ctrl+r) work here
    AUTO_FOCUS = "#candidate-table"

    app: QuoteDeskApp

    def __init__(self) -> None:
        super().__init__(id="candidates")
        self.queue: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="candidates-header")
        table: DataTable = DataTable(id="candidate-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("score", "kind", "speaker", "words")
        yield table
        yield Static(id="candidates-empty", classes="empty-state")
        yield Static(id="candidate-context")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load()
        self.watch(self.app, "data_version", self._data_changed, init=False)

    def _data_changed(self) -> None:
        self.load()

    @property
    def table(self) -> DataTable:
        return self.query_one("#candidate-table", DataTable)

    @property
    def current(self) -> dict[str, Any] | None:
        row = self.table.cursor_row
        return self.queue[row] if 0 <= row < len(self.queue) else None

    # ---- the queue -----------------------------------------------------------

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        from store.queries import candidate_queue, count_candidates

        queue = await self.app.data.run(candidate_queue)
        waiting = await self.app.data.run(count_candidates)
        self._show(queue, waiting)

    def _show(self, queue: list[dict[str, Any]], waiting: int) -> None:
        row = self.table.cursor_row
        self.queue = queue
        table = self.table
        table.clear()
        for candidate in queue:
            words = " ".join((candidate["quote"] or "").split())
            table.add_row(
                f"{candidate['confidence'] or 0:.2f}",
                candidate["kind"],
                candidate["speaker"] or "—",
                words if len(words) <= WORDS else words[: WORDS - 1] + "…",
                key=str(candidate["id"]),
            )
        shown = f" (the first {len(queue)})" if waiting > len(queue) else ""
        self.query_one("#candidates-header", Static).update(
            f"[b]Candidates[/b] · {waiting} waiting{shown}, likeliest first"
        )
        self.query_one("#candidates-empty", Static).update("" if queue else EMPTY)
        self.set_class(not queue, "-empty")
        if queue:
            table.move_cursor(row=min(max(row, 0), len(queue) - 1))
            self._load_context(queue[table.cursor_row]["id"])
        else:
            self.query_one("#candidate-context", Static).update("")

    @on(DataTable.RowHighlighted, "#candidate-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self._load_context(int(event.row_key.value))

    @work(exclusive=True, group="context")
    async def _load_context(self, quote_id: int) -> None:
        from store.errors import StoreError
        from store.queries import get_quote

        try:
            detail = await self.app.data.run(get_quote, quote_id)
        except StoreError:
            return
        self.query_one("#candidate-context", Static).update(context(detail))

    # ---- decisions -----------------------------------------------------------

    def action_confirm(self) -> None:
        if candidate := self.current:
            self._decide(candidate, "confirm")

    def action_dismiss_candidate(self) -> None:
        if candidate := self.current:
            self._decide(candidate, "dismiss")

    @work(group="dialog")
    async def action_speaker(self) -> None:
        from tui.widgets.speaker_picker import pick_speaker

        candidate = self.current
        if candidate is None:
            return
        choice = await pick_speaker(self.app, candidate.get("speaker"))
        if choice is None:
            return
        self._decide(
            candidate,
            "confirm",
            speaker_id=choice.speaker_id,
            name=choice.name,
            speaker_type=choice.speaker_type,
            role=choice.role,
        )

    @work(group="decide")
    async def _decide(self, candidate: dict[str, Any], op: str, **kw: Any) -> None:
        from store.errors import StoreError
        from tui import review_actions as actions

        try:
            summary = await self.app.data.run(
                actions.apply, op, candidate, analyst=self.app.analyst, **kw
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.load()
            return
        self.notify(summary)
        self.app.post_message(DataChanged((candidate["id"],), summary))


def context(detail: dict[str, Any]) -> Text:
    """The paragraph around a candidate: its words highlighted, the cue
    underlined, the source mention in bold, then why it is a candidate."""
    start = detail["paragraph_start"]
    text = Text(detail["paragraph"])
    for spans, style in (
        (detail["content_spans"], "reverse"),
        (detail["cue_spans"], "underline"),
        (detail["source_spans"], "bold"),
    ):
        for span_start, span_end in spans:
            text.stylize(style, span_start - start, span_end - start)
    title = detail.get("title") or "(no title)"
    head = Text(f"{title} · {detail.get('outlet') or 'no outlet'}\n\n", style="dim")
    why = Text(f"\n\n{detail.get('evidence') or ''}", style="dim italic")
    return head + text + why
