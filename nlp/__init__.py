"""Text in, quote records out: the spaCy pass of quotedesk (no SQL, no UI)."""

# Bump whenever extraction output changes, so stored machine layers are redone.
PIPELINE_VERSION = "rules-3"
