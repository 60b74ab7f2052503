"""The Overview's speaker × outlet chart: every bar beside its own speaker, at any size."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region
from tui_helpers import settle

from store.db import open_db
from store.queries import overview
from tui.app import QuoteDeskApp

# A labelled bar as text, whatever draws it: "  North Korea █████ 5" or plotext's
# "   North Korea┤█████     │".
ROW = re.compile(r"^ *(?P<label>[^┤│█]*?\S)[ ┤](?P<bar>█+)(?: (?P<total>\d+))?")


def chart_rows(chart) -> list[tuple[str, int, int | None]]:
    """(label, bar length, total if printed) for every labelled bar the chart shows."""
    whole = Region(0, 0, chart.outer_size.width, chart.outer_size.height)  # padding too
    lines = [strip.text for strip in chart.render_lines(whole)]
    return [
        (m["label"], len(m["bar"]), int(m["total"]) if m["total"] else None)
        for line in lines[1:]
        if (m := ROW.match(line))
    ]


@pytest.mark.parametrize("size", [(80, 24), (160, 45), (100, 30)])
async def test_each_bar_is_beside_its_own_speaker(sample_db_copy, size):
    db = open_db(sample_db_copy, create=False)
    data = overview(db)["speaker_outlet"]
    db.conn.close()
    totals = {
        speaker: sum(per_outlet[i] for per_outlet in data["counts"])
        for i, speaker in enumerate(data["speakers"])
    }
    app = QuoteDeskApp(sample_db_copy, "tester")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        chart = app.screen.query_one("#chart-speakers")
        rows = chart_rows(chart)

    assert len(rows) >= 5, "at 80x24 there is room for at least five speakers"
    largest = max(totals.values())
    longest = max(bar for _, bar, _ in rows)
    for label, bar, total in rows:
        name = next(s for s in totals if s == label or s.startswith(label.rstrip("…")))
        expected = totals[name] * longest / largest
        assert abs(bar - expected) <= 1, (
            f"{label}: a bar of {bar}, its {totals[name]} is {expected}"
        )
        assert total in (None, totals[name]), f"{label}: shows {total}, has {totals[name]}"
    # Most quoted first, and no speaker twice.
    assert [totals[label] for label, _, _ in rows if label in totals] == sorted(
        (totals[label] for label, _, _ in rows if label in totals), reverse=True
    )
    assert len({label for label, _, _ in rows}) == len(rows)
