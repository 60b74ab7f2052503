"""Fixtures for the app's tests: a real SQLite file built through store.ingest.

The articles below are written for these tests (no spaCy needed): four
outlets, a spokesperson quoted directly and by surname, a minister whose name
is romanised two ways, an organisation as speaker, and direct, mixed and
indirect quotes.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

ARTICLES: list[dict[str, Any]] = [
    {
        "doc": "harbour-strike-wire",
        "outlet": "Baltic Wire",
        "title": "Port workers strike over automation plan",
        "published": "2024-03-04",
        "text": (
            "Port workers strike over automation plan\n"
            "\n"
            "Dock workers in Gdansk walked out on Monday over a plan to automate "
            "two container terminals.\n"
            "\n"
            '"We will not be replaced by cranes that nobody can repair," union leader '
            "Anna Kowalczyk told reporters outside the gates.\n"
            "\n"
            "Kowalczyk said the strike would last until the port authority published "
            "its full cost study.\n"
            "\n"
            "Port authority spokesman Tomasz Nowak said the plan would protect "
            '"every existing contract" and create new technical jobs.\n'
            "\n"
            "Share This Article\n"
        ),
        "quotes": [
            (
                "We will not be replaced by cranes that nobody can repair,",
                "told",
                "union leader Anna Kowalczyk",
                "Anna Kowalczyk",
                "direct",
                0.93,
                "person",
                "union leader",
                "subject of 'told'",
            ),
            (
                "the strike would last until the port authority published its full cost study",
                "said",
                "Kowalczyk",
                "Anna Kowalczyk",
                "indirect",
                0.71,
                "person",
                "union leader",
                "surname -> Anna Kowalczyk",
            ),
            (
                'the plan would protect "every existing contract" and create new technical jobs',
                "said",
                "Port authority spokesman Tomasz Nowak",
                "Tomasz Nowak",
                "mixed",
                0.82,
                "person",
                "port authority spokesman",
                "subject of 'said'",
            ),
        ],
    },
    {
        "doc": "harbour-strike-daily",
        "outlet": "Northern Daily",
        "title": "Strike halts Gdansk terminals for a second day",
        "published": "2024-03-05",
        "text": (
            "Strike halts Gdansk terminals for a second day\n"
            "\n"
            "The strike at Gdansk's container terminals entered its second day.\n"
            "\n"
            '"Automation is not the enemy, secrecy is," said Anna Kowalczyk, who leads '
            "the dockers' union.\n"
            "\n"
            "The Ministry of Infrastructure said in a statement that talks would resume "
            "on Thursday.\n"
            "\n"
            'Minister Park Ji-won, visiting from Seoul, said Korean ports had "learned '
            'the hard way" that automation needs the workforce on board.\n'
        ),
        "quotes": [
            (
                "Automation is not the enemy, secrecy is,",
                "said",
                "Anna Kowalczyk",
                "Anna Kowalczyk",
                "direct",
                0.95,
                "person",
                "union leader",
                "named after 'said'",
            ),
            (
                "talks would resume on Thursday",
                "said",
                "The Ministry of Infrastructure",
                "Ministry of Infrastructure",
                "indirect",
                0.66,
                "organisation",
                None,
                "organisation subject of 'said'",
            ),
            (
                (
                    'Korean ports had "learned the hard way" that automation needs '
                    "the workforce on board"
                ),
                "said",
                "Minister Park Ji-won",
                "Park Ji-won",
                "mixed",
                0.78,
                "person",
                "minister",
                "subject of 'said'",
            ),
        ],
    },
    {
        "doc": "harbour-strike-gazette",
        "outlet": "Coastal Gazette",
        "title": "Minister Park backs dockers' call for transparency",
        "published": "2024-03-06",
        "text": (
            "Minister Park backs dockers' call for transparency\n"
            "\n"
            '"Nobody should learn from a press release that their job is gone," '
            "Park Ji Won said at a joint news conference.\n"
            "\n"
            "According to Tomasz Nowak, the cost study will be published next week.\n"
            "\n"
            '"We expect the study to show savings," Nowak added.\n'
        ),
        "quotes": [
            (
                "Nobody should learn from a press release that their job is gone,",
                "said",
                "Park Ji Won",
                "Park Ji Won",
                "direct",
                0.9,
                "person",
                "minister",
                "named before 'said'",
            ),
            (
                "the cost study will be published next week",
                "According to",
                "Tomasz Nowak",
                "Tomasz Nowak",
                "indirect",
                0.74,
                "person",
                "port authority spokesman",
                "'according to' names the source",
            ),
            (
                "We expect the study to show savings,",
                "added",
                "Nowak",
                "Tomasz Nowak",
                "direct",
                0.88,
                "person",
                "port authority spokesman",
                "surname -> Tomasz Nowak",
            ),
        ],
    },
    {
        "doc": "harbour-strike-review",
        "outlet": "The Harbour Review",
        "title": "Analysis: what the Gdansk strike tells us about automation",
        "published": "2024-03-08",
        "text": (
            "Analysis: what the Gdansk strike tells us about automation\n"
            "\n"
            "Economists have long argued that automated terminals pay off only after "
            "a decade.\n"
            "\n"
            '"The savings are real but slow," said Lena Berg, a transport economist at '
            "the University of Rostock.\n"
            "\n"
            "Berg believes the union has a strong case for a phased plan.\n"
        ),
        "quotes": [
            (
                "The savings are real but slow,",
                "said",
                "Lena Berg",
                "Lena Berg",
                "direct",
                0.92,
                "person",
                "transport economist",
                "named after 'said'",
            ),
            (
                "the union has a strong case for a phased plan",
                "believes",
                "Berg",
                "Lena Berg",
                "indirect",
                0.58,
                "person",
                "transport economist",
                "surname -> Lena Berg",
            ),
        ],
    },
]


def _span(text: str, needle: str, after: int = 0) -> list[int]:
    start = text.index(needle, after)
    return [start, start + len(needle)]


def extraction_records() -> list[dict[str, Any]]:
    """The records `quotedesk ingest` would hand to store.ingest.save_extraction."""
    records = []
    for article in ARTICLES:
        text = article["text"]
        quotes = []
        for content, cue, source, speaker, kind, confidence, stype, role, evidence in article[
            "quotes"
        ]:
            content_span = _span(text, content)
            paragraph_start = text.rfind("\n", 0, content_span[0]) + 1
            quotes.append(
                {
                    "content": [content_span],
                    "cue": [_span(text, cue, paragraph_start)],
                    "source": [_span(text, source, paragraph_start)],
                    "speaker": speaker,
                    "kind": kind,
                    "confidence": confidence,
                    "speaker_type": stype,
                    "role": role,
                    "evidence": evidence,
                    "parent": None,
                }
            )
        records.append(
            {
                "article": {
                    "doc": article["doc"],
                    "text": text,
                    "title": article["title"],
                    "outlet": article["outlet"],
                    "url": f"https://example.org/{article['doc']}",
                    "published": article["published"],
                    "path": None,
                },
                "outlet": article["outlet"],
                "outlet_evidence": "metadata",
                "quotes": quotes,
                "aliases": [],
            }
        )
    return records


def build_db(path: Path) -> Path:
    from store.db import open_db
    from store.ingest import save_extraction

    db = open_db(path)
    for record in extraction_records():
        save_extraction(db, record, "test-1")
    db.conn.close()
    return path


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("tui") / "quotes.db")


@pytest.fixture
def db_path(built_db, tmp_path) -> Path:
    """A private copy of the test database, for tests that write."""
    copy = tmp_path / "quotes.db"
    shutil.copy(built_db, copy)
    return copy


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """A blinking cursor makes snapshots flaky (Harlequin does the same)."""
    from textual.widgets import Input, TextArea

    # cursor_blink is a reactive; changing its default covers widgets mounted later.
    monkeypatch.setattr(Input.__dict__["cursor_blink"], "_default", False)
    monkeypatch.setattr(TextArea.__dict__["cursor_blink"], "_default", False)


@pytest.fixture(autouse=True)
def isolated_config(tmp_path, monkeypatch):
    """No analyst config leaks in from the machine running the tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def wait_for_workers():
    from tui_helpers import settle

    return settle
