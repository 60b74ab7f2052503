"""Exporting the merged view as CSV or JSON Lines, streamed row by row."""

from __future__ import annotations

import csv
import json
from typing import TextIO

import sqlite_utils

from store.errors import StoreError
from store.queries import QuoteFilter, where

# Stable order: scripts and spreadsheets rely on it. `id` is what `quotedesk quote` takes.
COLUMNS = (
    "id",
    "speaker",
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
        f"select {', '.join(COLUMNS)} from quote_view{condition} order by id", params
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
