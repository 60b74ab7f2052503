"""Hand-written extraction records for store tests (no spaCy), and view helpers."""

TEXT = (
    "Minister backs port deal\n\n"
    "Transport Minister Ana Ruiz said on Monday that the port deal was “a good day for the "
    "region,” adding that talks would go on.\n\n"
    "“We will not sign anything that hurts fishermen,” Ruiz told reporters.\n\n"
    "Union leader Tom Baker said the deal was rushed."
)


def span(text: str, phrase: str, near: int = 0) -> list[int]:
    """The occurrence of phrase closest to `near` (cue and source sit by their quote)."""
    starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
    start = min(starts, key=lambda i: abs(i - near))
    return [start, start + len(phrase)]


def quote(text, content, cue, source, speaker, kind="direct", **extra) -> dict:
    where = span(text, content)
    return {
        "content": [where],
        "cue": [span(text, cue, where[1])],
        "source": [span(text, source, where[1])],
        "speaker": speaker,
        "kind": kind,
        "confidence": 0.9,
        "speaker_type": extra.get("speaker_type", "person"),
        "role": extra.get("role"),
        "evidence": extra.get("evidence", "subject of the cue"),
        "parent": None,
    }


def record(text: str = TEXT, doc: str = "port", outlet: str = "Wire", quotes=None, **article):
    if quotes is None:
        quotes = [
            quote(
                text,
                "a good day for the region,",
                "said",
                "Transport Minister Ana Ruiz",
                "Ana Ruiz",
                "mixed",
                role="Transport Minister",
            ),
            quote(
                text, "We will not sign anything that hurts fishermen,", "told", "Ruiz", "Ana Ruiz"
            ),
            quote(
                text,
                "the deal was rushed",
                "said",
                "Union leader Tom Baker",
                "Tom Baker",
                "indirect",
                role="Union leader",
            ),
        ]
    return {
        "article": {
            "doc": doc,
            "text": text,
            "title": text.splitlines()[0],
            "outlet": None,
            "url": None,
            "published": article.get("published", "2024-03-04"),
            "path": f"{doc}.txt",
        },
        "outlet": outlet,
        "outlet_evidence": "metadata",
        "quotes": quotes,
        "aliases": article.get("aliases", []),
    }


def quote_id(db, phrase: str) -> int:
    row = db.execute("select id from quote_view where quote like ?", [f"%{phrase}%"]).fetchone()
    assert row, phrase
    return row[0]


def view(db, quote_id: int) -> dict:
    cursor = db.execute("select * from quote_view where id = ?", [quote_id])
    names = [c[0] for c in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))
