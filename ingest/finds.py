"""Loading finds shards (`quotedesk extract --out`): no NLP pass here."""

from __future__ import annotations

from pathlib import Path

from ingest import tell
from ingest.writing import IngestSummary, split_stored, store_records
from store.errors import StoreError


def load_finds(db, shards: list[Path], summary: IngestSummary) -> IngestSummary:
    """Store the finds records of `quotedesk extract --out`: no NLP pass, the
    same dedup and the same speaker merging as an ingest of the articles."""
    from nlp.acronyms import OrganisationNames
    from nlp.extract import Names, finish
    from nlp.names import Canonicals
    from nlp.shards import ShardError, read_shard
    from store.speakers import known_speaker_names

    finds, versions = {}, set()
    for item in (line for shard in shards for line in read_shard(shard)):
        if isinstance(item, ShardError):
            tell(f"quotedesk: skipped {item}")
            summary.errors.append(item)
            continue
        article, found, version = item
        finds[id(article)] = (article, found)
        versions.add(version)
    tell(f"quotedesk: loading {len(finds)} extraction records, no NLP pass")
    if len(versions) > 1:
        raise StoreError(f"the shards come from {len(versions)} pipeline versions; load each alone")
    if not finds:
        return summary
    (version,) = versions
    todo, summary.unchanged = split_stored(db, [a for a, _ in finds.values()], version)
    if not todo:
        return summary
    names = Names(
        Canonicals(known_speaker_names(db)),
        OrganisationNames(known_speaker_names(db, "organisation")),
    )
    records = (finish(article, finds[id(article)][1], names) for article in todo)
    store_records(db, records, len(todo), version, summary)
    return summary
