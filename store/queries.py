"""Reading the merged view: filtered pages of quotes, one quote in full, summaries.

Every list is paged in SQL; nothing here loads a whole table into Python.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

import sqlite_utils

from store.errors import StoreError
from store.schema import NOT_COUNTED, NOT_QUOTES
from store.speakers import aliases

STATUSES = ("unreviewed", "accepted", "rejected", "candidate", "dismissed")
# Not quotes (yet): what the pass was unsure of, and what an analyst dismissed of it.
CANDIDATE_STATUSES = ("candidate", "dismissed")
KINDS = ("direct", "mixed", "indirect", "belief")


@dataclass
class QuoteFilter:
    speaker: str | None = None
    outlet: str | None = None
    kind: str | None = None
    stance: str | None = None
    status: str | None = None  # one of STATUSES
    search: str | None = None  # full-text, over quote text and speaker names
    article_id: int | None = None
    speaker_id: int | None = None
    statement_id: int | None = None
    include_rejected: bool = False
    include_candidates: bool = False


def where(f: QuoteFilter, search: bool = True) -> tuple[str, list]:
    """The SQL condition for a filter, on the columns `current` and `quote_view` share.

    With search=False the full-text part is left out, for callers that join
    the FTS index themselves (paging and counting do, to read it in order).
    """
    clauses, params = [], []
    for column in ("kind", "stance", "status", "article_id"):
        value = getattr(f, column)
        if value is not None and value != "":
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.speaker_id is not None:
        clauses.append(f"{SPOKEN_BY} = ?)")
        params.append(f.speaker_id)
    if f.speaker:
        clauses.append(f"{SPOKEN_BY} in ({SPEAKER_IDS} name = ?))")
        params.append(f.speaker)
    if f.outlet:
        clauses.append("outlet_id = (select id from outlets where name = ?)")
        params.append(f.outlet)
    if f.statement_id is not None:
        clauses.append("id in (select quote_id from quote_statements where statement_id = ?)")
        params.append(f.statement_id)
    if search and _searching(f):
        clauses.append(
            "(id in (select rowid from quotes_fts where quotes_fts match ?)"
            f" or {SPOKEN_BY} in ({SPEAKER_IDS} name like ?)))"
        )
        params += [fts_query(f.search), f"%{f.search.strip()}%"]
    clauses += _left_out(f)
    return (" where " + " and ".join(clauses)) if clauses else "", params


def _left_out(f: QuoteFilter) -> list[str]:
    """Rejected quotes and candidates are not quotes: a filter shows them only
    when it asks for them, or picks their status."""
    clauses = []
    if not f.include_rejected and f.status != "rejected":
        clauses.append("status != 'rejected'")
    if not f.include_candidates and f.status not in CANDIDATE_STATUSES:
        clauses.append(f"status not in {NOT_QUOTES}")
    return clauses


# Canonical ids of speakers picked by a condition on their name (merged ones fold in).
SPEAKER_IDS = "select coalesce(merged_into, id) from speakers where"
# Quotes any of whose speakers is one of some (a quote may have several);
# completed by "= ?)" or "in (...))".
SPOKEN_BY = "id in (select id from current_speakers where speaker_id"


def _searching(f: QuoteFilter) -> bool:
    return bool(f.search and f.search.strip())


def fts_query(text: str) -> str:
    """Analyst text as an FTS5 query: every word must appear, prefixes allowed."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words) or '""'


