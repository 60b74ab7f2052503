"""Damaging a database file the way a failing disk or a copy cut short does."""

import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str = "quotes") -> None:
    """Overwrite the first page of one table with garbage. The file still opens
    (its header, schema and meta table are intact); reading that table fails."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("pragma wal_checkpoint(truncate)")
        page_size = conn.execute("pragma page_size").fetchone()[0]
        root = conn.execute("select rootpage from sqlite_master where name = ?", [table])
        (page,) = root.fetchone()
    finally:
        conn.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(b"\xff" * page_size)
