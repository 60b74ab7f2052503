"""Quotes an analyst adds by hand: human-layer rows the machine never overwrites.

A hand-made quote is a row of `hand_quotes` (what the analyst marked: the
content ranges, cue, source mention and kind) written through a logged
decision (field `hand_quote`, its definition as JSON), so undo and redo work
like any edit. It is also a row of `quotes`, so the merged view, the CSV,
the statements and the Article screen show it like any quote; that row has
pipeline version HAND until the NLP pass finds the same words. Then the
machine's quote joins it (store/ingest.py gives it the same key) and every
re-run lays the hand-made definition back over the machine's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import sqlite_utils

from store import statements
from store.errors import StoreError
from store.schema import refresh_current

# The pipeline version of a quote no NLP pass has found: made by hand.
HAND = "hand"

Range = tuple[int, int]


@dataclass
class HandQuote:
    """What the analyst marked in one article; offsets into the article text."""

    article_id: int
    content: list[Range]
    cue: list[Range] = field(default_factory=list)
    source: list[Range] = field(default_factory=list)
    kind: str = "direct"
    # The words of each range (content, cue, source) when made: an edited
    # article moves them, and they are found again by these.
    words: dict[str, list[str]] | None = None

    def to_json(self) -> str:
        data = {
            "article_id": self.article_id,
            "content": [list(r) for r in self.content],
            "cue": [list(r) for r in self.cue],
            "source": [list(r) for r in self.source],
            "kind": self.kind,
        }
        if self.words is not None:
            data["words"] = self.words
        return json.dumps(data)

    @classmethod
    def from_json(cls, value: str) -> HandQuote:
        data = json.loads(value)
        return cls(
            data["article_id"],
            [tuple(r) for r in data["content"]],
            [tuple(r) for r in data["cue"]],
            [tuple(r) for r in data["source"]],
            data["kind"],
            data.get("words"),
        )

    def with_words(self, text: str) -> HandQuote:
        """This quote remembering the words its ranges cover in `text`."""
        words = {part: [text[s:e] for s, e in getattr(self, part)] for part in PARTS}
        return replace(self, words=words)

    def moved_to(self, text: str) -> HandQuote | None:
        """This quote with its ranges over its words in `text` (an edited article);
        None when its words are gone. A cue or source whose words are gone is dropped."""
        if self.words is None:
            return self  # made before quotes remembered their words
        moved = {}
        for part in PARTS:
            ranges = [
                _find(text, r, w)
                for r, w in zip(getattr(self, part), self.words[part], strict=True)
            ]
            moved[part] = [r for r in ranges if r is not None]
            if part == "content" and len(moved[part]) < len(ranges):
                return None
        ends = [end for r in moved["content"] for end in r]
        if ends != sorted(ends):
            return None  # its parts no longer in text order: not the quote it was
        words = {part: [text[s:e] for s, e in moved[part]] for part in PARTS}
        return replace(self, **moved, words=words)


PARTS = ("content", "cue", "source")


def _find(text: str, old: Range, words: str) -> Range | None:
    """Where `words` stand in `text`: at their old place, else the nearest to it."""
    start = old[0]
    if text[start : start + len(words)] == words:
        return (start, start + len(words))
    hits, at = [], text.find(words)
    while at != -1:
        hits.append(at)
        at = text.find(words, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda hit: abs(hit - start))
    return (best, best + len(words))


def content_text(text: str, content: list[Range]) -> str:
    """The words of a quote, its parts joined as the machine's are."""
    return " … ".join(text[s:e] for s, e in content)


def definition(db: sqlite_utils.Database, key: str) -> str | None:
    """The hand-made definition in force for a quote key (as logged), or None."""
    row = db.execute("select definition from hand_quotes where quote_key = ?", [key]).fetchone()
    return row[0] if row else None


