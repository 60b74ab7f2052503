"""The detail pane's marking of quote, cue and speaker mention inside a paragraph."""

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
