"""Articles in: text, JSONL, HTML, URLs, feeds and WARC files become
nlp.records.Article (text, title, outlet, url, published, evidence).

No spaCy, no SQL: `read_inputs` is the one entry point (intake.sources).
"""