def _matching_ids(f: QuoteFilter, first: int | None, after: int | None = None) -> tuple[str, list]:
    """SQL for the ids of quotes matching `f`, in id order, at least the first `first`.

    Paging runs on `current` (narrow, indexed), and only the page's rows are
    joined into quote_view. A search reads the FTS index in rowid order and
    speaker-name matches in id order, each stopping after `first` hits, so the
    first page of a search for common words does not collect every match.
    With `after`, only ids above it: each index is entered at that id
    instead of read from its start, so a page deep in the list costs what
    the first one does.
    """
    condition, params = where(f, search=False)
    if after is not None:
        condition += " and id > ?" if condition else " where id > ?"
        params = [*params, after]
    if not _searching(f):
        return f"select id from current{condition} order by id", params
    cut = "" if first is None else f" limit {int(first)}"
    also = " and " + condition.removeprefix(" where ") if condition else ""
    # FTS5 starts at a rowid only when told so in its own terms.
    fts_after, fts_params = ("", []) if after is None else (" and quotes_fts.rowid > ?", [after])
    sql = (
        "select id from (select c.id from quotes_fts join current c on c.id = quotes_fts.rowid"
        f" where quotes_fts match ?{fts_after}{also} order by quotes_fts.rowid{cut})"
        " union "
        f"select id from (select id from current where {SPOKEN_BY} in ({SPEAKER_IDS} name like ?))"
        f"{also} order by id{cut})"
        " order by id"
    )
    return sql, [fts_query(f.search), *fts_params, *params, f"%{f.search.strip()}%", *params]


def list_quotes(
    db: sqlite_utils.Database,
    f: QuoteFilter,
    offset: int = 0,
    limit: int = 100,
    after: int | None = None,
):
    """One page of quote_view rows matching `f`, in id order: `limit` rows from
    `offset`, or with `after` the `limit` rows after that quote id (offset
    ignored), which stays as fast deep in a long list as at its top."""
    if after is not None:
        offset = 0
    ids_sql, params = _matching_ids(f, offset + limit, after)
    sql = f"select * from quote_view_all where id in ({ids_sql} limit ? offset ?) order by id"
    return _dicts(db, sql, [*params, limit, offset])


def count_quotes(db: sqlite_utils.Database, f: QuoteFilter) -> int:
    """How many quotes match `f` (the running tallies answer the common filters)."""
    tallied = _count_from_tallies(db, f)
    if tallied is not None:
        return tallied
    ids_sql, params = _matching_ids(f, None)
    return db.execute(f"select count(*) from ({ids_sql})", params).fetchone()[0]


def count_articles(db: sqlite_utils.Database) -> int:
    return db.execute("select count(*) from articles").fetchone()[0]


def count_hidden_rejected(db: sqlite_utils.Database, f: QuoteFilter) -> int:
    """How many rejected quotes `f` leaves out (0 when it shows them or picks a status).

    The rule everywhere: a rejected quote is not a quote. Lists, counts and
    charts leave it out, and say how many they left out.
    """
    if f.include_rejected or f.status:
        return 0
    return count_quotes(db, replace(f, status="rejected"))


# Filter fields the `tallies` table has a column for.
TALLIED = ("outlet", "kind", "status", "stance", "include_rejected", "include_candidates")


def _count_from_tallies(db: sqlite_utils.Database, f: QuoteFilter) -> int | None:
    """The count from `tallies` when the filter only uses its columns, else None."""
    if any(getattr(f, name) not in (None, "") for name in _untallied_fields()):
        return None
    clauses, params = ["n > 0"], []
    if f.outlet:
        clauses.append("outlet_id = (select id from outlets where name = ?)")
        params.append(f.outlet)
    for column in ("kind", "status", "stance"):
        value = getattr(f, column)
        if value not in (None, ""):
            clauses.append(f"{column} = ?")
            params.append(value)
    clauses += _left_out(f)
    sql = f"select coalesce(sum(n), 0) from tallies where {' and '.join(clauses)}"
    return db.execute(sql, params).fetchone()[0]


def _untallied_fields() -> list[str]:
    return [name for name in QuoteFilter.__dataclass_fields__ if name not in TALLIED]


