"""A generated desk for checking regrouping against golden output.

`build(path)` stores a few thousand quotes over ten weeks (statements told by
one speaker and reported by several outlets a few days apart, direct and
indirect, a few undated and misdated articles), regroups everything, replays
some analysts' joins and leaves, regroups two weeks, then (after more leaves)
the days of all ten weeks, and returns a snapshot of the statements after each
regroup: the statement of every quote (in quote
id order) and every statement row. Deterministic: no set or hash order is
involved in making the records or the decisions.

tests/statements/make_grouping_golden.py writes the snapshot of the code on
the path into grouping_golden.json; test_statements_golden.py compares.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from store import decisions
from store.db import open_db
from store.ingest import save_extractions
from store.statements import regroup

START = date(2024, 3, 1)
DAYS = 70
LETTERS = "abcdefghiklmnoprstuvwy"
COMMON = (
    "government minister talks sanctions border trade deal visit summit missile energy "
    "election budget court ruling protest police health climate market"
).split()
NAMES = [
    "Ministry of Foreign Affairs of Korea",
    "Democratic People's Republic of Korea",
    "Bank of England",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(5, 9)))


def _statements(rng: random.Random, count: int) -> list[dict]:
    rare = [_word(rng) for _ in range(2_500)]
    people = [f"Person{n} Surname{n}" for n in range(60)]
    told = []
    for _ in range(count):
        words = rng.sample(rare, rng.randint(5, 10)) + rng.sample(COMMON, rng.randint(2, 6))
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        organisation = rng.random() < 0.2
        told.append(
            {
                "words": words,
                "speaker": f"Agency {rng.randrange(8)}" if organisation else rng.choice(people),
                "type": "organisation" if organisation else "person",
                "day": rng.randrange(DAYS),
                "kind": rng.choice(["direct", "direct", "indirect", "mixed"]),
            }
        )
    return told


def _version(rng: random.Random, statement: dict) -> str:
    kept = [w for w in statement["words"] if rng.random() < 0.8] or statement["words"][:2]
    if rng.random() < 0.2:
        kept.append(rng.choice(COMMON))
    return " ".join(kept)


def _quote(text: str, offset: int, content: str, speaker: str, stype: str, kind: str) -> dict:
    start = offset + text.index(content)
    cue = offset + text.index(" said") + 1
    source = offset + text.index(speaker)
    return {
        "content": [[start, start + len(content)]],
        "cue": [[cue, cue + 4]],
        "source": [[source, source + len(speaker)]],
        "speaker": speaker,
        "kind": kind,
        "confidence": 0.8,
        "speaker_type": stype,
        "role": "spokesman for Agency 3" if speaker.startswith("Person1 ") else None,
        "evidence": "subject of the cue",
        "parent": None,
    }


def records(seed: int = 37, statements: int = 900) -> list[dict]:
    """Articles of 1-6 quotes, each quote a version of one statement."""
    rng = random.Random(seed)
    by_article: dict[tuple[int, int], list[tuple[str, dict]]] = {}
    for statement in _statements(rng, statements):
        for _ in range(rng.choice([1, 1, 2, 3, 4, 5])):
            day = statement["day"] + rng.choice([0, 0, 1, 2, 3, 6, 9])
            outlet = rng.randrange(12)
            by_article.setdefault((day, outlet), []).append((_version(rng, statement), statement))
    articles = []
    for n, ((day, outlet), told) in enumerate(sorted(by_article.items())):
        paragraphs, quotes, offset = [f"Report {n}"], [], len(f"Report {n}") + 2
        for content, statement in told[:6]:
            speaker = statement["speaker"]
            para = (
                f"“{content},” {speaker} said."
                if statement["kind"] != "indirect"
                else f"{speaker} said {content}."
            )
            quotes.append(
                _quote(para, offset, content, speaker, statement["type"], statement["kind"])
            )
            paragraphs.append(para)
            offset += len(para) + 2
        published = (START + timedelta(days=day)).isoformat()
        if n % 97 == 5:
            published = None  # undated: close in time to everything
        elif n % 131 == 7:
            published = "sometime in March"  # unreadable: undated too
        articles.append(
            {
                "article": {
                    "doc": f"report-{n}",
                    "text": "\n\n".join(paragraphs),
                    "title": paragraphs[0],
                    "outlet": None,
                    "url": None,
                    "published": published,
                    "path": None,
                },
                "outlet": f"Outlet {outlet}",
                "outlet_evidence": "metadata",
                "quotes": quotes,
                "aliases": [],
            }
        )
    return articles


def snapshot(db) -> dict:
    members = [
        row[0]
        for row in db.execute(
            "select qs.statement_id from quotes q"
            " left join quote_statements qs on qs.quote_id = q.id order by q.id"
        )
    ]
    rows = db.execute(
        "select id, speaker_id, first_seen, first_outlet_id, versions, articles, outlets,"
        " round(score, 9) from statements order by id"
    ).fetchall()
    return {"quote_statements": members, "statements": [list(r) for r in rows]}


def build(path) -> dict:
    """Store, regroup all, decide, regroup two weeks: the snapshots after each regroup."""
    db = open_db(path)
    stored = records()
    for first in range(0, len(stored), 64):
        save_extractions(db, stored[first : first + 64], "golden-1")
    regroup(db)
    everything = snapshot(db)
    rng = random.Random(5)
    quotes = db.execute("select max(id) from quotes").fetchone()[0]
    for _ in range(40):
        quote = rng.randint(1, quotes)
        if rng.random() < 0.5:
            decisions.leave_statement(db, quote, analyst="golden")
        else:
            other = min(quotes, max(1, quote + rng.randint(-30, 30)))
            if other != quote:
                decisions.join_statement(db, quote, other, analyst="golden")
    for quote in rng.sample(range(1, quotes + 1), 30):
        decisions.reject(db, quote, analyst="golden")
    regroup(db, [(START + timedelta(days=d)).isoformat() for d in range(20, 34)])
    two_weeks = snapshot(db)
    for quote in rng.sample(range(1, quotes + 1), 20):
        decisions.leave_statement(db, quote, analyst="golden")
    regroup(db, [(START + timedelta(days=d)).isoformat() for d in range(0, DAYS, 3)])
    return {
        "everything": everything,
        "after decisions, two weeks": two_weeks,
        "after more decisions, every day": snapshot(db),
    }
