"""Statements: quotes in several articles that report one real-world statement.

The machine groups quotes (store.grouping); analysts move a quote into
another quote's statement or out on its own, as decisions on the quote
(`human.statement_key`: the key of the quote to join, or ALONE). Regrouping
runs the machine again over a time window and then replays those decisions,
so analysts' merges and splits survive every re-run. Statement ids are
reused where a group keeps most of its members.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import sqlite_utils

from store.db import transaction
from store.grouping import WINDOW_DAYS, QuoteItem, group_quotes
from store.schema import NOT_COUNTED

ALONE = "-"


@dataclass
class RegroupResult:
    quotes: int
    statements: int
    shared: int  # statements reported in more than one article


def regroup(db: sqlite_utils.Database, days: list[str] | None = None) -> RegroupResult:
    """Group the quotes published within WINDOW_DAYS of `days` (all quotes if None)."""
    with transaction(db):
        items = _items(db, days)
        machine = group_quotes(items)
        score_of = {m.key: g.score for g in machine for m in g.members}
        groups = _apply_decisions(db, [[m.key for m in g.members] for g in machine])
        ids = _assign_ids(db, groups)
        _write(db, groups, ids, score_of)
        _refresh_statements(db, set(ids))
    shared = sum(1 for g in groups if len({k.split(":")[0] for k in g}) > 1)
    return RegroupResult(len(items), len(groups), shared)


def place(db: sqlite_utils.Database, quote_key: str) -> None:
    """Put one quote where its analyst decision says, without regrouping the rest.

    With no decision left (an undone join or leave), the machine decides again:
    the quote's days are regrouped, so it goes back where grouping puts it.
    """
    row = db.execute(
        "select q.id, h.statement_key, a.published from quotes q"
        " join articles a on a.id = q.article_id"
        " left join human h on h.quote_key = q.quote_key where q.quote_key = ?",
        [quote_key],
    ).fetchone()
    if not row:
        return
    quote_id, decision, published = row
    if not decision:
        day = _day(published)
        regroup(db, [day.isoformat()] if day else None)
        return
    old = _statement_of(db, quote_id)
    if decision != ALONE:
        other = db.execute("select id from quotes where quote_key = ?", [decision]).fetchone()
        target = _statement_of(db, other[0]) if other else None
        if target is None and other:
            target = _new_statement(db)
            db.execute("insert or replace into quote_statements values (?, ?)", [other[0], target])
    elif old is not None and _members(db, old) == 1:
        target = old  # alone already
    else:
        target = _new_statement(db)
    db.execute("insert or replace into quote_statements values (?, ?)", [quote_id, target])
    _refresh_statements(db, {s for s in (old, target) if s is not None})


def list_statements(
    db: sqlite_utils.Database,
    offset: int = 0,
    limit: int = 100,
    min_outlets: int = 2,
    search: str | None = None,
) -> list[dict]:
    """Statements by number of outlets, then first seen, each with its earliest
    version's words as `quote`. `search` matches the speaker or any version's words."""
    where = "sv.outlets >= ?"
    params: list = [min_outlets]
    if search:
        where += (
            " and (sv.speaker like ? or exists (select 1 from quote_statements qs"
            " join quotes q on q.id = qs.quote_id"
            " where qs.statement_id = sv.statement_id and q.text like ?))"
        )
        params += [f"%{search}%", f"%{search}%"]
    return _dicts(
        db,
        f"{_STATEMENT_ROW} where {where}"
        " order by sv.outlets desc, sv.versions desc, sv.first_seen, sv.statement_id"
        " limit ? offset ?",
        [*params, limit, offset],
    )


def get_statement(db: sqlite_utils.Database, statement_id: int) -> dict | None:
    """One statement_view row with its earliest version's words, or None."""
    rows = _dicts(db, f"{_STATEMENT_ROW} where sv.statement_id = ?", [statement_id])
    return rows[0] if rows else None


def _first_version(column: str) -> str:
    """A subquery for one column of statement sv's earliest version still standing."""
    return (
        f"(select v.{column} from quote_view v where v.statement_id = sv.statement_id"
        " and v.status != 'rejected' order by v.published, v.id limit 1)"
    )


