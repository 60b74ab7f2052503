"""The `?` help: what the app is for, then every binding with its id and current key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown, Static

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

HELP_TEXT = (Path(__file__).parent / "help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help-close"),
    ]

    app: QuoteDeskApp

    def __init__(self) -> None:
        super().__init__(classes="dialog", id="help")
        # (screen, key, description, binding id) as shown, after remapping.
        self.rows: list[tuple[str, str, str, str]] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="help-box"):
            yield Markdown(HELP_TEXT, id="help-text")
            yield Static(self._keys(), id="help-keys")
        yield Label("esc close · ↑↓ scroll", id="help-hint")

    def _keys(self) -> Table:
        from tui.app import binding_table

        table = Table(box=None, padding=(0, 1), expand=True, header_style="bold")
        table.add_column("screen", style="dim", no_wrap=True)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does")
        table.add_column("id (config)", style="dim", no_wrap=True)
        labels = self.app.config.stance_labels
        for where, binding in binding_table():
            description = binding.description
            if binding.action.startswith("stance("):
                slot = int(binding.action[7:-1])
                if slot > len(labels):
                    continue
                description = f"stance: {labels[slot - 1]}"
            row = (where, self.app.key_for(binding), description, binding.id or "")
            self.rows.append(row)
            table.add_row(*row)
        return table

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()
