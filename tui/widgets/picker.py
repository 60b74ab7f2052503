"""A fuzzy picker modal: type a few letters, pick with the arrows and Enter.

Used to choose an outlet, a merge target or an alias. With `allow_new`, a
"new: <what you typed>" option comes after the known values that match well
(so the best match is one Enter away and a near-duplicate is not created by
accident), or first when nothing matches well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

MAX_SHOWN = 50
NEW = "\0new"


@dataclass(frozen=True)
class Choice:
    label: str
    value: Any
    hint: str = ""  # shown dim after the label ("12 quotes", "similar: 91")


@dataclass(frozen=True)
class Picked:
    value: Any  # a Choice.value, or None when the analyst typed a new name
    text: str  # the chosen label, or the new name


# Known choices at least this close to what was typed (rapidfuzz WRatio, case
# folded) are offered before "new: …": "park" scores 90 against "Park Ji-won",
# "Dmitri Peskov" 92 against "Dmitry Peskov", an unrelated name under 70.
GOOD_MATCH = 75


def rank(query: str, choices: list[Choice], limit: int = MAX_SHOWN) -> list[tuple[int, float]]:
    """(index, score) of the best fuzzy matches, best first; an empty query keeps the order."""
    if not query.strip():
        return [(i, 100.0) for i in range(min(limit, len(choices)))]
    labels = [c.label for c in choices]
    # Case folded: analysts type "park", not "Park"; unfolded, WRatio scores it 73, not 90.
    found = process.extract(
        query,
        labels,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=50,
    )
    return [(index, score) for _, score, index in found]


class Picker(ModalScreen[Picked | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker-cancel"),
        Binding("down", "down", show=False),
        Binding("up", "up", show=False),
    ]

    def __init__(
        self,
        title: str,
        choices: list[Choice],
        *,
        allow_new: bool = False,
        placeholder: str = "type to filter",
        initial: str = "",
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = choices
        self.allow_new = allow_new
        self.placeholder = placeholder
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(
                value=self.initial, placeholder=self.placeholder, id="picker-input", compact=True
            )
            yield OptionList(id="picker-options")
            yield Label("↑↓ move  enter pick  esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self._refill(self.initial)

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def _refill(self, query: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        found = rank(query, self.choices)
        items: list[Option] = []
        typed = query.strip()
        exact = any(c.label.casefold() == typed.casefold() for c in self.choices)
        for index, _ in found:
            choice = self.choices[index]
            label = Text(choice.label)
            if choice.hint:
                label.append(f"  {choice.hint}", style="dim")
            items.append(Option(label, id=str(index)))
        if self.allow_new and typed and not exact:
            new = Option(Text.assemble(("new: ", "dim"), (typed, "bold")), id=NEW)
            good = sum(1 for _, score in found if score >= GOOD_MATCH)
            items.insert(good, new)
        if not items:
            items.append(Option(Text("nothing matches", style="dim"), disabled=True))
        options.add_options(items)
        options.highlighted = 0 if items and not items[0].disabled else None

    def action_down(self) -> None:
        self.query_one("#picker-options", OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#picker-options", OptionList).action_cursor_up()

    @on(Input.Submitted, "#picker-input")
    def _enter(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is None:
            return
        self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id is None:
            return
        if option_id == NEW:
            self.dismiss(Picked(None, self.query_one("#picker-input", Input).value.strip()))
            return
        choice = self.choices[int(option_id)]
        self.dismiss(Picked(choice.value, choice.label))

    def action_cancel(self) -> None:
        self.dismiss(None)
