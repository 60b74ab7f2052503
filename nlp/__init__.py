"""Text in, quote records out: the spaCy pass of quotedesk (no SQL, no UI)."""

# Bump whenever extraction output changes, so stored machine layers are redone.
PIPELINE_VERSION = "rules-35"


def pipeline_version(tagger: str | None = None) -> str:
    """PIPELINE_VERSION, plus which trained tagger's weights ran, if one did."""
    if not tagger:
        return PIPELINE_VERSION
    import hashlib
    from pathlib import Path

    digest = hashlib.sha1()
    for path in sorted(Path(tagger, "attribution").glob("*")):
        digest.update(path.read_bytes())
    return f"{PIPELINE_VERSION}+tagger-{digest.hexdigest()[:8]}"
