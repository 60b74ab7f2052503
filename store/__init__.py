"""The SQLite file: schema, migrations, ingest, queries, decisions, export.

db.open_db (checks, WAL, migrations) · schema (tables, quote_view) ·
ingest.save_extraction · queries (what the app reads) · decisions (the
analysts' log) · speakers · export · statements/grouping. See docs/database.md.
Imports neither nlp/ nor tui/.
"""
