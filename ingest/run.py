"""`quotedesk ingest`: read, find, store; or load finds shards made elsewhere."""

from __future__ import annotations

from pathlib import Path

from ingest import tell
from ingest.finds import load_finds
from ingest.reading import read_articles
from ingest.writing import IngestSummary, split_stored, store_records
from store.errors import StoreError


def run_ingest(
    paths: list,
    db_path: Path,
    outlet: str | None,
    jobs: int,
    tagger: Path | None = None,
    web=None,
    *,
    create: bool = False,
    cluster: str | None = None,
) -> IngestSummary:
    """Read, extract and store, one transaction per batch, skipping what is stored."""
    from nlp.cluster import ClusterError
    from nlp.shards import shard_files

    tagger_path = tagger_folder(tagger)  # before the database is touched
    try:
        shards = shard_files(paths)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    workers = connect_cluster(cluster) if cluster and not shards else None
    try:
        db = open_for_writing(db_path, make_folders=create)
        # In WAL mode each batch still commits whole; a power cut may cost the
        # last batches, which the next run redoes, and no fsync per batch.
        db.execute("pragma synchronous = normal")
        try:
            if shards:
                return load_finds(db, shards, IngestSummary())
            tagger_path = tagger_path or _desk_tagger(db)
            return _ingest_into(db, paths, outlet, jobs, tagger_path, web, workers)
        except ClusterError as exc:
            raise StoreError(f"{exc}; run again to go on from there") from None
        finally:
            db.conn.close()
    finally:
        if workers is not None:
            workers.close()


def _desk_tagger(db) -> str | None:
    """The tagger `train --from-db` made for this desk, when no other is asked for."""
    from store.desk_examples import desk_tagger

    recorded = desk_tagger(db)
    if recorded is None:
        return None
    try:
        path = tagger_folder(Path(recorded["path"]))
    except StoreError:
        tell(f"quotedesk: the desk's tagger {recorded['path']} is gone; ingesting without it")
        return None
    tell(f"quotedesk: using the desk's tagger {path} ({recorded['trained_on']})")
    return path


def connect_cluster(address: str):
    """The Dask cluster to run the NLP pass on; a StoreError if none answers."""
    from nlp.cluster import ClusterError, connect

    try:
        return connect(address)
    except ClusterError as exc:
        raise StoreError(str(exc)) from None


def open_for_writing(path: Path, make_folders: bool = False):
    """The database to store into; a new one only in a folder that exists, or when asked."""
    from store.db import open_db

    existed = path.exists()
    if not existed and not path.parent.is_dir() and not make_folders:
        raise StoreError(f"{path}: no folder {path.parent} (check the path; --create makes it)")
    db = open_db(path, make_folders=make_folders)
    if not existed:
        tell(f"quotedesk: created a new database {path}")
    return db


def _ingest_into(
    db, paths: list, outlet: str | None, jobs: int, tagger: str | None, web=None, cluster=None
) -> IngestSummary:
    from nlp import pipeline_version
    from nlp.extract import extract as run_extract
    from store.speakers import known_speaker_names

    summary = IngestSummary()
    version = pipeline_version(tagger)
    articles = read_articles(paths, outlet, web, summary)
    todo, summary.unchanged = split_stored(db, articles, version)
    if not todo:
        return summary
    records = run_extract(
        todo,
        jobs=jobs,
        known_speakers=known_speaker_names(db),
        known_organisations=known_speaker_names(db, "organisation"),
        tagger=tagger,
        cluster=cluster,
    )
    store_records(db, records, len(todo), version, summary, "loading model…")
    return summary


def tagger_folder(path: Path | None) -> str | None:
    """The trained tagger's folder; the folder `quotedesk train` wrote will do too."""
    if path is None:
        return None
    for candidate in (path, path / "model-last"):
        if (candidate / "config.cfg").exists() and (candidate / "attribution").is_dir():
            return str(candidate)
    raise StoreError(f"{path}: not a trained attribution tagger (make one with quotedesk train)")
