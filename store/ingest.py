"""Storing what the NLP pass found: one article per transaction, idempotent.

A re-run of the pass replaces an article's machine quotes, but decisions are
keyed by stable quote keys and never touched: a new quote that covers a
reviewed one inherits its key, and a reviewed quote the pass no longer finds
is kept and flagged `machine_missing` instead of dropped.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from nlp.records import SPEAKER_TYPES
from store import hand_quotes
from store.db import transaction
from store.errors import BadRecord
from store.queries import KINDS
from store.schema import refresh_current
from store.speakers import outlet_id, speaker_id

# A new quote inherits a reviewed quote's key when their spans overlap this much.
INHERIT_OVERLAP = 0.5


@dataclass
class SaveResult:
    article_id: int
    status: str  # new, updated or unchanged
    quotes: int


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Quotation marks that do not make a new quote.
QUOTE_MARKS = "\"'“”‘’«»"


def normalise(text: str) -> str:
    """Quote text for keys: curly marks, case and spacing do not make a new quote."""
    if not unicodedata.is_normalized("NFKC", text):  # the check is cheaper than the work
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    for mark in QUOTE_MARKS:  # str.replace each: faster than a regex or str.translate
        if mark in text:
            text = text.replace(mark, "")
    return " ".join(text.split())


def quote_key(article_hash: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:10]
    return f"{article_hash[:16]}:{start}-{end}:{digest}"


def article_known(db: sqlite_utils.Database, text_hash: str, pipeline_version: str) -> bool:
    row = db.execute(
        "select 1 from articles where hash = ? and pipeline_version = ?",
        [text_hash, pipeline_version],
    ).fetchone()
    return row is not None


def article_urls(article: dict) -> list[str]:
    return [u for u in (article.get("canonical_url"), article.get("url")) if u]


def stored_at_url(db: sqlite_utils.Database, urls: list[str]) -> tuple[int, str] | None:
    """(id, pipeline version) of the stored article from, or declaring, one of `urls`.

    A page is one article however often it is edited: its canonical URL (or
    the URL it was fetched from) names it, as a file's name does not.
    """
    urls = [u for u in urls if u]
    if not urls:
        return None
    marks = ", ".join("?" * len(urls))
    row = db.execute(
        f"select id, pipeline_version from articles"
        f" where canonical_url in ({marks}) or url in ({marks}) order by id limit 1",
        [*urls, *urls],
    ).fetchone()
    return (row[0], row[1]) if row else None


def save_extraction(db: sqlite_utils.Database, record: dict, pipeline_version: str) -> SaveResult:
    """Store one article and its quotes (a dict of nlp.records.Extraction) atomically.

    A malformed record raises BadRecord naming the article, and nothing of it
    is stored; what was stored before is untouched.
    """
    (result,) = save_extractions(db, [record], pipeline_version)
    if isinstance(result, BadRecord):
        raise result
    return result


def save_extractions(
    db: sqlite_utils.Database, records: list[dict], pipeline_version: str
) -> list[SaveResult | BadRecord]:
    """Store many articles in one transaction, each exactly as save_extraction would.

    A malformed record comes back as its BadRecord and nothing of it is
    stored; the others are. New articles (the bulk of an ingest) take a fast
    path: their quotes are inserted together and brought into `current` in
    one statement, and speakers are looked up once per batch. The ids that
    result are those of saving the records one by one.
    """
    results: list[SaveResult | BadRecord] = []
    with transaction(db):
        batch = _NewQuotes(db, pipeline_version)
        for record in records:
            try:
                check_record(record)
            except BadRecord as exc:
                results.append(exc)
                continue
            results.append(_save_one(db, record, pipeline_version, batch))
        batch.flush()
    return results


def _save_one(db, record: dict, pipeline_version: str, batch: _NewQuotes) -> SaveResult:
    text = record["article"]["text"]
    digest = content_hash(text)
    existing = db.execute(
        "select id, pipeline_version from articles where hash = ?", [digest]
    ).fetchone()
    if existing and existing[1] == pipeline_version:
        batch.flush()  # its quotes may be among those not written yet
        count = db.execute(
            "select count(*) from quotes where article_id = ? and not candidate", [existing[0]]
        )
        return SaveResult(existing[0], "unchanged", count.fetchone()[0])
    # A new text at a stored URL is that article edited: redone in place, so
    # decisions carry over by quote key as they do for a new pass.
    existing = existing or stored_at_url(db, article_urls(record["article"]))
    if existing:
        # A re-run over stored quotes (keys to inherit, decisions to keep): the careful path.
        batch.flush()
        hand_quotes.remember_words(db, existing[0])  # while the old text is there to read
        article_id = _save_article(db, record, digest, pipeline_version, existing)
        for alias in record.get("aliases") or []:
            _save_alias(db, alias)
        count = _replace_quotes(db, article_id, digest, text, found_rows(record), pipeline_version)
        return SaveResult(article_id, "updated", count)
    article_id = _save_article(db, record, digest, pipeline_version, None)
    for alias in record.get("aliases") or []:
        _save_alias(db, alias)
    found = found_rows(record)
    rows = [_quote_row(digest, text, q, pipeline_version) for q in found]
    _link_parents(rows, found)
    rows = _unique(rows)
    for row in rows:
        row["article_id"] = article_id
        speaker = row.pop("speaker")
        row["speaker_id"] = batch.speaker(*speaker) if speaker[0] else None
        members = row.pop("members")
        batch.links += _links(row["quote_key"], members, [batch.speaker(*m[:3]) for m in members])
    batch.add(article_id, rows)
    return SaveResult(article_id, "new", sum(1 for row in rows if not row["candidate"]))


def found_rows(record: dict) -> list[dict]:
    """The record's quotes, then its candidates (flagged; parents index the quotes)."""
    candidates = [{**c, "candidate": True} for c in record.get("candidates") or []]
    return list(record["quotes"]) + candidates


