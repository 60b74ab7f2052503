"""The selected quote inside its paragraph, with who said it and why we think so.

Content is shaded in its kind's colour, the cue is underlined in italics and
the speaker mention is marked, so an analyst can check the attribution at a
glance without opening the article.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.colours import (
    CUE_STYLE,
    SOURCE_STYLE,
    kind_colour,
    kind_text,
    stance_text,
    status_text,
)
from tui.widgets.version_compare import clean, similarity

Spans = list[tuple[int, int]]


def shade(colour: str) -> str:
    """A dark background in the kind's hue, so the text on it stays readable."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"#{r // 3:02x}{g // 3:02x}{b // 3:02x}"


def highlight(
    text: str,
    *,
    content: Spans,
    cue: Spans,
    source: Spans,
    kind: str | None,
    base: int = 0,
) -> Text:
    """Rich text of `text` (which starts at article offset `base`) with the spans marked."""
    out = Text(text)
    colour = kind_colour(kind)
    for style, spans in (
        (f"{colour} on {shade(colour)}", content),
        (CUE_STYLE, cue),
        (SOURCE_STYLE, source),
    ):
        for start, end in spans:
            # Clipped to the text: a span may lie partly or wholly in another
            # paragraph (a speaker named earlier), and Rich reads a negative
            # offset as counting from the end.
            start, end = max(start - base, 0), min(end - base, len(text))
            if end > start:
                out.stylize(style, start, end)
    return out


def _spans(value: Any) -> Spans:
    return [(int(s), int(e)) for s, e in (value or [])]


def headline(article: dict[str, Any]) -> Text:
    """Title, then "outlet · date" below it, then the page's URL as a link when
    it came from the web. On one line a long title wrapped at the separator and
    left a stray "·" at the pane's edge."""
    out = Text.assemble(
        (article.get("title") or "untitled", "bold"),
        "\n",
        article.get("outlet") or "unknown outlet",
        ("  ·  ", "dim"),
        (str(article.get("published") or "")[:10] or "no date", "dim"),
    )
    if article.get("url"):
        out.append("\n")
        out.append(article["url"], Style(dim=True, underline=True, link=article["url"]))
    return out


def paragraph_text(detail: dict[str, Any]) -> Text:
    """The paragraph around the quote, spans marked (offsets are into the article)."""
    paragraph = detail.get("paragraph") or ""
    base = int(detail.get("paragraph_start") or 0)
    return highlight(
        paragraph,
        content=_spans(detail.get("content_spans")),
        cue=_spans(detail.get("cue_spans")),
        source=_spans(detail.get("source_spans")),
        kind=detail.get("kind"),
        base=base,
    )


def legend(kind: str | None) -> Text:
    colour = kind_colour(kind)
    return Text.assemble(
        (" quote ", f"{colour} on {shade(colour)}"),
        " ",
        ("cue", CUE_STYLE),
        " ",
        (" speaker mention ", SOURCE_STYLE),
    )


def also_reported(quote: dict[str, Any], others: list[dict[str, Any]]) -> Text:
    """Each other outlet's version of the statement, with how many words it shares."""
    out = Text()
    for other in others:
        if out:
            out.append("\n")
        out.append(other.get("outlet") or "unknown outlet", style="bold")
        out.append(f" {str(other.get('published') or '')[:10]}", style="dim")
        same = similarity(quote.get("quote") or "", other.get("quote") or "")
        out.append(f" {same:.0%} same", style="dim")
        out.append(f"  {clean(other.get('quote') or '')}")
    out.append("\nv compares them side by side", style="dim italic")
    return out


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one quote's detail; `show(None)` shows the empty hint instead."""

    def __init__(self, *, stance_labels: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stance_labels = stance_labels

    def compose(self):
        yield Static(id="detail-head")
        yield Static(id="detail-paragraph")
        yield Static(id="detail-meta")

    def show(self, detail: dict[str, Any] | None, *, empty: str = "") -> None:
        head = self.query_one("#detail-head", Static)
        para = self.query_one("#detail-paragraph", Static)
        meta = self.query_one("#detail-meta", Static)
        if detail is None:
            head.update(Text(empty, style="dim"))
            para.update("")
            meta.update("")
            return
        head.update(headline(detail))
        para.update(paragraph_text(detail))
        meta.update(self._meta(detail))
        self.scroll_home(animate=False)

    def _meta(self, d: dict[str, Any]) -> Group:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        speaker = Text(d.get("speakers") or d.get("speaker") or "unknown", style="bold")
        if d.get("role"):
            speaker.append(f", {d['role']}", style="")
        if d.get("speaker_type"):
            speaker.append(f"  ({d['speaker_type']})", style="dim")
        grid.add_row("speaker", speaker)
        aliases = [a for a in d.get("aliases") or [] if a != d.get("speaker")]
        if aliases:
            grid.add_row("aliases", ", ".join(aliases))
        confidence = d.get("confidence")
        machine = Text()
        if confidence is not None:
            machine.append(f"{float(confidence):.0%} confident", style="")
        if d.get("hand_made"):
            found = d.get("pipeline_version") != "hand"
            machine.append("made by hand" + (", found by the pass too" if found else ""))
        grid.add_row("machine", machine)
        if d.get("evidence"):
            # The rules that made the quote and chose its speaker, as the pass
            # stored them: the analyst's "why?", and a developer's way to the rule.
            grid.add_row("why", Text(d["evidence"], style="dim"))
        review = Text.assemble(
            kind_text(d.get("kind")),
            ("  ", ""),
            status_text(d.get("status")),
            ("  stance ", "dim"),
            stance_text(d.get("stance"), self.stance_labels),
        )
        if d.get("stance_target"):
            review.append(f" → {d['stance_target']}")
        if d.get("decided_by"):
            review.append(f"  by {d['decided_by']}", style="dim")
        grid.add_row("review", review)
        if d.get("note"):
            grid.add_row("note", Text(d["note"], style="italic"))
        if d.get("machine_missing"):
            grid.add_row("", Text("no longer found by the NLP pass", style="yellow"))
        others = d.get("also_reported") or []
        if others:
            grid.add_row("also by", also_reported(d, others))
        return Group(legend(d.get("kind")), grid)
