"""The Article screen: the full text with every quote highlighted.

Paragraphs are separate widgets, so "go to the next quote" can scroll the
paragraph that holds it into view. The current quote is shown brighter than
the rest; a line under the header says whose it is.
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

from tui.palette import kind_colour, kind_text, stance_text, status_text
from tui.widgets.detail_pane import headline, highlight, shade

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp


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
        Binding("n,j,down", "next_quote", "Next quote", id="article-next"),
        Binding("p,k,up", "previous_quote", "Previous quote", id="article-previous"),
        Binding("escape,r", "back", "Back to quotes", id="article-back"),
    ]

    app: QuoteDeskApp

    def __init__(self, article_id: int, quote_id: int | None = None) -> None:
        super().__init__(id="article")
        self.article_id = article_id
        self.quote_id = quote_id
        self.article: dict[str, Any] | None = None
        self.quotes: list[dict[str, Any]] = []

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
        self.article = article
        self.quotes = sorted(article["quotes"], key=lambda q: q["start"])
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
        return out

    def _current(self) -> dict[str, Any] | None:
        return next((q for q in self.quotes if q["id"] == self.quote_id), None)

    def _show_current(self) -> None:
        quote = self._current()
        line = self.query_one("#article-current", Static)
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
        # Take the quote we moved to back to the Quotes table, if it is listed there.
        quotes_screen = self.app.screen_for("quotes")
        self.app.pop_screen()
        if self.quote_id is not None and hasattr(quotes_screen, "table"):
            quotes_screen.table.select_quote(self.quote_id)
