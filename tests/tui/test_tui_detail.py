"""The detail pane: quote, cue and speaker mention marked in the paragraph, and why."""

import sqlite3

from tui_helpers import settle

from tui.app import QuoteDeskApp
from tui.colours import SOURCE_STYLE
from tui.widgets.detail_pane import highlight


def test_a_mention_in_an_earlier_paragraph_marks_nothing_here():
    # A quote that continues the one before keeps the mention that named its
    # speaker, which may sit paragraphs earlier (offsets below this one's start).
    text = "“And we will win,” the crowd heard."
    marked = highlight(
        text, content=[(101, 116)], cue=[], source=[(20, 25)], kind="direct", base=100
    )
    assert [s for s in marked.spans if str(s.style) == str(SOURCE_STYLE)] == []


def test_a_span_running_into_the_paragraph_is_clipped_to_it():
    text = "Lim said so."
    marked = highlight(text, content=[], cue=[], source=[(95, 103)], kind="direct", base=100)
    (source,) = [s for s in marked.spans if str(s.style) == str(SOURCE_STYLE)]
    assert marked.plain[source.start : source.end] == "Lim"


TRAIL = (
    "cue:speech_verb(told) content:direct_quotation source:nsubj"
    " speaker:named_in_full(Anna Kowalczyk) role:appositive(union leader)"
)


def pane_strips(app) -> list:
    """The detail pane's lines (what it says under the paragraph) as drawn."""
    meta = app.screen.query_one("#detail-meta")
    return meta.render_lines(meta.region.reset_offset)


async def test_the_detail_pane_says_why_the_machine_said_so_on_a_dim_line(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("update quotes set evidence = ?", [TRAIL])
    app = QuoteDeskApp(db_path, "tester")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        strips = pane_strips(app)
        lines = [strip.text.rstrip() for strip in strips]
        why = next(i for i, line in enumerate(lines) if line.split()[:1] == ["why"])
        # The stored trail, whole and wrapped to the pane, under its own label.
        shown = " ".join(" ".join(lines[why:]).split()[1:])
        assert shown.startswith(TRAIL), lines
        assert len([line for line in lines[why:] if line.strip()]) >= 2, lines
        machine = next(line for line in lines if line.split()[:1] == ["machine"])
        assert "confident" in machine and "cue:" not in machine

        # Dim, as the labels are (Textual renders dim as a fainter colour).
        def colour(row: int, words: str):
            return next(seg.style.color for seg in strips[row] if words in seg.text)

        machine_row = lines.index(machine)
        assert colour(why, "cue:") == colour(why, "why")
        assert colour(why, "cue:") != colour(machine_row, "confident")
