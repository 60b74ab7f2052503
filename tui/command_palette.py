"""Command palette (ctrl+p): every action of the current screen, plus navigation.

Built from the screens' own BINDINGS, so a new binding shows up here without
a second list to keep in step; the palette shows the key it is bound to now
(after remapping).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

NAVIGATION = (
    ("Go to Quotes", "switch_mode('quotes')", "The quotes table and review desk"),
    ("Go to Speakers", "switch_mode('speakers')", "Speakers: counts, rename, merge, split"),
    ("Go to Statements", "switch_mode('statements')", "One statement as each outlet reported it"),
    ("Go to Overview", "switch_mode('overview')", "Charts: speakers × outlets, stance, kinds"),
    ("Help: keys and screens", "help", "Every key binding, and how to remap it"),
    ("Quit quotedesk", "quit", "Leave the app; every decision is already stored"),
)


class QuoteDeskCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str, object]]:
        app = cast("QuoteDeskApp", self.app)
        screen = self.screen
        found: list[tuple[str, str, str, object]] = []
        seen: set[str] = set()
        navigation = {action for _, action, _ in NAVIGATION}
        # The screen's own bindings, then the app's that work on it (undo, redo).
        bindings = [(binding, screen) for binding in getattr(screen, "BINDINGS", [])]
        bindings += [
            (binding, app)
            for binding in app.BINDINGS
            if isinstance(binding, Binding)
            and binding.action not in navigation
            and app.action_works_on(screen, binding.action)
        ]
        for binding, target in bindings:
            description = getattr(binding, "description", "")
            if not description or binding.action in seen or binding.action.startswith("cursor"):
                continue
            seen.add(binding.action)
            if binding.action.startswith("stance("):
                slot = int(binding.action[7:-1])
                labels = app.config.stance_labels
                if slot > len(labels):
                    continue
                description = f"Stance: {labels[slot - 1]}"
            key = app.key_for(binding)
            found.append((description, binding.action, f"key: {key}", target))
        for name, action, help_text in NAVIGATION:
            found.append((name, action, help_text, app))
        return found

    async def discover(self) -> Hits:
        for name, action, help_text, target in self._commands():
            yield DiscoveryHit(name, partial(self._run, target, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text, target in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self._run, target, action),
                    help=help_text,
                )

    async def _run(self, target: object, action: str) -> None:
        await self.app.run_action(action, target)  # type: ignore[arg-type]
