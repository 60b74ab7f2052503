"""Finds on disk: `extract --out DIR` on a cluster, `ingest DIR/*.jsonl` at the desk.

A shard is a JSON Lines file of finds records: one article and what the
model found in it, before names are made canonical across articles. The
desk makes them canonical when it loads the shards (nlp.extract.finish),
against the speakers its database already knows, exactly as a normal ingest
does; so a cluster that cannot reach the analyst's disk costs nothing in
speaker merging.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from nlp.extract import Found
from nlp.records import Article

FORMAT = "quotedesk-finds/1"
RECORDS_PER_SHARD = 1000


@dataclass
class ShardError:
    """A line of a shard that is not a finds record."""

    where: str
    reason: str = "not a finds record"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def finds_record(article: Article, found: Found, pipeline_version: str) -> dict:
    return {
        "format": FORMAT,
        "pipeline_version": pipeline_version,
        "article": asdict(article),
        "people": found.people,
        "quotes": found.quotes,
        "error": found.error,
    }


def write_shards(
    records: Iterable[dict], folder: Path, per_shard: int | None = None
) -> Iterator[Path]:
    """Write records into folder/finds-00000.jsonl, … `per_shard` a file; each
    shard appears whole (written aside, then renamed) and is yielded when done."""
    per_shard = per_shard or RECORDS_PER_SHARD
    folder.mkdir(parents=True, exist_ok=True)
    shard, lines = 0, 0
    out = None
    try:
        for record in records:
            if out is None:
                path = folder / f"finds-{shard:05}.jsonl"
                out = open(f"{path}.part", "w", encoding="utf-8")  # noqa: SIM115 - closed below
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            lines += 1
            if lines == per_shard:
                yield _close(out, path)
                out, shard, lines = None, shard + 1, 0
        if out is not None:
            yield _close(out, path)
            out = None
    finally:
        if out is not None:
            out.close()


def _close(out, path: Path) -> Path:
    out.close()
    os.replace(f"{path}.part", path)
    return path


def shard_files(paths: Iterable[str]) -> list[Path] | None:
    """The shards to load when every path is a shard or a folder of them;
    None when none is; ValueError when shards and articles are mixed."""
    found, others = [], []
    for name in paths:
        path = Path(name)
        inside = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        if inside and all(map(is_shard, inside)):
            found += inside
        else:
            others.append(name)
    if not found:
        return None
    if others:
        raise ValueError(
            f"{others[0]}: not a finds shard; ingest shards (quotedesk extract --out)"
            " and articles in two runs"
        )
    return found


def is_shard(path: Path) -> bool:
    """True for a JSON Lines file whose first record is a finds record."""
    if path.suffix != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and first.get("format") == FORMAT
    return False


def read_shard(path: Path) -> Iterator[tuple[Article, Found, str] | ShardError]:
    """(article, finds, pipeline version) for each line of a shard, or why a line is not one."""
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                article = Article(**record["article"])
                found = Found(record["quotes"], record["people"], record.get("error"))
                yield article, found, record["pipeline_version"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                yield ShardError(f"{path}:{lineno} ({type(exc).__name__}: {exc})")