def get_quote(db: sqlite_utils.Database, quote_id: int) -> dict:
    """One quote with its paragraph, spans, speaker aliases and decision history."""
    rows = _dicts(db, "select * from quote_view_all where id = ?", [quote_id])
    if not rows:
        raise StoreError(f"no quote with id {quote_id} (ids are in the `id` column of exports)")
    quote = rows[0]
    extra = db.execute(
        "select q.content_spans, q.cue_spans, q.source_spans, q.evidence, q.parent_key,"
        " a.text, a.outlet_evidence, a.path, a.url from quotes q"
        " join articles a on a.id = q.article_id where q.id = ?",
        [quote_id],
    ).fetchone()
    spans = [json.loads(extra[i]) for i in range(3)]
    quote.update(content_spans=spans[0], cue_spans=spans[1], source_spans=spans[2])
    quote.update(evidence=extra[3], parent_key=extra[4], outlet_evidence=extra[6])
    quote.update(path=extra[7], url=extra[8])
    start, end = _paragraph(extra[5], spans)
    quote.update(paragraph=extra[5][start:end], paragraph_start=start)
    quote["aliases"] = aliases(db, quote["speaker_id"]) if quote["speaker_id"] else []
    quote["history"] = _dicts(
        db,
        "select id, at, analyst, action, field, old, new, reverts from decisions"
        # Coders' blind codings are not the desk's history (other coders read it).
        " where quote_key = ? and coded_in is null order by id",
        [quote["quote_key"]],
    )
    # Here, not at the top: statements bring grouping and rapidfuzz, which the
    # app's first rows do not need.
    from store.statements import also_reported

    quote["also_reported"] = also_reported(db, quote_id)
    return quote