_STATEMENT_ROW = f"select sv.*, {_first_version('quote')} as quote from statement_view sv"


def recount(db: sqlite_utils.Database, quote_key: str) -> None:
    """Recount the statement holding a quote whose status changed: a rejected
    quote is no version, so it leaves the statement's versions and outlets."""
    row = db.execute(
        "select qs.statement_id from quote_statements qs join quotes q on q.id = qs.quote_id"
        " where q.quote_key = ?",
        [quote_key],
    ).fetchone()
    if row:
        _refresh_statements(db, {row[0]})


def statement_of(db: sqlite_utils.Database, quote_id: int) -> int | None:
    """The statement a quote is grouped in, if any."""
    return _statement_of(db, quote_id)


def join_candidates(db: sqlite_utils.Database, quote_id: int, limit: int = 40) -> list[dict]:
    """Statements a quote might belong to instead: the same speaker's first, then
    any speaker's, nearest in time first (for the app's join picker)."""
    row = db.execute(
        "select speaker_id, published, statement_id from quote_view where id = ?", [quote_id]
    ).fetchone()
    if not row:
        return []
    speaker_id, published, own = row
    # Pick and order the few candidates first; their first versions are read after.
    return _dicts(
        db,
        f"select sv.*, {_first_version('id')} as first_quote_id,"
        f" {_first_version('quote')} as quote"
        " from (select st.id, st.speaker_id is not ? as other_speaker,"
        " abs(julianday(st.first_seen) - julianday(coalesce(?, st.first_seen))) as distance"
        " from statements st where st.id is not ? and st.versions > 0"
        " and abs(julianday(st.first_seen) - julianday(coalesce(?, st.first_seen))) <= ?"
        " order by other_speaker, distance, st.id limit ?) pick"
        " join statement_view sv on sv.statement_id = pick.id"
        " order by pick.other_speaker, pick.distance, pick.id",
        [speaker_id, published, own, published, WINDOW_DAYS, limit],
    )


def versions(db: sqlite_utils.Database, statement_id: int) -> list[dict]:
    """Every quote of a statement, earliest first."""
    return _dicts(
        db,
        "select id, speaker, outlet, published, title, kind, quote, status from quote_view"
        " where statement_id = ? and status != 'rejected' order by published, id",
        [statement_id],
    )


def also_reported(db: sqlite_utils.Database, quote_id: int) -> list[dict]:
    """The other articles' versions of this quote's statement."""
    sid = _statement_of(db, quote_id)
    if sid is None:
        return []
    article = db.execute("select article_id from quotes where id = ?", [quote_id]).fetchone()[0]
    return [v for v in versions(db, sid) if v["id"] != quote_id and _article(db, v) != article]


# --- regrouping -----------------------------------------------------------------


def _items(db, days: list[str] | None) -> list[QuoteItem]:
    sql = (
        "select v.quote_key, v.article_id, v.speaker_id, v.speaker_type, v.speaker, v.role,"
        " v.kind, v.quote, v.published,"
        " (select group_concat(cs.speaker_id) from current_speakers cs where cs.id = v.id)"
        " from quote_view v where v.status != 'rejected'"
    )
    params: list = []
    window = _window(days)
    if window:
        sql += " and (v.published between ? and ? or v.published is null)"
        params += window
    return [
        QuoteItem(key, article, sid, stype, speaker, role, kind, text, _day(published), **_of(ids))
        for key, article, sid, stype, speaker, role, kind, text, published, ids in db.execute(
            sql, params
        )
    ]


def _of(ids: str | None) -> dict:
    """The speaker_ids argument of a QuoteItem from group_concat's "3,7"."""
    return {"speaker_ids": frozenset(int(i) for i in (ids or "").split(",") if i)}


