"""Storing what the NLP pass found as it streams in: batches, progress, the summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from ingest import tell

WRITE_BATCH = 64  # articles per write transaction during an ingest


@dataclass
class IngestSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quotes: int = 0
    errors: list = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        line = f"ingested {', '.join(parts)} articles; {self.quotes} quotes stored"
        if self.errors:
            reasons = Counter(getattr(e, "reason", "bad record") for e in self.errors)
            why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
            line += f"; {len(self.errors)} skipped ({why}; listed above)"
        return line


def store_records(
    db, records: Iterable, total: int, version: str, summary: IngestSummary, waiting: str = ""
) -> None:
    """Write records as they come, with the progress bar; then regroup statements."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from store.bulk_load import bulk_load
    from store.statements import regroup

    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[doc]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingest", total=total, doc=waiting)
        # A big ingest into a small desk builds the app's indexes once, at the end.
        with bulk_load(db, total):
            days = _save_batches(db, _ticking(records, progress, task), version, summary)
    # Group once, around the new articles' dates (the whole corpus if undated),
    # with the indexes back.
    regroup(db, days if all(days) else None)


def _save_batches(db, records: Iterable, version: str, summary: IngestSummary) -> list:
    """Store the records a batch at a time; the publication days of those stored.

    One transaction per batch: an interrupted run keeps every batch before
    the one it was writing, and the next run skips them.
    """
    from store.errors import BadRecord
    from store.ingest import save_extractions

    days: list[str | None] = []
    for batch in chunks(records, WRITE_BATCH):
        results = save_extractions(db, [r.record() for r in batch], version)
        for record, result in zip(batch, results, strict=True):
            if isinstance(result, BadRecord):  # the NLP pass tripped on this one
                tell(f"quotedesk: skipped {result}")
                summary.errors.append(result)
                continue
            summary.new += result.status == "new"
            summary.updated += result.status == "updated"
            summary.unchanged += result.status == "unchanged"
            summary.quotes += result.quotes
            days.append(record.article.published)
    return days


def _ticking(records: Iterable, progress, task) -> Iterator:
    """The records, moving the progress bar as each one arrives."""
    for record in records:
        progress.update(task, advance=1, doc=record.article.doc)
        yield record


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last one shorter), lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def split_stored(db, articles: list, version: str) -> tuple[list, int]:
    """The articles the NLP pass still has to read, and how many are stored already.

    A page reached twice (a feed item and its URL, a link with ?utm=…) is one
    article; a new text at a stored URL is that article edited, and is read.
    """
    from store.ingest import article_known, content_hash

    todo, urls_seen, stored = [], set(), 0
    for article in articles:
        urls = [u for u in (article.canonical_url, article.url) if u]
        if article_known(db, content_hash(article.text), version) or urls_seen.intersection(urls):
            stored += 1
        else:
            todo.append(article)
        urls_seen.update(urls)
    return todo, stored