def _paragraph(text: str, spans: list[list[list[int]]]) -> tuple[int, int]:
    """The paragraph(s) holding every span of the quote, its cue and its source."""
    points = [p for group in spans for r in group for p in r] or [0]
    start = text.rfind("\n\n", 0, min(points))
    end = text.find("\n\n", max(points))
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def filter_values(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Choices for the filter bar."""

    def column(sql: str) -> list[str]:
        return [row[0] for row in db.execute(sql) if row[0] is not None]

    return {
        "speakers": column("select name from speakers where merged_into is null order by name"),
        "outlets": column("select name from outlets order by name"),
        "kinds": list(KINDS),
        "stances": column("select distinct stance from human where stance is not null"),
        "statuses": list(STATUSES),
    }


def list_speakers(
    db: sqlite_utils.Database, offset: int = 0, limit: int | None = None
) -> list[dict]:
    """Canonical speakers by name, with quote counts per outlet and aliases.

    All of them by default. The cost grows with the number of (speaker,
    outlet) pairs (about 55 ms at 50,000 pairs, see docs/database.md); a
    screen that pages with `limit` pays only for the speakers it shows.
    """
    page = "" if limit is None else f" limit {int(limit)} offset {int(offset)}"
    speakers = _dicts(
        db,
        f"select id, name, type, role from speakers where merged_into is null order by name{page}",
        [],
    )
    if limit is None:
        chosen, params = "", []
    else:
        params = [s["id"] for s in speakers]
        chosen = f" and speaker_id in ({','.join('?' * len(params))})"
    outlets = _outlet_names(db)
    counts: dict[int, dict[str, int]] = {}
    for sid, oid, n in db.execute(
        f"select speaker_id, outlet_id, n from speaker_tallies where n > 0{chosen}", params
    ):
        counts.setdefault(sid, {})[outlets.get(oid, "(no outlet)")] = n
    names: dict[int, list[str]] = {}
    for sid, alias in db.execute(
        f"select speaker_id, alias from speaker_aliases where 1{chosen} union all"
        " select merged_into, name from speakers where merged_into is not null"
        + chosen.replace("speaker_id", "merged_into"),
        params * 2,
    ):
        names.setdefault(sid, []).append(alias)
    for s in speakers:
        s["outlets"] = counts.get(s["id"], {})
        s["quotes"] = sum(s["outlets"].values())
        s["aliases"] = sorted(names.get(s["id"], []))
    return speakers


def overview(db: sqlite_utils.Database, top: int = 8) -> dict:
    """What the Overview screen charts: speaker x outlet, stance by outlet, kinds, review.

    Everything comes from the running tallies, not from grouping the quotes.
    """
    outlet_names = _outlet_names(db)
    outlet_ids = sorted(outlet_names, key=outlet_names.get)
    top_ids = [
        row[0]
        for row in db.execute(
            "select speaker_id from speaker_tallies group by speaker_id"
            " having sum(n) > 0 order by sum(n) desc, speaker_id limit ?",
            [top],
        )
    ]
    marks = ",".join("?" * len(top_ids))
    names = dict(db.execute(f"select id, name from speakers where id in ({marks})", top_ids))
    cells = {
        (sid, oid): n
        for sid, oid, n in db.execute(
            f"select speaker_id, outlet_id, n from speaker_tallies where speaker_id in ({marks})",
            top_ids,
        )
    }
    stance_cells = {
        (stance or None, oid or None): n
        for stance, oid, n in db.execute(
            f"select stance, outlet_id, sum(n) from tallies where status not in {NOT_COUNTED}"
            " group by 1, 2 having sum(n) > 0"
        )
    }
    stances = [None] + sorted({st for st, _ in stance_cells if st is not None})
    return {
        "speaker_outlet": {
            "speakers": [names[sid] for sid in top_ids],
            "outlets": [outlet_names[o] for o in outlet_ids],
            "counts": [[cells.get((sid, o), 0) for sid in top_ids] for o in outlet_ids],
        },
        "stance_outlet": {
            "outlets": [outlet_names[o] for o in outlet_ids],
            "stances": stances,
            "counts": [[stance_cells.get((st, o), 0) for o in outlet_ids] for st in stances],
        },
        "kinds": dict(
            db.execute(
                f"select kind, sum(n) from tallies where status not in {NOT_COUNTED}"
                " group by 1 having sum(n) > 0"
            )
        ),
        "review": dict(
            db.execute(
                f"select status, sum(n) from tallies where status not in {NOT_QUOTES}"
                " group by 1 having sum(n) > 0"
            )
        ),
    }


def candidate_queue(db: sqlite_utils.Database, limit: int = 500) -> list[dict]:
    """Candidates waiting for an analyst, likeliest first (their calibrated score,
    then the order they were found in)."""
    return _dicts(
        db,
        "select v.*, q.content_spans from quote_view_all v join quotes q on q.id = v.id"
        " where v.id in (select id from current where status = 'candidate')"
        " order by v.confidence desc, v.id limit ?",
        [limit],
    )


def count_candidates(db: sqlite_utils.Database) -> int:
    return db.execute("select count(*) from current where status = 'candidate'").fetchone()[0]


def _outlet_names(db: sqlite_utils.Database) -> dict[int, str]:
    return dict(db.execute("select id, name from outlets order by name"))


def article_quotes(db: sqlite_utils.Database, article_id: int) -> dict:
    """An article's full text and every quote in it with its spans."""
    rows = _dicts(
        db,
        "select a.id, a.title, a.published, a.text, a.url, a.path, o.name as outlet"
        " from articles a left join outlets o on o.id = a.outlet_id where a.id = ?",
        [article_id],
    )
    if not rows:
        raise StoreError(f"no article with id {article_id}")
    article = rows[0]
    quotes = _dicts(
        db,
        "select v.id, v.kind, v.status, v.stance, v.speaker, v.quote, q.content_start as start,"
        " q.content_end as end, q.content_spans, q.cue_spans, q.source_spans"
        " from quote_view_all v join quotes q on q.id = v.id where v.article_id = ?"
        " and v.status != 'dismissed'"
        " order by q.content_start",
        [article_id],
    )
    for quote in quotes:
        for name in ("content_spans", "cue_spans", "source_spans"):
            quote[name] = json.loads(quote[name])
    article["quotes"] = quotes
    return article


def _dicts(db: sqlite_utils.Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
