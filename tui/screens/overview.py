"""The Overview screen: four charts an analyst looks at before reading.

Who is quoted by whom (speaker × outlet), how each outlet's quotes lean
(stance by outlet), what kind of quoting dominates (kind mix), and how far
the review has got. Kind, stance and status use the same colours as the
table and the detail pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from tui.colours import (
    KIND_COLOURS,
    STATUS_COLOURS,
    UNKNOWN_COLOUR,
    stance_colour,
)
from tui.screens.list_screen import ListScreen
from tui.widgets.bar_chart import BarRow, StackedBars

if TYPE_CHECKING:
    from tui.app import QuoteDeskApp

TOP_SPEAKERS = 8
TOP_OUTLETS = 6
# Outlets have no meaning-bearing colour; these only need to differ from each other.
OUTLET_COLOURS = ("#64b5f6", "#f06292", "#aed581", "#ffd54f", "#4db6ac", "#ba68c8", "#9e9e9e")


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def count_ticks(largest: int, steps: int = 4) -> list[int]:
    """Whole-number ticks from 0 to past the largest count: counts have no
    fractions, and plotext's own ticks put 3.8 and 11.2 on a count axis."""
    step = max(1, -(-largest // steps))
    return list(range(0, largest + step, step))


def short(name: str | None, width: int = 14) -> str:
    name = name or "unknown"
    return name if len(name) <= width else name[: width - 1] + "…"


def summary_line(data: dict[str, Any]) -> str:
    """Quotes as everywhere else: rejected ones are not counted, only said to be left out.
    Review progress is over everything the machine found, rejected included."""
    review = data["review"]
    found = sum(review.values())
    rejected = review.get("rejected", 0)
    done = found - review.get("unreviewed", 0)
    outlets = len(data["speaker_outlet"]["outlets"])
    hidden = f", {rejected:,} rejected hidden" if rejected else ""
    return (
        f"[b]{found - rejected:,}[/b] quotes{hidden} · [b]{outlets}[/b] outlets · "
        f"[b]{done:,}[/b] of {found:,} reviewed ({done / found:.0%}) · F2 quotes"
    )


class OverviewLoaded(Message):
    def __init__(self, data: dict[str, Any] | None) -> None:
        super().__init__()
        self.data = data


class OverviewScreen(ListScreen):
    BINDINGS = [Binding("ctrl+r", "reload", "Reload", id="overview-reload", show=False)]

    app: QuoteDeskApp

    def __init__(self) -> None:
        super().__init__(id="overview")
        self.data: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="overview-top"):
            yield Static(id="overview-summary")
            yield Static(id="overview-legend")
            # Krippendorff's alpha of open coding samples, when there are any.
            yield Static(id="overview-samples", classes="-hidden")
        with Grid(id="charts"):
            yield StackedBars(id="chart-speakers")
            yield PlotextPlot(id="chart-stance")
            yield PlotextPlot(id="chart-kinds")
            yield PlotextPlot(id="chart-review")
        yield Static(id="overview-empty", classes="empty-state")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._load()
        self.follow_data()

    def action_reload(self) -> None:
        self._load()

    @work(exclusive=True, group="overview")
    async def _load(self) -> None:
        from store.queries import overview

        if not self.app.data.exists:
            self.post_message(OverviewLoaded(None))
            return
        self.post_message(OverviewLoaded(await self.app.data.run(overview)))
        self._load_samples()

    @work(exclusive=True, group="overview-samples")
    async def _load_samples(self) -> None:
        from store.agreement import sample_states
        from tui.screens.coding import samples_line

        line = samples_line(await self.app.data.run(sample_states))
        samples = self.query_one("#overview-samples", Static)
        samples.update(line)
        samples.set_class(not line, "-hidden")

    @on(OverviewLoaded)
    def _loaded(self, message: OverviewLoaded) -> None:
        self.data = message.data
        review = (message.data or {}).get("review", {})
        total = sum(review.values())
        empty = self.query_one("#overview-empty", Static)
        if not message.data or not total:
            where = self.app.db_path
            empty.update(
                "No quotes to chart yet.\n\n"
                f"Ingest articles with  quotedesk ingest PATH --db {where}\n"
                "or try the samples with  quotedesk demo"
            )
            self.set_class(True, "-empty")
            return
        self.set_class(False, "-empty")
        self.query_one("#overview-summary", Static).update(summary_line(message.data))
        self.query_one("#overview-legend", Static).update(self._legend(message.data))
        self._speakers(message.data["speaker_outlet"])
        self._stance(message.data["stance_outlet"])
        self._kinds(message.data["kinds"])
        self._review(review)

    def _legend(self, data: dict[str, Any]) -> Text:
        """Colour keys as one line of text: plotext's own legends cover the bars."""
        labels = self.app.config.stance_labels
        legend = Text("outlets ", style="dim")
        for i, outlet in enumerate(data["speaker_outlet"]["outlets"]):
            legend.append("■ ", style=OUTLET_COLOURS[i % len(OUTLET_COLOURS)])
            legend.append(f"{outlet}  ")
        legend.append("  stance ", style="dim")
        for label in labels:
            legend.append("■ ", style=stance_colour(label, labels))
            legend.append(f"{label}  ")
        return legend

    def _plot(self, chart_id: str, title: str) -> Any:
        widget = self.query_one(f"#{chart_id}", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        return widget, plt

    def _speakers(self, data: dict[str, Any]) -> None:
        # Text rows, not plotext: its horizontal bars drift off their labels when
        # the chart has few rows (see tui/widgets/bar_chart.py).
        rows = [
            BarRow(speaker or "unknown", [per_outlet[i] for per_outlet in data["counts"]])
            for i, speaker in enumerate(data["speakers"])
        ]
        colours = [OUTLET_COLOURS[i % len(OUTLET_COLOURS)] for i in range(len(data["outlets"]))]
        self.query_one("#chart-speakers", StackedBars).show(
            "Quotes by speaker × outlet", rows, colours
        )

    def _stance(self, data: dict[str, Any]) -> None:
        labels = self.app.config.stance_labels
        outlets = [short(o, 10) for o in data["outlets"]]
        # Quotes without a stance would dwarf the rest; the title counts them instead.
        keep = [i for i, s in enumerate(data["stances"]) if s]
        unset = sum(sum(data["counts"][i]) for i, s in enumerate(data["stances"]) if not s)
        title = "Stance by outlet" + (f" ({unset:,} untagged)" if unset else "")
        if not keep:
            title = "Stance: none tagged yet (1-4)"
        widget, plt = self._plot("chart-stance", title)
        if outlets and keep:
            plt.stacked_bar(
                outlets,
                [data["counts"][i] for i in keep],
                color=[rgb(stance_colour(data["stances"][i], labels)) for i in keep],
                width=0.6,
            )
            kept = [data["counts"][i] for i in keep]
            plt.yticks(count_ticks(max(map(sum, zip(*kept, strict=True)))))
        widget.refresh()

    def _kinds(self, kinds: dict[str, int]) -> None:
        widget, plt = self._plot("chart-kinds", "Kind mix")
        names = [k for k in KIND_COLOURS if kinds.get(k)] + [
            k for k in kinds if k not in KIND_COLOURS and kinds[k]
        ]
        # One bar call per kind at its own position, so each gets its kind's colour.
        for position, name in enumerate(names, start=1):
            colour = rgb(KIND_COLOURS.get(name, UNKNOWN_COLOUR))
            plt.bar([position], [kinds[name]], color=colour, width=0.6)
        if names:
            plt.xticks(list(range(1, len(names) + 1)), names)
            plt.xlim(0.4, len(names) + 0.6)
            plt.yticks(count_ticks(max(kinds[name] for name in names)))
        widget.refresh()

    def _review(self, review: dict[str, int]) -> None:
        total = sum(review.values()) or 1
        done = total - review.get("unreviewed", 0)
        widget, plt = self._plot("chart-review", f"Review progress: {done / total:.0%} reviewed")
        statuses = ["unreviewed", "rejected", "accepted"]
        for position, status in enumerate(statuses, start=1):
            plt.bar(
                [position],
                [review.get(status, 0)],
                color=rgb(STATUS_COLOURS[status]),
                orientation="horizontal",
                width=0.6,
            )
        plt.yticks(list(range(1, len(statuses) + 1)), statuses)
        plt.ylim(0.4, len(statuses) + 0.6)
        plt.xticks(count_ticks(max(review.get(status, 0) for status in statuses)))
        widget.refresh()
