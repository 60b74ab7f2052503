"""Reading the sources with a live count; unreadable inputs reported and kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from ingest import tell
from ingest.writing import IngestSummary


def read_articles(paths: list, outlet: str | None, web, summary: IngestSummary) -> list:
    """Every article the sources hold, counting on stderr as they are read."""
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from intake.sources import read_inputs

    reading = (TextColumn("read {task.completed} articles"), TextColumn("{task.fields[doc]}"))
    with Progress(*reading, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("read", total=None, doc="")
        articles = []
        # Skipped inputs are printed above the live line, not into it.
        above = partial(progress.console.print, markup=False, highlight=False, soft_wrap=True)
        for article in report_errors(read_inputs(paths, outlet, web), summary.errors, above):
            articles.append(article)
            progress.update(task, advance=1, doc=article.url or article.doc)
    return articles


def report_errors(items: Iterable, errors: list, show: Callable[[str], None] = tell) -> Iterator:
    """Pass articles through; print each input error as one line and keep it."""
    from intake.files import InputError

    for item in items:
        if isinstance(item, InputError):
            show(f"quotedesk: skipped {item}")
            errors.append(item)
        else:
            yield item