def _window(days: list[str] | None) -> list[str] | None:
    parsed = [d for d in (_day(x) for x in days or []) if d]
    if not parsed:
        return None
    # Twice the window: a quote at the edge may join a group whose first member is further out.
    margin = timedelta(days=2 * WINDOW_DAYS)
    return [(min(parsed) - margin).isoformat(), (max(parsed) + margin).isoformat() + "\uffff"]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _apply_decisions(db, groups: list[list[str]]) -> list[list[str]]:
    """Replay analysts' moves, in the order they were made, over the machine's groups."""
    where = {key: n for n, group in enumerate(groups) for key in group}
    members = [list(g) for g in groups]
    for key, decision in db.execute(
        "select quote_key, statement_key from human where statement_key is not null"
        " order by decided_at"
    ):
        if key not in where:
            continue
        members[where[key]].remove(key)
        if decision == ALONE or decision not in where:
            members.append([key])
            where[key] = len(members) - 1
        else:
            where[key] = where[decision]
            members[where[decision]].append(key)
    return [g for g in members if g]


def _assign_ids(db, groups: list[list[str]]) -> list[int]:
    """Keep each group's statement id where it keeps most of its old members."""
    current = (
        dict(
            db.execute(
                "select q.quote_key, qs.statement_id from quote_statements qs"
                " join quotes q on q.id = qs.quote_id"
            ).fetchall()
        )
        if groups
        else {}
    )
    taken: set[int] = set()
    order = sorted(range(len(groups)), key=lambda n: -len(groups[n]))
    chosen: dict[int, int] = {}
    # New statements get the ids one insert at a time would give them, in one statement.
    next_id = db.execute("select coalesce(max(id), 0) + 1 from statements").fetchone()[0]
    new: list[tuple[int]] = []
    for n in order:
        votes = Counter(current[k] for k in groups[n] if k in current)
        sid = next((s for s, _ in votes.most_common() if s not in taken), None)
        if sid is None:
            sid, next_id = next_id, next_id + 1
            new.append((sid,))
        taken.add(sid)
        chosen[n] = sid
    db.conn.executemany("insert into statements (id) values (?)", new)
    return [chosen[n] for n in range(len(groups))]


def _write(db, groups, ids, score_of) -> None:
    db.conn.executemany(
        "insert or replace into quote_statements (quote_id, statement_id)"
        " select id, ? from quotes where quote_key = ?",
        [(sid, key) for group, sid in zip(groups, ids, strict=True) for key in group],
    )
    # The weakest machine link in the group: how sure the grouping is.
    db.conn.executemany(
        "update statements set score = ? where id = ?",
        [(min(score_of.get(k, 1.0) for k in g), sid) for g, sid in zip(groups, ids, strict=True)],
    )


def _new_statement(db) -> int:
    return db.execute("insert into statements default values").lastrowid


def _refresh_statements(db, ids: set[int]) -> None:
    """Recount the statements named, and drop the ones left without quotes."""
    db.execute("create temp table if not exists touched (id integer primary key)")
    db.execute("delete from touched")
    db.conn.executemany("insert or ignore into touched values (?)", [(i,) for i in ids])
    db.execute(REFRESH_STATEMENTS)
    db.execute(
        "delete from statements where id in (select id from touched)"
        " and not exists (select 1 from quote_statements qs where qs.statement_id = statements.id)"
    )


REFRESH_STATEMENTS = f"""
update statements set
    (versions, articles, outlets, first_seen) = (
        select count(*), count(distinct c.article_id), count(distinct c.outlet_id),
               min(a.published)
        from quote_statements qs join current c on c.id = qs.quote_id
        join articles a on a.id = c.article_id
        where qs.statement_id = statements.id and c.status not in {NOT_COUNTED}),
    (speaker_id, first_outlet_id) = (
        select c.speaker_id, c.outlet_id
        from quote_statements qs join current c on c.id = qs.quote_id
        join articles a on a.id = c.article_id
        where qs.statement_id = statements.id
        order by c.status in {NOT_COUNTED}, a.published is null, a.published, c.id limit 1)
where id in (select id from touched)
"""


def _members(db, statement_id: int) -> int:
    row = db.execute(
        "select count(*) from quote_statements where statement_id = ?", [statement_id]
    ).fetchone()
    return row[0]


def _statement_of(db, quote_id: int) -> int | None:
    row = db.execute(
        "select statement_id from quote_statements where quote_id = ?", [quote_id]
    ).fetchone()
    return row[0] if row else None


def _article(db, version: dict) -> int:
    return db.execute("select article_id from quotes where id = ?", [version["id"]]).fetchone()[0]


def _dicts(db, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
