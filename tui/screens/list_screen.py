"""A screen that shows a list read from the desk and keeps it current."""

from __future__ import annotations

from textual.screen import Screen


class ListScreen(Screen):
    """Re-reads its list (`_load`) when the desk's data changes; while hidden
    (built ahead, or left for another screen) only once it is shown again, as
    its query would hold up the analyst's own on the one database thread."""

    stale = False  # the data changed while it was hidden

    def follow_data(self) -> None:
        """Start re-reading on every change (call once mounted)."""
        self.watch(self.app, "data_version", self._data_changed, init=False)

    def _data_changed(self, _version: int) -> None:
        if self.is_current:
            self._load()
        else:
            self.stale = True

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self._load()

    def _load(self) -> None:
        raise NotImplementedError