QUOTE_COLUMNS = (
    "quote_key", "kind", "text", "content_start", "content_end", "content_spans", "cue_spans",
    "source_spans", "cue", "source_text", "role", "confidence", "evidence", "parent_key",
    "pipeline_version", "machine_missing", "article_id", "speaker_id", "candidate",
)  # fmt: skip
INSERT_QUOTE = (
    f"insert into quotes ({', '.join(QUOTE_COLUMNS)})"
    f" values ({', '.join('?' * len(QUOTE_COLUMNS))})"
)


THESE_ARTICLES = "article_id in (select value from json_each(?))"
LINK_SPEAKER = (
    "insert into quote_speakers (quote_id, position, speaker_id, source_text)"
    " select id, ?, ?, ? from quotes where quote_key = ?"
)


def _links(key: str, members: list[tuple], ids: list[int]) -> list[tuple]:
    """A quote's several speakers as LINK_SPEAKER rows (none for one speaker)."""
    return [(n, id_, m[3], key) for n, (m, id_) in enumerate(zip(members, ids, strict=True))]


class _NewQuotes:
    """The quotes of new articles, written together; speaker ids remembered for the batch."""

    def __init__(self, db: sqlite_utils.Database, pipeline_version: str) -> None:
        self.db = db
        self.rows: list[tuple] = []
        self.articles: list[int] = []
        self.speakers: dict[tuple, int] = {}
        self.links: list[tuple] = []  # LINK_SPEAKER's parameters

    def speaker(self, name: str, type_: str | None, role: str | None) -> int:
        # The same (name, type, role) again changes nothing in speaker_id: ask once.
        key = (name, type_, role)
        if key not in self.speakers:
            self.speakers[key] = speaker_id(self.db, name, type_, role)
        return self.speakers[key]

    def add(self, article_id: int, rows: list[dict]) -> None:
        self.articles.append(article_id)
        self.rows += [tuple(row[c] for c in QUOTE_COLUMNS) for row in rows]

    def flush(self) -> None:
        if self.articles:
            articles = [json.dumps(self.articles)]
            # The search index takes the batch in one statement (the trigger is
            # off for these rows): many times faster than row by row.
            self.db.execute("insert into meta values ('search_by_batch', '1')")
            self.db.conn.executemany(INSERT_QUOTE, self.rows)
            self.db.execute("delete from meta where key = 'search_by_batch'")
            self.db.execute(
                "insert into quotes_fts (rowid, text, source_text) select id, text, source_text"
                f" from quotes where {THESE_ARTICLES}",
                articles,
            )
            self.db.conn.executemany(LINK_SPEAKER, self.links)
            refresh_current(self.db, THESE_ARTICLES.replace("article_id", "q.article_id"), articles)
        self.rows, self.articles, self.links = [], [], []
        # An analyst's rename or merge within the batch is not possible, but
        # an updated article's _replace_quotes may create speakers: start afresh.
        self.speakers.clear()


def check_record(record: dict) -> None:
    """Refuse a record whose spans do not fit its text, before anything is written."""
    article = record.get("article") or {}
    doc = article.get("doc") or "(no doc)"
    text = article.get("text")
    if not isinstance(text, str):
        raise BadRecord(f"{doc}: the record has no article text")
    if record.get("error"):
        raise BadRecord(f"{doc}: {record['error']}")
    for n, quote in enumerate((record.get("quotes") or []) + (record.get("candidates") or []), 1):
        _check_quote(quote, f"{doc}: quote {n}", len(text))


