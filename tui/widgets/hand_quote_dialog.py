"""Confirming a quote made by hand: the desk's proposal, the speaker and kind to change.

The dialog opens at once on the selected words and reads the article in a
thread (the NLP pass takes a moment); Enter adds the quote as proposed. An
unknown speaker opens the speaker picker when the proposal arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.colours import kind_text
from tui.widgets.speaker_picker import SpeakerChoice

KINDS = ("direct", "mixed", "indirect", "belief")


@dataclass
class HandQuoteChoice:
    """What the analyst confirmed: the store's add_quote arguments."""

    content: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]]
    kind: str
    speaker: SpeakerChoice | None


class HandQuoteDialog(ModalScreen[HandQuoteChoice | None]):
    BINDINGS = [
        Binding("enter", "confirm", "Add the quote", id="hand-quote-confirm"),
        Binding("s", "speaker", "Speaker", id="hand-quote-speaker"),
        Binding("k", "kind", "Kind", id="hand-quote-kind"),
        Binding("escape", "cancel", "Cancel", id="hand-quote-cancel"),
    ]

    def __init__(self, text: str, parts: list[tuple[int, int]]) -> None:
        super().__init__(classes="dialog", id="hand-quote")
        self.text = text
        self.parts = parts
        self.proposal: Any = None
        self.speaker: SpeakerChoice | None = None
        self.kind = "indirect"

    def compose(self) -> ComposeResult:
        words = " … ".join(self.text[s:e] for s, e in self.parts)
        with Vertical(classes="dialog-box"):
            yield Label("New quote by hand", classes="dialog-title")
            yield Static(Text(f"“{words}”", style="bold"), id="hand-quote-words")
            yield Static(Text("Reading the article…", style="dim"), id="hand-quote-proposal")
            yield Label(
                "enter add  s speaker  k kind  esc cancel",
                classes="dialog-hint",
                id="hand-quote-hint",
            )

    def on_mount(self) -> None:
        self._propose()

    @work(thread=True, group="nlp", exclusive=True)
    def _propose(self) -> None:
        from nlp.proposal import propose
        from store.speakers import known_speaker_names

        known = self.app.data.call(known_speaker_names)
        proposal = propose(self.text, self.parts, known)
        self.app.call_from_thread(self._proposed, proposal)

    def _proposed(self, proposal: Any) -> None:
        self.proposal = proposal
        self.kind = proposal.kind
        if proposal.speaker:
            self.speaker = SpeakerChoice(
                None, proposal.speaker, proposal.speaker_type, proposal.role
            )
        self._show()
        if self.speaker is None:
            self.action_speaker()

    def _show(self) -> None:
        if self.proposal is None:
            return
        spans = self._words
        who = self.speaker.name if self.speaker else "unknown"
        lines = Text.assemble(
            ("speaker  ", "dim"),
            (who, "bold"),
            "\n",
            ("kind     ", "dim"),
            kind_text(self.kind),
            "\n",
            ("cue      ", "dim"),
            spans(self.proposal.cue),
            "\n",
            ("source   ", "dim"),
            spans(self.proposal.source),
            "\n",
            (f"from {self.proposal.evidence}", "dim italic"),
        )
        self.query_one("#hand-quote-proposal", Static).update(lines)

    def _words(self, ranges: list[tuple[int, int]]) -> str:
        return " ".join(self.text[s:e] for s, e in ranges) or "—"

    def action_confirm(self) -> None:
        if self.proposal is None:
            self.notify("Still reading the article…")
            return
        self.dismiss(
            HandQuoteChoice(
                self.parts, self.proposal.cue, self.proposal.source, self.kind, self.speaker
            )
        )

    def action_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self._show()

    @work(group="dialog")
    async def action_speaker(self) -> None:
        from tui.widgets.speaker_picker import pick_speaker

        choice = await pick_speaker(self.app, self.speaker.name if self.speaker else None)
        if choice is None:
            return
        self.speaker = choice
        self._show()

    def action_cancel(self) -> None:
        self.dismiss(None)
