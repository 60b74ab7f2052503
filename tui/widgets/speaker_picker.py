"""Choosing a speaker: a fuzzy list of known speakers, or a new one with type and role.

Known speakers are matched on their name and their aliases ("Choe Son-hui"
finds "Choe Son Hui"), so a romanisation variant is never added twice by
accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from store.checks import SPEAKER_TYPES
from tui.widgets.picker import Choice, Picker


@dataclass(frozen=True)
class SpeakerChoice:
    speaker_id: int | None  # None: a new speaker
    name: str
    speaker_type: str | None = None
    role: str | None = None


def speaker_choices(speakers: list[dict[str, Any]]) -> list[Choice]:
    """One choice per name and alias, all pointing at the speaker's id."""
    choices: list[Choice] = []
    for s in speakers:
        count = s.get("quotes") or s.get("total") or 0
        hint = f"{s.get('type') or ''} {count} quote{'' if count == 1 else 's'}".strip()
        choices.append(Choice(s["name"], s["id"], hint))
        for alias in s.get("aliases") or []:
            if alias != s["name"]:
                choices.append(Choice(alias, s["id"], f"→ {s['name']}"))
    return choices


class SpeakerPicker(Picker):
    def __init__(self, speakers: list[dict[str, Any]], current: str | None) -> None:
        super().__init__(
            f"Speaker (now: {current or 'unknown'})",
            speaker_choices(speakers),
            allow_new=True,
            placeholder="type a name",
        )


class NewSpeakerDialog(ModalScreen[SpeakerChoice | None]):
    """Type and role for a speaker the database does not know yet."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new-speaker-cancel")]

    def __init__(self, name: str) -> None:
        super().__init__(classes="dialog")
        self.speaker_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(f"New speaker: {self.speaker_name}", classes="dialog-title")
            yield Select(
                [(t, t) for t in SPEAKER_TYPES],
                value="person",
                allow_blank=False,
                id="speaker-type",
                compact=True,
            )
            yield Input(
                placeholder="role, e.g. Kremlin spokesman (optional)",
                id="speaker-role",
                compact=True,
            )
            yield Label("enter save  esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#speaker-role", Input).focus()

    @on(Input.Submitted, "#speaker-role")
    def _save(self) -> None:
        kind = self.query_one("#speaker-type", Select).value
        role = self.query_one("#speaker-role", Input).value.strip() or None
        self.dismiss(SpeakerChoice(None, self.speaker_name, str(kind), role))

    def action_cancel(self) -> None:
        self.dismiss(None)


async def pick_speaker(app: Any, current: str | None) -> SpeakerChoice | None:
    """The fuzzy picker over the desk's speakers, then the new-speaker dialog if
    the analyst typed a name nobody has; None when they cancel either.
    Call it from a worker: it waits on the screens."""
    from store.queries import list_speakers

    speakers = await app.data.run(list_speakers)
    picked = await app.push_screen_wait(SpeakerPicker(speakers, current))
    if picked is None:
        return None
    if picked.value is None:
        return await app.push_screen_wait(NewSpeakerDialog(picked.text))
    return SpeakerChoice(picked.value, picked.text)
