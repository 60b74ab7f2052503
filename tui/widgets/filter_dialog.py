"""The filter form: speaker, outlet, kind, stance, review status.

The choices are the values that exist in the database (store.filter_values).
Speaker and outlet are typed: Tab completes a known name, a partial name is
taken when it fits one name only, and a name that fits none (or several)
keeps the form open with the closest names, never a silent "no quotes".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select

from tui.widgets.completing_input import CompletingInput, resolve

STATUSES = ("unreviewed", "accepted", "rejected")
# Fields typed with completion; the others are picked from a list.
TYPED = ("speaker", "outlet")


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
                for name in TYPED:
                    yield Label(name)
                    yield CompletingInput(
                        list(v.get(f"{name}s", [])),
                        value=getattr(f, name) or "",
                        placeholder="any (tab completes)",
                        id=f"f-{name}",
                        classes="-typed",
                        compact=True,
                    )
                for name, choices in (
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
            yield Label("", id="filter-message")
            yield Label("ctrl+s apply  ctrl+l clear all  esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#f-speaker", Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        """Say what Tab would complete to, so the completion is never a surprise."""
        message = ""
        if isinstance(event.input, CompletingInput) and (done := event.input.completion()):
            message = f"tab → {done}"
        self.query_one("#filter-message", Label).update(message)

    def _typed_value(self, name: str) -> tuple[bool, str | None]:
        """(usable, the name meant) for a typed field; unusable ones explain themselves."""
        field = self.query_one(f"#f-{name}", CompletingInput)
        typed = field.value.strip()
        if not typed:
            return True, None
        if typed == getattr(self.quote_filter, name):
            return True, typed  # unchanged, even if the database no longer has it
        meant, offers = resolve(typed, field.names)
        if meant is not None:
            field.value = meant
            return True, meant
        if offers:
            message = f"no {name} “{typed}” — closest: {', '.join(offers)} (tab completes)"
        else:
            message = f"no {name} is called anything like “{typed}”"
        self.query_one("#filter-message", Label).update(message)
        field.focus()
        return False, None

    @on(Input.Submitted, ".-typed")
    def action_apply(self) -> None:
        chosen: dict[str, Any] = {}
        for name in TYPED:
            usable, chosen[name] = self._typed_value(name)
            if not usable:
                return
        if chosen["speaker"] != self.quote_filter.speaker:
            chosen["speaker_id"] = None  # a typed name replaces a speaker picked by id
        for name in ("kind", "stance", "status"):
            value = self.query_one(f"#f-{name}", Select).value
            chosen[name] = None if value is Select.NULL else str(value)
        chosen["include_rejected"] = self.query_one("#f-rejected", Checkbox).value
        self.dismiss(replace(self.quote_filter, **chosen))

    def action_clear(self) -> None:
        self.dismiss(type(self.quote_filter)())

    def action_cancel(self) -> None:
        self.dismiss(None)
