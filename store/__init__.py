"""The SQLite file: schema, migrations, ingest, queries, decisions, export.

db.open_db (checks, WAL, migrations) · schema (tables, quote_view) ·
ingest.save_extraction · queries (what the app reads) · decisions (the
analysts' log) · speakers · export · statements/grouping. See docs/database.md.
Imports neither nlp/ nor tui/.
"""

import sys

# sqlite-utils imports numpy whenever it is installed (spaCy brings it), only to
# map numpy types when it creates a table from values. The store creates its
# tables with SQL and writes plain Python values, and numpy was a tenth of the
# app's start-up: sqlite-utils is imported here with numpy hidden from it.
# numpy itself still imports as usual afterwards (the NLP pass needs it).
if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" fails
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]
