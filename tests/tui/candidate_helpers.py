"""A database with candidates waiting, for the Candidates screen's tests."""

from __future__ import annotations

from pathlib import Path

HARBOUR = (
    "Harbour fees rise\n"
    "\n"
    "Fishing crews gathered at the quay on Tuesday as the new fees took effect.\n"
    "\n"
    "“We cannot pay twice for the same berth.”\n"
    "\n"
    "Harbour master Ines Duarte believes that the fees will fund a new breakwater.\n"
    "\n"
    "Duarte said the council had approved the plan in May.\n"
)


def _at(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def _found(content, cue, source, speaker, kind, confidence, candidate=False) -> dict:
    return {
        "content": [_at(HARBOUR, content)],
        "cue": [_at(HARBOUR, cue)] if cue else [],
        "source": [_at(HARBOUR, source)] if source else [],
        "speaker": speaker,
        "speaker_type": "person" if speaker else None,
        "role": None,
        "kind": kind,
        "confidence": confidence,
        "evidence": "candidate (test)" if candidate else "subject of 'said'",
        "parent": None,
        "candidate": candidate,
    }


def add_candidates(db_path: Path) -> None:
    """One article with a quote and two candidates: a belief (0.57) and a
    quotation with nobody named (0.70, so first in the queue)."""
    from store.db import open_db
    from store.ingest import save_extraction

    record = {
        "article": {
            "doc": "harbour-fees",
            "text": HARBOUR,
            "title": "Harbour fees rise",
            "outlet": "Baltic Wire",
            "url": "https://example.org/harbour-fees",
            "published": "2024-03-09",
            "path": None,
        },
        "outlet": "Baltic Wire",
        "outlet_evidence": "metadata",
        "quotes": [
            _found(
                "the council had approved the plan in May",
                "said",
                "Duarte",
                "Ines Duarte",
                "indirect",
                0.85,
            )
        ],
        "candidates": [
            _found(
                "the fees will fund a new breakwater",
                "believes",
                "Harbour master Ines Duarte",
                "Ines Duarte",
                "belief",
                0.57,
                candidate=True,
            ),
            _found(
                "We cannot pay twice for the same berth.",
                None,
                None,
                None,
                "direct",
                0.70,
                candidate=True,
            ),
        ],
        "aliases": [],
    }
    db = open_db(db_path, create=False)
    save_extraction(db, record, "test-1")
    db.conn.close()