def _check_quote(quote: dict, where: str, length: int) -> None:
    if not quote.get("content"):
        raise BadRecord(f"{where} has no content span")
    if not quote.get("kind"):
        raise BadRecord(f"{where} has no kind")
    # Records may come from shards written elsewhere: nothing is taken on trust.
    if quote["kind"] not in KINDS:
        raise BadRecord(f"{where}: kind {quote['kind']!r} is not one of {KINDS}")
    if quote.get("speaker_type") not in (None, *SPEAKER_TYPES):
        raise BadRecord(f"{where}: speaker type {quote['speaker_type']!r} is unknown")
    for member in quote.get("speakers") or []:
        _check_member(member, where, length)
    for name in ("cue", "source"):
        if not isinstance(quote.get(name), list):
            raise BadRecord(f"{where} has no {name} list (an empty one is fine)")
    for name in ("content", "cue", "source"):
        for span in quote.get(name) or []:
            if not _fits(span, length):
                raise BadRecord(
                    f"{where}: {name} span {list(span)} is outside the text ({length} characters)"
                )


def _check_member(member: dict, where: str, length: int) -> None:
    if not isinstance(member, dict) or not isinstance(member.get("name"), str | None):
        raise BadRecord(f"{where}: a speaker in `speakers` has no name")
    if member.get("type") not in (None, *SPEAKER_TYPES):
        raise BadRecord(f"{where}: speaker type {member['type']!r} is unknown")
    if not all(_fits(span, length) for span in member.get("source") or []):
        raise BadRecord(f"{where}: a speaker's source span is outside the text")


def _fits(span, length: int) -> bool:
    try:
        start, end = span
    except (TypeError, ValueError):
        return False
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length


def _save_article(db, record, digest, pipeline_version, existing) -> int:
    article = record["article"]
    outlet = record.get("outlet") or article.get("outlet")
    values = {
        "hash": digest,
        "doc": article["doc"],
        "title": article.get("title"),
        "outlet_id": outlet_id(db, outlet) if outlet else None,
        # The page's own reason (og:site_name, the domain) beats the pass's "metadata".
        "outlet_evidence": article.get("outlet_evidence") or record.get("outlet_evidence"),
        "path": article.get("path"),
        "url": article.get("url"),
        "published": article.get("published"),
        "text": article["text"],
        "pipeline_version": pipeline_version,
        "ingested_at": now(),
        "canonical_url": article.get("canonical_url"),
        "fetched_at": article.get("fetched_at"),
        "author": article.get("author"),
        "wire": article.get("wire"),
        "evidence": json.dumps(article["evidence"]) if article.get("evidence") else None,
    }
    if existing:
        db["articles"].update(existing[0], values)
        return existing[0]
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    insert = f"insert into articles ({columns}) values ({marks})"
    return db.conn.execute(insert, list(values.values())).lastrowid


def _save_alias(db, alias: dict) -> None:
    """Record a machine-found name variant, unless analysts already decided otherwise."""
    if alias["alias"] == alias["speaker"] or _alias_overruled(db, alias["alias"]):
        return
    canonical = speaker_id(db, alias["speaker"], alias.get("speaker_type") or "person", None)
    db.execute(
        "insert or ignore into speaker_aliases (speaker_id, alias, evidence) values (?, ?, ?)",
        [canonical, alias["alias"], alias.get("evidence")],
    )


def _alias_overruled(db, name: str) -> bool:
    """True when `name` is its own speaker now, or an analyst split it out of one.

    An alias row only matters when no speaker has that name; and a split an
    analyst made must not be undone by the next run re-proposing the merge.
    """
    if db.execute("select 1 from speakers where name = ?", [name]).fetchone():
        return True
    last = db.execute(
        "select new from decisions where id = (select max(id) from ("
        " select id from decisions where field = 'alias' and old = ? union all"
        " select id from decisions where field = 'alias' and new = ?))",
        [name, name],
    ).fetchone()
    return last is not None and last[0] is None


