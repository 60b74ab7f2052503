"""The Article screen: the full text with every quote highlighted.

Paragraphs are separate widgets, so "go to the next quote" can scroll the
paragraph that holds it into view. The current quote is shown brighter than
the rest; a line under the header says whose it is.

A quote the pass missed is added by hand here: a cursor over the words
(tui.text_cursor) selects it with the keyboard or the mouse, `+` opens the
desk's proposal (tui.widgets.hand_quote_dialog) and Enter stores it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.colours import kind_colour, kind_text, stance_text, status_text
from tui.messages import DataChanged
from tui.text_cursor import TextCursor
from tui.widgets.detail_pane import headline, highlight, shade

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp


# The selected words (and kept parts of a split quote) while adding a quote by hand.
SELECTED_BG = "#3465a4"
SELECTED = f"bold #ffffff on {SELECTED_BG}"
# A candidate (F6 queue) in the text: dotted-faint, so it does not read as a quote.
CANDIDATE_MARK = "dim underline"


class ArticleLoaded(Message):
    def __init__(self, article: dict[str, Any] | None) -> None:
        super().__init__()
        self.article = article


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-blank paragraph (split on blank lines or single newlines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        if line.strip():
            spans.append((start, start + len(line.rstrip("\r\n"))))
        start = end
    return spans


class ArticleScreen(Screen):
    BINDINGS = [
        Binding("n,j,down", "next_quote", "Next", id="article-next"),
        Binding("p,k,up", "previous_quote", "Previous", id="article-previous"),
        Binding("escape,r", "back", "Back", id="article-back"),
        Binding("plus", "add_quote", "Add quote", id="article-add-quote"),
        Binding("v", "select", "Select", id="article-select"),
        # Priority: the scrolling text would take the arrows for scrolling sideways.
        Binding(
            "w,right",
            "move('word', 1)",
            "Next word",
            id="article-word-next",
            show=False,
            priority=True,
        ),
        Binding(
            "b,left",
            "move('word', 0)",
            "Previous word",
            id="article-word-previous",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+right",
            "move('word', 1, 1)",
            "Extend a word",
            id="article-extend-next",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+left",
            "move('word', 0, 1)",
            "Extend back a word",
            id="article-extend-previous",
            show=False,
            priority=True,
        ),
        Binding(
            "right_parenthesis",
            "move('sentence', 1)",
            "Next sentence",
            id="article-sentence-next",
            show=False,
        ),
        Binding(
            "left_parenthesis",
            "move('sentence', 0)",
            "Previous sentence",
            id="article-sentence-previous",
            show=False,
        ),
        Binding(
            "right_curly_bracket",
            "move('paragraph', 1)",
            "Next paragraph",
            id="article-paragraph-next",
            show=False,
        ),
        Binding(
            "left_curly_bracket",
            "move('paragraph', 0)",
            "Previous paragraph",
            id="article-paragraph-previous",
            show=False,
        ),
        Binding("comma", "add_part", "Keep as a part", id="article-add-part", show=False),
    ]
    UNDO = True  # the app's undo and redo (u, ctrl+r) work here

    app: QuoteDeskApp

    def __init__(self, article_id: int, quote_id: int | None = None) -> None:
        super().__init__(id="article")
        self.article_id = article_id
        self.quote_id = quote_id
        self.article: dict[str, Any] | None = None
        self.quotes: list[dict[str, Any]] = []
        # What the pass was unsure of: a faint mark, not a quote to step through.
        self.candidates: list[dict[str, Any]] = []
        # The cursor for selecting a quote by hand; None until the analyst moves it.
        self.text_cursor: TextCursor | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="article-top"):
            yield Static(id="article-head")
            yield Static(id="article-current")
        yield VerticalScroll(id="article-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#article-text").focus()
        self._load()
        self.watch(self.app, "data_version", lambda _: self._load(), init=False)

    @work(exclusive=True, group="article")
    async def _load(self) -> None:
        from store.queries import article_quotes

        article = await self.app.data.run(article_quotes, self.article_id)
        self.post_message(ArticleLoaded(article))

    @on(ArticleLoaded)
    async def _loaded(self, message: ArticleLoaded) -> None:
        article = message.article
        body = self.query_one("#article-text", VerticalScroll)
        await body.remove_children()
        if not article:
            self.query_one("#article-head", Static).update("This article is no longer stored.")
            return
        if self.article is None or self.article["text"] != article["text"]:
            self.text_cursor = None
        self.article = article
        found = sorted(article["quotes"], key=lambda q: q["start"])
        self.candidates = [q for q in found if q["status"] == "candidate"]
        self.quotes = [q for q in found if q["status"] != "candidate"]
        if self.quote_id is None and self.quotes:
            self.quote_id = self.quotes[0]["id"]
        self.query_one("#article-head", Static).update(headline(article))
        text = article["text"]
        widgets = []
        for start, end in paragraphs(text):
            inside = [q for q in self.quotes if q["start"] < end and q["end"] > start]
            widgets.append(
                Static(self._render_paragraph(text[start:end], start, inside), classes="para")
            )
            widgets[-1].quote_ids = [q["id"] for q in inside]  # type: ignore[attr-defined]
        await body.mount_all(widgets)
        self._show_current()

    def _render_paragraph(self, text: str, base: int, quotes: list[dict[str, Any]]) -> Text:
        out = Text(text)
        for candidate in self.candidates:
            for s, e in candidate["content_spans"]:
                if s < base + len(text) and e > base:
                    start, stop = max(s, base) - base, min(e, base + len(text)) - base
                    out.stylize(CANDIDATE_MARK, start, stop)
        for q in quotes:
            is_current = q["id"] == self.quote_id
            marked = highlight(
                text,
                content=[(s, e) for s, e in q["content_spans"]],
                cue=[(s, e) for s, e in q["cue_spans"]] if is_current else [],
                source=[(s, e) for s, e in q["source_spans"]] if is_current else [],
                kind=q.get("kind"),
                base=base,
            )
            for span in marked.spans:
                out.stylize(span.style, span.start, span.end)
            if is_current:
                colour = kind_colour(q.get("kind"))
                for s, e in q["content_spans"]:
                    out.stylize(f"bold #000000 on {colour}", s - base, e - base)
            elif q.get("status") == "rejected":
                for s, e in q["content_spans"]:
                    out.stylize("strike", s - base, e - base)
        if self.text_cursor is not None:
            self._render_selection(out, base)
        return out

    def _render_selection(self, out: Text, base: int) -> None:
        cursor = self.text_cursor
        assert cursor is not None
        end = base + len(out)
        for start, stop in cursor.all_parts():
            if start < end and stop > base:
                out.stylize(SELECTED, max(start, base) - base, min(stop, end) - base)
        start, stop = cursor.words[cursor.cursor] if cursor.words else (0, 0)
        if start < end and stop > base:
            out.stylize("reverse underline", start - base, stop - base)

    def _current(self) -> dict[str, Any] | None:
        return next((q for q in self.quotes if q["id"] == self.quote_id), None)

    def _show_current(self) -> None:
        quote = self._current()
        line = self.query_one("#article-current", Static)
        if self.text_cursor is not None:
            line.update(self._selection_line())
            self._render_all()
            return
        if quote is None:
            line.update(Text("No quotes found in this article.", style="dim"))
            return
        index = self.quotes.index(quote) + 1
        labels = self.app.config.stance_labels
        colour = kind_colour(quote.get("kind"))
        line.update(
            Text.assemble(
                (f" {index}/{len(self.quotes)} ", f"bold on {shade(colour)}"),
                " ",
                (quote.get("speaker") or "unknown", "bold"),
                "  ",
                kind_text(quote.get("kind")),
                "  ",
                status_text(quote.get("status")),
                "  ",
                stance_text(quote.get("stance"), labels),
            )
        )
        # Re-render paragraphs so only the current quote is bright.
        assert self.article is not None
        text = self.article["text"]
        target = None
        for widget, (start, end) in zip(
            self.query(".para").results(Static), paragraphs(text), strict=False
        ):
            ids = widget.quote_ids  # type: ignore[attr-defined]
            inside = [q for q in self.quotes if q["id"] in ids]
            widget.update(self._render_paragraph(text[start:end], start, inside))
            if quote["id"] in ids and target is None:
                target = widget
        if target is not None:
            self.query_one("#article-text", VerticalScroll).scroll_to_center(target, animate=False)

    def _selection_line(self) -> Text:
        assert self.text_cursor is not None
        parts = self.text_cursor.all_parts()
        if not parts:
            return Text.assemble(
                (" select ", f"bold on {SELECTED_BG}"),
                "  v or shift+→ starts a selection · w/b word · ( ) sentence · { } paragraph",
                ("  esc stop", "dim"),
            )
        count = sum(len(self.text_cursor.words_in(s, e)) for s, e in parts)
        split = f" in {len(parts)} parts" if len(parts) > 1 else ""
        return Text.assemble(
            (" select ", f"bold on {SELECTED_BG}"),
            f"  {count} word{'' if count == 1 else 's'}{split}",
            "  + make it a quote · , keep as a part of a split quote",
            ("  esc clear", "dim"),
        )

    def _render_all(self) -> None:
        """Re-render every paragraph and bring the cursor's into view."""
        if self.article is None:
            return
        text = self.article["text"]
        cursor_at = self.text_cursor.words[self.text_cursor.cursor][0] if self._has_words() else -1
        target = None
        for widget, (start, end) in zip(
            self.query(".para").results(Static), paragraphs(text), strict=False
        ):
            ids = widget.quote_ids  # type: ignore[attr-defined]
            inside = [q for q in self.quotes if q["id"] in ids]
            widget.update(self._render_paragraph(text[start:end], start, inside))
            if start <= cursor_at < end:
                target = widget
        if target is not None:
            self.query_one("#article-text", VerticalScroll).scroll_to_widget(target, animate=False)

    def _has_words(self) -> bool:
        return self.text_cursor is not None and bool(self.text_cursor.words)

    def _start_cursor(self) -> TextCursor | None:
        """The cursor, put on the current quote's first word the first time it is used."""
        if self.article is None:
            return None
        if self.text_cursor is None:
            self.text_cursor = TextCursor.over(self.article["text"])
            quote = self._current()
            self.text_cursor.place(quote["start"] if quote else 0)
            return self.text_cursor if self.text_cursor.words else None
        return self.text_cursor

    def action_move(self, unit: str, forward: int, extend: int = 0) -> None:
        cursor = self._start_cursor()
        if cursor is None:
            return
        cursor.step(unit, bool(forward), bool(extend))
        self._show_current()

    def action_select(self) -> None:
        cursor = self._start_cursor()
        if cursor is None:
            return
        cursor.toggle_anchor()
        self._show_current()

    def action_add_part(self) -> None:
        cursor = self.text_cursor
        if cursor is None or not cursor.keep_part():
            self.notify("Select the words of this part first (v, then move).")
            return
        self._show_current()

    def on_text_selected(self) -> None:
        """A mouse drag over the text: its words become the selection."""
        chosen = self._dragged()
        if chosen is None:
            return
        self.screen.clear_selection()
        cursor = self._start_cursor()
        if cursor is None:
            return
        cursor.select(*chosen)
        self._show_current()

    def _dragged(self) -> tuple[int, int] | None:
        """The article characters under the mouse's text selection, if any."""
        if self.article is None:
            return None
        ranges = []
        for widget, (start, end) in zip(
            self.query(".para").results(Static), paragraphs(self.article["text"]), strict=False
        ):
            selection = self.selections.get(widget)
            if selection is None:
                continue
            first = start + (selection.start.x if selection.start else 0)
            last = start + selection.end.x if selection.end and selection.end.y == 0 else end
            ranges.append((first, min(last, end)))
        if not ranges or ranges[0][0] >= ranges[-1][1]:
            return None
        return ranges[0][0], ranges[-1][1]

    @work(group="dialog")
    async def action_add_quote(self) -> None:
        from store.errors import StoreError
        from tui import review_actions
        from tui.widgets.hand_quote_dialog import HandQuoteDialog

        cursor = self.text_cursor
        parts = cursor.all_parts() if cursor else []
        if not parts or self.article is None:
            self.notify("Select the words of the quote first: v, then move (or drag the mouse).")
            return
        choice = await self.app.push_screen_wait(HandQuoteDialog(self.article["text"], parts))
        if choice is None:
            return
        try:
            summary, quote_id = await self.app.data.run(
                review_actions.add_quote, self.article_id, choice, analyst=self.app.analyst
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self.text_cursor = None
        self.quote_id = quote_id
        self.notify(summary)
        self.app.post_message(DataChanged((quote_id,), summary, origin=self))

    def _step(self, delta: int) -> None:
        if not self.quotes:
            return
        quote = self._current()
        index = self.quotes.index(quote) if quote else -1
        index = max(0, min(len(self.quotes) - 1, index + delta))
        self.quote_id = self.quotes[index]["id"]
        self._show_current()

    def action_next_quote(self) -> None:
        self._step(1)

    def action_previous_quote(self) -> None:
        self._step(-1)

    def action_back(self) -> None:
        if self.text_cursor is not None:
            # First esc: let go of the selection (then the cursor); the next goes back.
            if self.text_cursor.all_parts():
                self.text_cursor.clear()
            else:
                self.text_cursor = None
            self._show_current()
            return
        # Take the quote we moved to back to the Quotes table, if it is listed there.
        quotes_screen = self.app.screen_for("quotes")
        self.app.pop_screen()
        if self.quote_id is not None and hasattr(quotes_screen, "table"):
            quotes_screen.table.select_quote(self.quote_id)
