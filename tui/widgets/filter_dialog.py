"""The filter form: speaker, outlet, kind, stance, review status.

The choices are the values that exist in the database (store.filter_values),
so the analyst never types an outlet name that matches nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label, Select

STATUSES = ("unreviewed", "accepted", "rejected")


def _options(values: list[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in values if v]


class FilterDialog(ModalScreen[Any]):
    """Dismisses with a new QuoteFilter, or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filter-cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filter-apply", priority=True),
        Binding("ctrl+l", "clear", "Clear all", id="filter-clear", priority=True),
    ]

    def __init__(self, quote_filter: Any, values: dict[str, list[str]]) -> None:
        super().__init__(classes="dialog")
        self.quote_filter = quote_filter
        self.values = values

    def compose(self) -> ComposeResult:
        f = self.quote_filter
        v = self.values
        with Vertical(classes="dialog-box", id="filter-box"):
            yield Label("Filter quotes", classes="dialog-title")
            with Grid(id="filter-grid"):
                yield Label("speaker")
                yield Input(
                    value=f.speaker or "",
                    placeholder="any (tab completes)",
                    suggester=SuggestFromList(v.get("speakers", []), case_sensitive=False),
                    id="f-speaker",
                    compact=True,
                )
                for name, choices in (
                    ("outlet", v.get("outlets", [])),
                    ("kind", v.get("kinds", [])),
                    ("stance", v.get("stances", [])),
                    ("status", list(STATUSES)),
                ):
                    current = getattr(f, name)
                    options = _options(list(choices))
                    if current and (current, current) not in options:
                        options.append((current, current))
                    yield Label(name)
                    yield Select(
                        options,
                        value=current if current else Select.NULL,
                        prompt="any",
                        id=f"f-{name}",
                        compact=True,
                    )
                yield Label("")
                yield Checkbox("show rejected", f.include_rejected, id="f-rejected", compact=True)
            yield Label("ctrl+s apply  ctrl+l clear all  esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#f-speaker", Input).focus()

    @on(Input.Submitted, "#f-speaker")
    def action_apply(self) -> None:
        chosen: dict[str, Any] = {}
        speaker = self.query_one("#f-speaker", Input).value.strip() or None
        chosen["speaker"] = speaker
        if speaker != self.quote_filter.speaker:
            chosen["speaker_id"] = None  # a typed name replaces a speaker picked by id
        for name in ("outlet", "kind", "stance", "status"):
            value = self.query_one(f"#f-{name}", Select).value
            chosen[name] = None if value is Select.NULL else str(value)
        chosen["include_rejected"] = self.query_one("#f-rejected", Checkbox).value
        self.dismiss(replace(self.quote_filter, **chosen))

    def action_clear(self) -> None:
        self.dismiss(type(self.quote_filter)())

    def action_cancel(self) -> None:
        self.dismiss(None)