def _replace_quotes(db, article_id, digest, text, quotes, pipeline_version) -> int:
    # Hand-made quotes first follow their words in an edited text, so a
    # machine quote over them there joins them.
    hand_quotes.follow_text(db, article_id)
    old = {
        row[0]: (row[1], row[2])
        for row in db.execute(
            "select quote_key, content_start, content_end from quotes where article_id = ?",
            [article_id],
        )
    }
    reviewed = {
        row[0]
        for row in db.execute(
            "select quote_key from human where quote_key in (select quote_key from quotes"
            " where article_id = ?) union select quote_key from hand_quotes where article_id = ?",
            [article_id, article_id],
        )
    }
    made = {
        row[0]
        for row in db.execute(
            "select quote_key from hand_quotes where article_id = ?", [article_id]
        )
    }
    rows = [_quote_row(digest, text, q, pipeline_version) for q in quotes]
    _link_parents(rows, quotes)
    rows = _unique(rows)
    _inherit_keys(rows, old, reviewed)
    kept = {row["quote_key"] for row in rows}
    for key in old:
        if key in kept:
            continue
        if key in made:
            hand_quotes.lost(db, key)
        elif key in reviewed:
            db.execute("update quotes set machine_missing = 1 where quote_key = ?", [key])
        else:
            db.execute("delete from quotes where quote_key = ?", [key])
    links = []
    for row in rows:
        row["article_id"] = article_id
        speaker = row.pop("speaker")
        row["speaker_id"] = speaker_id(db, *speaker) if speaker[0] else None
        members = row.pop("members")
        links += _links(row["quote_key"], members, [speaker_id(db, *m[:3]) for m in members])
    db["quotes"].upsert_all(rows, pk="quote_key", alter=False)
    # The pass's speakers of each quote it found now replace those it found before.
    db.execute(
        "delete from quote_speakers where quote_id in (select id from quotes"
        " where quote_key in (select value from json_each(?)))",
        [json.dumps([row["quote_key"] for row in rows])],
    )
    db.conn.executemany(LINK_SPEAKER, links)
    hand_quotes.restore(db, article_id)  # a machine quote over hand-made words joins it
    refresh_current(db, "q.article_id = ?", [article_id])
    return sum(1 for row in rows if not row["candidate"])


def _quote_row(digest: str, text: str, quote: dict, pipeline_version: str) -> dict:
    content, cue, source = quote["content"], quote["cue"], quote["source"]
    start, end = content[0][0], content[-1][1]
    content_text = " … ".join([text[s:e] for s, e in content])
    members = _members(quote, text) if quote.get("speakers") else []
    get = quote.get
    own = (get("speaker"), get("speaker_type"), get("role"))
    return {
        "quote_key": quote_key(digest, start, end, content_text),
        "kind": quote["kind"],
        "text": content_text,
        "content_start": start,
        "content_end": end,
        "content_spans": spans_json(content),
        "cue_spans": spans_json(cue),
        "source_spans": spans_json(source),
        "cue": " ".join([text[s:e] for s, e in cue]) or None,
        "source_text": " ".join([text[s:e] for s, e in source]) or None,
        # Several speakers: each is its own speaker row, and the joined name none.
        "speaker": members[0][:3] if members else own,
        "members": members,
        "role": get("role"),
        "confidence": get("confidence"),
        "evidence": get("evidence"),
        "parent_key": None,
        "pipeline_version": pipeline_version,
        "machine_missing": 0,
        "candidate": 1 if get("candidate") else 0,
    }


def _members(quote: dict, text: str) -> list[tuple]:
    """(name, type, role, the words naming it) of each of a quote's several
    speakers, one per name: [] for a quote with one."""
    members: dict[str, tuple] = {}
    for m in quote.get("speakers") or []:
        if m.get("name"):
            words = " ".join(text[s:e] for s, e in m.get("source") or []) or m["name"]
            members.setdefault(m["name"], (m["name"], m.get("type"), m.get("role"), words))
    return list(members.values()) if len(members) > 1 else []


def spans_json(spans) -> str:
    """json.dumps of a list of [start, end] pairs, written out: it runs per quote."""
    if len(spans) == 1:  # the usual case
        ((start, end),) = spans
        return f"[[{int(start)}, {int(end)}]]"
    return "[" + ", ".join([f"[{int(start)}, {int(end)}]" for start, end in spans]) + "]"


def _unique(rows: list[dict]) -> list[dict]:
    """One row per quote key: the pass reporting one span twice is one quote."""
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row["quote_key"], row)
    return list(seen.values())


def _link_parents(rows: list[dict], quotes: list[dict]) -> None:
    for row, quote in zip(rows, quotes, strict=True):
        parent = quote.get("parent")
        if parent is not None and 0 <= parent < len(rows):
            row["parent_key"] = rows[parent]["quote_key"]


def _inherit_keys(rows: list[dict], old: dict, reviewed: set[str]) -> None:
    """A new quote over an old quote's span keeps that key (and so its id).

    Reviewed quotes are matched first, so decisions follow the quote whose
    span moved; unreviewed ones then keep their ids, so `quote accept 12`
    typed after a re-run still means the same quote.
    """
    taken = {row["quote_key"] for row in rows}
    for candidates in (reviewed, set(old) - reviewed):
        for row in rows:
            if row["quote_key"] in old:
                continue
            best, best_overlap = None, INHERIT_OVERLAP
            for key in sorted(candidates - taken):
                overlap = _overlap(old[key], (row["content_start"], row["content_end"]))
                if overlap > best_overlap or (overlap == best_overlap and best is None):
                    best, best_overlap = key, overlap
            if best:
                taken.add(best)
                row["quote_key"] = best


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