def apply(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    """Make (value: a HandQuote's JSON) or withdraw (None) the hand-made quote `key`."""
    if value is None:
        _withdraw(db, key)
        return
    quote = HandQuote.from_json(value)
    text = db.execute("select text from articles where id = ?", [quote.article_id]).fetchone()[0]
    moved = quote.moved_to(text)  # a redo after the article was edited
    if moved is None:
        raise StoreError("the words of this hand-made quote are no longer in the article")
    quote, value = moved, moved.to_json()
    made = definition(db, key) is not None
    db.execute(
        "insert or replace into hand_quotes (quote_key, article_id, definition, machine)"
        " values (?, ?, ?, (select machine from hand_quotes where quote_key = ?))",
        [key, quote.article_id, value, key],
    )
    known = db.execute("select 1 from quotes where quote_key = ?", [key]).fetchone()
    if known and not made:
        _keep_machine(db, key)  # a redo over words the pass found
    if not known:
        db.execute(
            "insert into quotes (quote_key, article_id, kind, text, content_start, content_end,"
            " content_spans, cue_spans, source_spans, pipeline_version, machine_missing)"
            " values (?, ?, '', '', 0, 0, '[]', '[]', '[]', ?, 0)",
            [key, quote.article_id, HAND],
        )
    _lay_over(db, key, quote)
    refresh_current(db, "q.quote_key = ?", [key])
    statements.place(db, key)


def restore(db: sqlite_utils.Database, article_id: int) -> None:
    """After a re-run stored an article's machine quotes: the hand-made ones win again."""
    for key, _ in _of_article(db, article_id):
        _keep_machine(db, key)
    follow_text(db, article_id)


def follow_text(db: sqlite_utils.Database, article_id: int) -> None:
    """Lay each hand-made quote of an article over its words in the article's text.

    An edited article (a new text at its URL) moves them: the definition
    follows them. Where they are gone the quote keeps the words it had,
    flagged machine_missing, rather than take whatever now stands there.
    """
    text = db.execute("select text from articles where id = ?", [article_id]).fetchone()[0]
    for key, value in _of_article(db, article_id):
        quote = HandQuote.from_json(value)
        moved = quote.moved_to(text)
        if moved is None:
            db.execute("update quotes set machine_missing = 1 where quote_key = ?", [key])
            continue
        if moved != quote:
            db.execute(
                "update hand_quotes set definition = ? where quote_key = ?",
                [moved.to_json(), key],
            )
        _lay_over(db, key, moved)


def remember_words(db: sqlite_utils.Database, article_id: int) -> None:
    """Before an article's text is replaced: hand-made quotes made before they
    remembered their words learn them from the text they were made on."""
    text = db.execute("select text from articles where id = ?", [article_id]).fetchone()[0]
    for key, value in _of_article(db, article_id):
        quote = HandQuote.from_json(value)
        if quote.words is None:
            db.execute(
                "update hand_quotes set definition = ? where quote_key = ?",
                [quote.with_words(text).to_json(), key],
            )


def _of_article(db, article_id: int) -> list[tuple[str, str]]:
    return db.execute(
        "select quote_key, definition from hand_quotes where article_id = ?", [article_id]
    ).fetchall()


def lost(db: sqlite_utils.Database, key: str) -> None:
    """A re-run no longer finds a hand-made quote's words: it is the analyst's alone again."""
    db.execute("update hand_quotes set machine = null where quote_key = ?", [key])
    db.execute("update quotes set pipeline_version = ? where quote_key = ?", [HAND, key])


# The quotes columns a hand-made definition lays over the pass's.
MACHINE_COLUMNS = (
    "kind",
    "text",
    "content_start",
    "content_end",
    "content_spans",
    "cue_spans",
    "source_spans",
    "cue",
    "source_text",
    "candidate",
)


def _keep_machine(db, key: str) -> None:
    """Keep what the pass found under these words, so a withdraw can lay it back.

    Called only while the quotes row holds the pass's own values (just stored
    by a re-run, or laid back by a withdraw), never the hand-made ones.
    """
    columns = ", ".join(MACHINE_COLUMNS)
    row = db.execute(
        f"select {columns} from quotes where quote_key = ? and pipeline_version != ?",
        [key, HAND],
    ).fetchone()
    machine = json.dumps(dict(zip(MACHINE_COLUMNS, row, strict=True))) if row else None
    db.execute("update hand_quotes set machine = ? where quote_key = ?", [machine, key])


def _lay_over(db, key: str, quote: HandQuote) -> None:
    text = db.execute("select text from articles where id = ?", [quote.article_id]).fetchone()[0]
    db.execute(
        "update quotes set kind = ?, text = ?, content_start = ?, content_end = ?,"
        " content_spans = ?, cue_spans = ?, source_spans = ?, cue = ?, source_text = ?,"
        # An analyst made it: the pass not finding it is no news, and the pass
        # being unsure of these words (a candidate) does not make it less a quote.
        " machine_missing = 0, candidate = 0"
        " where quote_key = ?",
        [
            quote.kind,
            content_text(text, quote.content),
            quote.content[0][0],
            quote.content[-1][1],
            json.dumps(quote.content),
            json.dumps(quote.cue),
            json.dumps(quote.source),
            " ".join(text[s:e] for s, e in quote.cue) or None,
            " ".join(text[s:e] for s, e in quote.source) or None,
            key,
        ],
    )


def _withdraw(db, key: str) -> None:
    machine = db.execute("select machine from hand_quotes where quote_key = ?", [key]).fetchone()
    db.execute("delete from hand_quotes where quote_key = ?", [key])
    row = db.execute(
        "select q.id, a.published, q.pipeline_version from quotes q"
        " join articles a on a.id = q.article_id where q.quote_key = ?",
        [key],
    ).fetchone()
    if not row:
        return
    if row[2] != HAND and machine and machine[0]:
        # The pass finds these words too: its own quote stays, as it found it.
        found = json.loads(machine[0])
        sets = ", ".join(f"{c} = ?" for c in found)
        db.execute(f"update quotes set {sets} where quote_key = ?", [*found.values(), key])
        refresh_current(db, "q.quote_key = ?", [key])
        statements.place(db, key)
        return
    db.execute("delete from quotes where id = ?", [row[0]])
    day = (row[1] or "")[:10]
    statements.regroup(db, [day] if day else None)
