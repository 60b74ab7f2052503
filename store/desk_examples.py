"""What the analysts' decisions teach: quotes they stood by and quotes they threw out.

A quote an analyst accepted, made by hand, confirmed from the candidates or
gave another speaker is a positive example (its content, cue and source). A
quote they rejected, or a candidate they dismissed, is a negative: its words
are no quote. Everything nobody decided on says nothing, so it is left out of
the examples rather than taken for right or wrong; the machine's own output
would only teach the tagger what the rules already do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

Range = tuple[int, int]

# Statuses an analyst gives; 'dismissed' is a candidate turned down.
THROWN_OUT = ("rejected", "dismissed")


@dataclass
class Example:
    """One decided quote: offsets into its article's text."""

    content: list[Range]
    cue: list[Range]
    source: list[Range]  # empty when the source is not known for sure
    why: str  # accepted / hand-made / confirmed / speaker fixed / rejected / dismissed


@dataclass
class DeskArticle:
    article_id: int
    doc: str
    text: str
    positives: list[Example] = field(default_factory=list)
    negatives: list[Example] = field(default_factory=list)


DECIDED = """
select v.article_id, a.doc, v.status, v.hand_made, q.content_spans, q.cue_spans,
       q.source_spans, q.source_text, q.speaker_id as machine_speaker,
       h.speaker_id as human_speaker, h.status as human_status
from quote_view v
join quotes q on q.id = v.id
join articles a on a.id = v.article_id
left join human h on h.quote_key = v.quote_key
where v.hand_made or h.status is not null or h.speaker_id is not null
order by v.article_id, v.content_start
"""


def desk_articles(db: sqlite_utils.Database) -> list[DeskArticle]:
    """Every article with at least one decided quote, with its examples."""
    articles: dict[int, DeskArticle] = {}
    for row in db.execute(DECIDED).fetchall():
        (article_id, doc, status, hand_made, content, cue, source, source_text,
         machine_speaker, human_speaker, human_status) = row
        example = Example(_ranges(content), _ranges(cue), _ranges(source), "")
        if status in THROWN_OUT:
            example.why = status
            target = "negatives"
        else:
            example.why = _why_kept(bool(hand_made), human_status, human_speaker)
            fixed = human_speaker is not None and human_speaker != machine_speaker
            if fixed and not _source_names(db, source_text, human_speaker):
                example.source = []  # the mention was someone else's: unknown
            target = "positives"
        if article_id not in articles:
            text = db.execute("select text from articles where id = ?", [article_id]).fetchone()
            articles[article_id] = DeskArticle(article_id, doc, text[0])
        getattr(articles[article_id], target).append(example)
    return list(articles.values())


def _why_kept(hand_made: bool, status: str | None, speaker: int | None) -> str:
    if hand_made:
        return "hand-made"
    if status == "accepted":
        return "accepted"
    if status is not None:
        return status  # e.g. a confirmed candidate's status
    return "speaker fixed" if speaker is not None else "decided"


def _source_names(db: sqlite_utils.Database, source_text: str | None, speaker_id: int) -> bool:
    """Does the machine's source mention name the speaker the analyst chose?

    "he said" names anyone; "Lavrov said" given to Peskov names the wrong man,
    and would teach the tagger that Lavrov's mention is Peskov's source.
    """
    if not source_text:
        return False
    words = {w.strip(".,'’\"").lower() for w in source_text.split()}
    if words & {"he", "she", "they", "it", "we", "i", "his", "her"}:
        return True
    names = _names_of(db, speaker_id)
    return any({w.lower() for w in name.split()} & words for name in names)


def _ranges(value: str | None) -> list[Range]:
    return [(int(s), int(e)) for s, e in json.loads(value or "[]")]


def _names_of(db: sqlite_utils.Database, speaker_id: int) -> list[str]:
    """The speaker's name and aliases, and those of speakers merged into it."""
    rows = db.execute(
        "select name from speakers where id = :id or merged_into = :id"
        " union select alias from speaker_aliases where speaker_id in"
        " (select id from speakers where id = :id or merged_into = :id)",
        {"id": speaker_id},
    )
    return [row[0] for row in rows]


def record_tagger(db: sqlite_utils.Database, path: Path, trained_on: str) -> None:
    """Remember the tagger trained on this desk, so the next ingest uses it."""
    with db.conn:
        db.execute(
            "insert or replace into meta values ('desk_tagger', ?)",
            [json.dumps({"path": str(path.resolve()), "trained_on": trained_on})],
        )


def desk_tagger(db: sqlite_utils.Database) -> dict | None:
    """{'path', 'trained_on'} of the tagger trained on this desk, if any."""
    row = db.execute("select value from meta where key = 'desk_tagger'").fetchone()
    return json.loads(row[0]) if row else None
