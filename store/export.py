"""Exporting the merged view as CSV or JSON Lines, streamed row by row."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import TextIO

import sqlite_utils

from store.errors import StoreError
from store.queries import QuoteFilter, where

# Stable order: scripts and spreadsheets rely on it. `id` is what `quotedesk quote` takes.
COLUMNS = (
    "id",
    "speaker",
    "speakers",  # every speaker of the quote, "; "-joined (several for "A and B said")
    "speaker_type",
    "role",
    "outlet",
    "title",
    "published",
    "kind",
    "quote",
    "cue",
    "source_text",
    "confidence",
    "status",
    "stance",
    "stance_target",
    "note",
    "statement_id",
    "source",
    "decided_by",
    "decided_at",
    "machine_missing",
    "pipeline_version",
    "article_id",
    "quote_key",
)


def export_quotes(
    db: sqlite_utils.Database, f: QuoteFilter, fmt: str, out: TextIO, excel_bom: bool = False
) -> int:
    """Write every quote matching `f` to `out`; the number of rows written."""
    if fmt not in ("csv", "jsonl"):
        raise StoreError(f"unknown export format {fmt!r}: use csv or jsonl")
    condition, params = where(f)
    cursor = db.execute(
        f"select {', '.join(COLUMNS)} from quote_view_all{condition} order by id", params
    )
    if fmt == "csv":
        if excel_bom:
            out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        count = 0
        for row in cursor:
            writer.writerow(row)
            count += 1
        return count
    count = 0
    for row in cursor:
        out.write(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n")
        count += 1
    return count


def export_to_file(
    db: sqlite_utils.Database, f: QuoteFilter, fmt: str, path: str | Path, excel_bom: bool = False
) -> int:
    """Write the export to `path` whole or not at all; the number of rows written.

    The rows go to a temporary file beside `path` that is renamed over it only
    once complete, so a failure half-way (a full disk, a vanished folder)
    leaves the previous export at `path` as it was. StoreError says what failed.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"cannot write {path}: it is a folder (name a file in it)")
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {path}: no folder {path.parent}")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        # O_EXCL: never write through someone else's file; 0o666 lets the umask decide.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            count = export_quotes(db, f, fmt, handle, excel_bom)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():  # an export someone made private stays private
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        _remove(temporary)
        raise StoreError(f"cannot write {path}: {exc.strerror}; it was left as it was") from None
    except BaseException:
        _remove(temporary)
        raise
    return count


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
