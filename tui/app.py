"""QuoteDeskApp: the analyst's desk over one quotedesk database.

Screens are Textual modes, so each keeps its own state while the analyst
moves between them. All database work runs on the DataSource thread; when a decision is
stored, `data_version` goes up and every screen re-reads what it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from tui.command_palette import QuoteDeskCommands
from tui.config import Config, ConfigError, load_config
from tui.db_thread import DataSource
from tui.messages import DataChanged, ShowQuotes
from tui.screens.quotes import QuotesScreen


# The other screens are imported when first opened: plotext alone costs
# ~100 ms, and startup should show quotes, not import charting code.
def _speakers_screen() -> Any:
    from tui.screens.speakers import SpeakersScreen

    return SpeakersScreen()


def _statements_screen() -> Any:
    from tui.screens.statements import StatementsScreen

    return StatementsScreen()


def _overview_screen() -> Any:
    from tui.screens.overview import OverviewScreen

    return OverviewScreen()


def _candidates_screen() -> Any:
    from tui.screens.candidates import CandidatesScreen

    return CandidatesScreen()


def _coding_screen() -> Any:
    from tui.screens.coding import CodingScreen

    return CodingScreen()


# Built while the app idles after the Quotes screen's first rows, so that their
# first F3 / F5 shows rows at once. Building a screen the first time costs
# ~0.3 s on a big desk: Textual parses the app's CSS again (up to three times)
# and restyles every widget, then the screen runs its list query.
PREPARED_MODES = ("speakers", "statements")


class QuoteDeskApp(App):
    TITLE = "quotedesk"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {QuoteDeskCommands}
    # Narrow terminals stack the detail pane under the table; wide ones put it beside.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]

    MODES = {
        "quotes": QuotesScreen,
        "speakers": _speakers_screen,
        "overview": _overview_screen,
        "statements": _statements_screen,
        "candidates": _candidates_screen,
    }
    DEFAULT_MODE = "quotes"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", show=False),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("f2", "switch_mode('quotes')", "Quotes", id="go-quotes", show=False),
        Binding("f3", "switch_mode('speakers')", "Speakers", id="go-speakers", show=False),
        Binding("f4", "switch_mode('overview')", "Overview", id="go-overview", show=False),
        Binding("f5", "switch_mode('statements')", "Statements", id="go-statements", show=False),
        Binding("f6", "switch_mode('candidates')", "Candidates", id="go-candidates", show=False),
        # One undo and one redo for the whole desk: the analyst's last decision,
        # whichever screen it was made on. A screen takes them with UNDO = True.
        Binding("u", "undo", "Undo", id="undo"),
        Binding("ctrl+r", "redo", "Redo", id="redo", show=False),
    ]

    # Bumped after every stored decision; screens watch it and reload.
    data_version: reactive[int] = reactive(0)

    def __init__(
        self,
        db_path: Path,
        analyst: str,
        config_path: Path | None = None,
        sample: Any = None,
        adjudicate: Any = None,
    ) -> None:
        super().__init__()
        # A sample (store.coding.Sample) whose disagreements open on top of the desk.
        self.adjudicate = adjudicate
        # A coding sample (store.coding.Sample): the app opens blind on it.
        self.sample = sample
        if sample is not None:
            self._modes = {"quotes": _coding_screen}
        self.db_path = Path(db_path)
        self.analyst = analyst
        self.config_error: str | None = None
        try:
            self.config = load_config(config_path, bindings=default_keys)
        except ConfigError as exc:
            self.config = Config()
            self.config_error = str(exc)
        self.data = DataSource(self.db_path, on_error=self._database_error)
        self.data.warm_up()
        self.screens_prepared = False
        self.last_change_ids: tuple[int, ...] = ()
        self.last_change_origin: Any = None
        self.db_error: str | None = None
        self.sub_title = f"{self.db_path} · {analyst}"
        if sample is not None:
            self.sub_title += f" · coding sample {sample.name} blind"

    def on_mount(self) -> None:
        self.set_keymap(self.config.keymap)
        # Checking ids imports every screen; only pay for it when there is a keymap.
        unknown = sorted(set(self.config.keymap) - all_binding_ids()) if self.config.keymap else []
        if unknown:
            self.notify(
                f"Unknown binding ids in config: {', '.join(unknown)} (see ? for the list)",
                severity="warning",
                timeout=8,
            )
        if self.config_error:
            self.notify(f"{self.config_error}; using defaults", severity="error", timeout=8)
        if self.adjudicate is not None:
            from tui.screens.adjudicate import AdjudicateScreen

            self.push_screen(AdjudicateScreen(self.adjudicate))

    def on_unmount(self) -> None:
        self.data.close()

    def _database_error(self, error: str) -> None:
        """The database cannot be used: say so on every screen, keep the app open."""
        self.db_error = error
        self.notify(error, title="Database", severity="error", timeout=10)
        for stack in self._screen_stacks.values():
            for screen in stack:
                if hasattr(screen, "show_database_error"):
                    screen.show_database_error(error)

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self.last_change_ids = message.quote_ids
        self.last_change_origin = message.origin
        self.data_version += 1

    @on(ShowQuotes)
    def _show_quotes(self, message: ShowQuotes) -> None:
        self.show_quotes(message.quote_filter)

    def prepare_screens(self) -> None:
        """Build the Speakers and Statements screens in the background, once
        (the Quotes screen asks when its first rows are on screen)."""
        if not self.screens_prepared:
            self.screens_prepared = True
            self._prepare_screens()

    @work(group="prepare-screens")
    async def _prepare_screens(self) -> None:
        for mode in PREPARED_MODES:
            if not self.is_running:
                return  # quitting: the app is closing its screens, add none
            if mode not in self._modes or mode in self._screen_stacks:
                continue  # a coding sample has no such mode; or it is open already
            # Textual's own first step of switch_mode: the screen is made, styled
            # and mounted (so it loads its rows) without being shown.
            css_version = self._css_update_count
            mounted = self._init_mode(mode)
            # Its styles are those of the current CSS, so switching to it need not
            # parse and apply the CSS once more (a theme change since bumps the count).
            self.screen_for(mode)._css_update_count = css_version
            await mounted  # one screen at a time, between the analyst's keys

    def show_quotes(self, quote_filter: Any) -> None:
        self.switch_mode("quotes")
        self.screen_for("quotes").show_filter(quote_filter)

    def show_statement(self, statement_id: int, quote_id: int | None = None) -> None:
        self.switch_mode("statements")
        self.screen_for("statements").show_statement(statement_id, quote_id)

    def screen_for(self, mode: str) -> Any:
        """The base screen of a mode (the bottom of its stack)."""
        return self._screen_stacks[mode][0]

    def key_for(self, binding: Binding) -> str:
        """The key(s) a binding is on now, after the config's remapping, for display."""
        keys = self.config.keymap.get(binding.id or "", binding.key)
        return ", ".join(
            binding.key_display
            if binding.key_display and keys == binding.key
            else self.get_key_display(Binding(key, ""))
            for key in keys.split(",")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.action_works_on(self.screen, action)

    def action_works_on(self, screen: Any, action: str) -> bool:
        """Whether one of the app's actions works on this screen."""
        if action in ("undo", "redo"):
            # The charts and the dialogs have nothing to undo; there u and
            # ctrl+r stay free for their own keys (the Overview reloads on ctrl+r).
            return getattr(screen, "UNDO", False)
        return True

    @work(group="decide")
    async def action_undo(self) -> None:
        await self._history("undo")

    @work(group="decide")
    async def action_redo(self) -> None:
        await self._history("redo")

    async def _history(self, op: str) -> None:
        """Undo or redo the analyst's last decision; every screen then re-reads its data."""
        from store.errors import StoreError
        from tui import review_actions

        try:
            summary = await self.data.run(getattr(review_actions, op), analyst=self.analyst)
        except StoreError as exc:
            self.notify(str(exc), severity="warning")
            return
        if summary is None:
            self.notify(f"Nothing to {op}.")
            return
        self.notify(summary, title=op.capitalize())
        self.post_message(DataChanged((), summary))

    async def action_switch_mode(self, mode: str) -> None:
        if mode not in self._modes:  # a coding sample has the Quotes desk only
            self.notify("Not while coding a sample: the other screens show the desk's data.")
            return
        await super().action_switch_mode(mode)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def all_binding_ids() -> set[str]:
    """Every remappable binding id, for the help screen and config checks."""
    return {binding.id for _, binding in binding_table() if binding.id}


def default_keys() -> list[tuple[str, str, str]]:
    """(screen, binding id, default keys) of every remappable binding, for the config check."""
    return [(where, binding.id or "", binding.key) for where, binding in binding_table()]


def binding_table() -> list[tuple[str, Binding]]:
    """(where, binding) for every binding an analyst may remap, in help order."""
    from tui.screens.article import ArticleScreen
    from tui.screens.candidates import CandidatesScreen
    from tui.screens.overview import OverviewScreen
    from tui.screens.speakers import SpeakersScreen
    from tui.screens.statements import StatementsScreen

    rows: list[tuple[str, Binding]] = []
    for where, owner in (
        ("Quotes", QuotesScreen),
        ("Speakers", SpeakersScreen),
        ("Statements", StatementsScreen),
        ("Article", ArticleScreen),
        ("Candidates", CandidatesScreen),
        ("Overview", OverviewScreen),
        ("Everywhere", QuoteDeskApp),
    ):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                rows.append((where, binding))
    return rows
