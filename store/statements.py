"""Statements: quotes in several articles that report one real-world statement.

The machine groups quotes (store.grouping); analysts move a quote into
another quote's statement or out on its own, as decisions on the quote
(`human.statement_key`: the key of the quote to join, or ALONE). Regrouping
runs the machine again over a time window and then replays those decisions,
so analysts' merges and splits survive every re-run. Statement ids are
reused where a group keeps most of its members.
"""

from __future__ import annotations

import gc
from array import array
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import sqlite_utils

from store.db import transaction
from store.grouping import WINDOW_DAYS, Group, Grouper, QuoteItem, content_words, order_key
from store.schema import NOT_COUNTED

ALONE = "-"


@dataclass
class RegroupResult:
    quotes: int
    statements: int
    shared: int  # statements reported in more than one article


def regroup(db: sqlite_utils.Database, days: list[str] | None = None) -> RegroupResult:
    """Group the quotes published within WINDOW_DAYS of `days` (all quotes if None).

    Quotes stream through the grouping in time order and leave it a fortnight
    later, so a year of quotes takes the memory of a fortnight of them plus a
    few numbers per quote.
    """
    with transaction(db), _no_cycle_collection():
        window = _window(days)
        decided = db.execute(
            "select quote_key, statement_key from human where statement_key is not null"
            " order by decided_at"
        ).fetchall()
        machine = _machine_groups(db, window, {k for pair in decided for k in pair})
        groups, scores = _apply_decisions(machine, decided)
        ids, new = _assign_ids(db, groups, machine.old)
        touched = _write(db, groups, ids, new, scores, machine)
        _refresh_statements(db, touched)
    article = machine.article.__getitem__
    shared = sum(1 for g in groups if not isinstance(g, int) and len(set(map(article, g))) > 1)
    return RegroupResult(machine.quotes, len(groups), shared)


@contextmanager
def _no_cycle_collection():
    """Grouping makes a few objects per quote and no reference cycles: the cycle
    collector, run again and again over them all, took a third of its time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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


# What regroup keeps of each quote's content words (store.grouping.content_words),
# so a regroup does not find them again: space-separated, with their number and
# the quote's day (ISO, '' when its article has none): grouping's order.
WORDS_SQL = (
    "select w.words from current c join quote_words w on w.quote_id = c.id"
    " join articles a on a.id = c.article_id"
)

ITEMS_SQL = (
    "select q.quote_key, c.article_id, c.speaker_id, s.type, s.name, coalesce(s.role, q.role),"
    " c.kind, q.text, w.day, w.words,"
    " (select group_concat(cs.speaker_id) from current_speakers cs where cs.id = c.id),"
    " c.id, qs.statement_id, c.outlet_id, a.published"
    " from current c {join} quote_words w on w.quote_id = c.id"
    " join quotes q on q.id = c.id join articles a on a.id = c.article_id"
    " left join speakers s on s.id = c.speaker_id"
    " left join quote_statements qs on qs.quote_id = c.id"
)


def remember_words(db: sqlite_utils.Database, quote_ids: list[int]) -> None:
    """Find and keep the content words of these quotes now (an ingest may call
    this as it stores them, in its transaction), so that regroup need not."""
    for first in range(0, len(quote_ids), 500):
        chunk = quote_ids[first : first + 500]
        rows = db.execute(
            "select q.id, q.text, a.published from quotes q join articles a on a.id = q.article_id"
            f" where q.id in ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        db.conn.executemany(
            "insert or replace into quote_words (quote_id, day, size, words) values (?, ?, ?, ?)",
            sorted(_words_row(*row) for row in rows),
        )


def _where(window: list[str] | None) -> tuple[str, list]:
    """The quotes regroup takes: not rejected, not candidates, published in the window."""
    condition = f"c.status not in {NOT_COUNTED}"
    if not window:
        return condition, []
    return condition + " and (a.published between ? and ? or a.published is null)", list(window)


def _remember_words(db, condition: str, params: list) -> None:
    """Content words for the quotes matching `condition` that have none kept, in chunks."""
    last = 0
    while True:
        rows = db.execute(
            "select q.id, q.text, a.published from current c join quotes q on q.id = c.id"
            " join articles a on a.id = c.article_id"
            f" where {condition} and q.id > ?"
            " and not exists (select 1 from quote_words w where w.quote_id = q.id)"
            " order by q.id limit 20000",
            [*params, last],
        ).fetchall()
        if not rows:
            return
        db.conn.executemany(
            "insert or replace into quote_words (quote_id, day, size, words) values (?, ?, ?, ?)",
            [_words_row(qid, text, published) for qid, text, published in rows],
        )
        last = rows[-1][0]


def _words_row(quote_id: int, text: str, published: str | None) -> tuple:
    words = content_words(text)
    day = _day(published)
    return quote_id, day.isoformat() if day else "", len(words), " ".join(words)


@dataclass
class MachineGroups:
    """What the machine grouped, kept small: each group's quote ids in the order
    the groups were made (a lone quote as its id alone); and per quote id (0 for
    none) its statement before the regroup, article, outlet and speaker."""

    members: list[list[int] | int]
    scores: list[float]
    old: array
    article: array
    outlet: array
    speaker: array
    published: dict[int, str | None]  # per article
    machine_group: dict[int, int]  # of the quotes analysts' decisions name
    decided: dict[str, int]  # quote key -> id, of the quotes analysts' decisions name
    quotes: int = 0

    def take(self, groups: list[Group]) -> None:
        for group in groups:
            if group.number >= len(self.members):
                self.members.extend([0] * (group.number + 1 - len(self.members)))
                self.scores.extend([1.0] * (group.number + 1 - len(self.scores)))
            members = group.members
            self.members[group.number] = (
                [m.quote_id for m in members] if len(members) > 1 else members[0].quote_id
            )
            self.scores[group.number] = group.score

    def note(self, item: QuoteItem, outlet: int | None, published: str | None) -> None:
        qid = item.quote_id
        self.old[qid] = item.statement_id or 0
        self.article[qid] = item.article
        self.outlet[qid] = outlet or 0
        self.speaker[qid] = item.speaker_id or 0
        self.published[item.article] = published


def _machine_groups(db, window: list[str] | None, named: set[str]) -> MachineGroups:
    """Group the quotes in the window: read at once when it is a few weeks (an
    ingest of a day's news); streamed in time order when it is longer, or
    every quote of the desk."""
    condition, params = _where(window)
    if window and _days_between(*window) <= READ_AT_ONCE_DAYS:
        items, counts, total = _window_items(db, condition, params)
    else:
        _remember_words(db, condition, params)
        counts, total = _word_counts(db, condition, params)
        items = _stream_items(db, condition, params)
    size = db.execute("select coalesce(max(id), 0) + 1 from quotes").fetchone()[0]
    machine = MachineGroups([], [], *(_ints(size) for _ in range(4)), {}, {}, {}, total)
    grouper = Grouper(counts, total)
    day = None
    for item, outlet, published in items:
        if item.day is not None and item.day != day:
            day = item.day
            machine.take(grouper.retire(day))
        grouper.add(item)
        machine.note(item, outlet, published)
        if item.key in named:
            machine.decided[item.key] = item.quote_id
            machine.machine_group[item.quote_id] = item.group
    machine.take(grouper.groups_so_far())
    return machine


def _window_items(db, condition: str, params: list) -> tuple[list, Counter, int]:
    """The window's quotes as _stream_items gives them, in grouping's order, and
    their word counts; content words found (and kept) for the quotes without."""
    rows = db.execute(ITEMS_SQL.format(join="left join") + f" where {condition}", params).fetchall()
    found = sorted(
        _words_row(row[11], row[7], row[14]) for row in rows if row[9] is None
    )  # quote id, text, published
    db.conn.executemany(
        "insert or replace into quote_words (quote_id, day, size, words) values (?, ?, ?, ?)",
        found,
    )
    words = {row[0]: row for row in found}
    counts = Counter(" ".join(row[9] or words[row[11]][3] for row in rows).split())
    items = list(_items(rows, words))
    items.sort(key=lambda found: order_key(found[0]))
    return items, counts, len(items)


def _word_counts(db, condition: str, params: list) -> tuple[Counter, int]:
    """How many of the quotes to group each content word is in, and how many quotes."""
    counts: Counter = Counter()
    total = 0
    cursor = db.execute(f"{WORDS_SQL} where {condition}", params)
    while rows := cursor.fetchmany(CHUNK):
        counts.update(" ".join(words for (words,) in rows).split())
        total += len(rows)
    return counts, total


CHUNK = 20_000
# A window longer than this is streamed, not read at once: an ingest of a year
# of articles regroups a year.
READ_AT_ONCE_DAYS = 62


def _days_between(first: str, last: str) -> int:
    return (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days


def _ints(size: int) -> array:
    """`size` zeros, 8 bytes each: a number per quote id for a desk of millions."""
    return array("q", bytes(8 * size))


def _stream_items(db, condition: str, params: list):
    """The quotes to group as QuoteItems, in grouping's order, with outlet and
    publication date."""
    cursor = db.execute(
        ITEMS_SQL.format(join="join")
        + f" where {condition} order by w.day, w.size desc, q.quote_key",
        params,
    )
    while rows := cursor.fetchmany(CHUNK):
        yield from _items(rows, {})


_DAYS: dict[str, date | None] = {"": None}
_SPEAKERS: dict[str | None, frozenset[int]] = {None: frozenset()}


def _items(rows: list[tuple], found: dict[int, tuple]):
    """(QuoteItem, outlet, published) of ITEMS_SQL rows; `found` has the words
    of the quotes that had none kept (as _words_row made them)."""
    days, speakers = _DAYS, _SPEAKERS
    for row in rows:
        key, article, sid, stype, speaker, role, kind, text, day, words, ids, qid, old = row[:13]
        if words is None:
            _, day, _, words = found[qid]
        if day not in days:
            days[day] = date.fromisoformat(day)
        if ids not in speakers:
            speakers[ids] = frozenset(int(i) for i in ids.split(","))
        item = QuoteItem(
            key, article, sid, stype, speaker, role, kind, text, days[day],
            frozenset(words.split()), speakers[ids], -1, qid, old,
        )  # fmt: skip
        yield item, row[13], row[14]


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


def _apply_decisions(
    machine: MachineGroups, decided: list[tuple[str, str]]
) -> tuple[list[list[int] | int], list[float]]:
    """Replay analysts' moves, in the order they were made, over the machine's
    groups; and each group's score, the weakest machine link of its members."""
    members = list(machine.members)
    where = {qid: machine.machine_group[qid] for qid in machine.decided.values()}
    moved: set[int] = set()
    for key, decision in decided:
        qid = machine.decided.get(key)
        if qid is None:
            continue
        group = where[qid]
        members[group] = _as_list(members[group])
        members[group].remove(qid)
        moved.add(group)
        target = machine.decided.get(decision) if decision != ALONE else None
        if target is None:
            members.append([qid])
            where[qid] = len(members) - 1
        else:
            where[qid] = where[target]
            members[where[target]] = _as_list(members[where[target]])
            members[where[target]].append(qid)
            moved.add(where[target])
        moved.add(where[qid])
    groups, scores = [], []
    for n, group in enumerate(members):
        if group == []:
            continue
        groups.append(group)
        if n in moved:
            own = machine.scores[n] if n < len(machine.scores) else 1.0
            scores.append(
                min(machine.scores[machine.machine_group[q]] if q in where else own for q in group)
            )
        else:
            scores.append(machine.scores[n])
    return groups, scores


def _as_list(group: list[int] | int) -> list[int]:
    return group if isinstance(group, list) else [group]


def _assign_ids(db, groups: list[list[int] | int], old: array) -> tuple[list[int], int]:
    """Keep each group's statement id where it keeps most of its old members;
    and the first id given to a new statement."""
    taken: set[int] = set()
    # Biggest groups choose first; among equals, the earlier made.
    by_size: dict[int, list[int]] = {}
    for n, group in enumerate(groups):
        by_size.setdefault(1 if isinstance(group, int) else len(group), []).append(n)
    chosen = [0] * len(groups)
    # New statements get the ids one insert at a time would give them.
    first_new = next_id = db.execute("select coalesce(max(id), 0) + 1 from statements").fetchone()[
        0
    ]
    for size in sorted(by_size, reverse=True):
        for n in by_size[size]:
            sid = _reused_id(groups[n], old, taken)
            if sid is None:
                sid, next_id = next_id, next_id + 1
            else:
                taken.add(sid)
            chosen[n] = sid
    return chosen, first_new


def _reused_id(group: list[int] | int, old: array, taken: set[int]) -> int | None:
    """The group's members' old statement most of them were in and no bigger group took."""
    if isinstance(group, int):
        sid = old[group]
        return sid if sid and sid not in taken else None
    votes = Counter(old[q] for q in group if old[q])
    return next((s for s, _ in votes.most_common() if s not in taken), None)


def _write(db, groups, ids: list[int], first_new: int, scores: list[float], machine) -> set[int]:
    """Store the statements and memberships; the statements made before that must
    be recounted (their members changed, or may have)."""
    old = machine.old
    db.conn.executemany(
        "insert into statements (id, speaker_id, first_seen, first_outlet_id, versions,"
        " articles, outlets, score) values (?, ?, ?, ?, ?, ?, ?, ?)",
        sorted(
            (sid, *_counts(machine, _as_list(group)), score)
            for group, sid, score in zip(groups, ids, scores, strict=True)
            if sid >= first_new
        ),
    )
    # The weakest machine link in the group: how sure the grouping is.
    db.conn.executemany(
        "update statements set score = ? where id = ?",
        [(score, sid) for sid, score in zip(ids, scores, strict=True) if sid < first_new],
    )
    # In quote id order: each row goes at the end of the table, not here and there.
    changes = sorted(
        (q, sid)
        for group, sid in zip(groups, ids, strict=True)
        for q in _as_list(group)
        if old[q] != sid
    )
    db.conn.executemany(
        "insert or replace into quote_statements (quote_id, statement_id) values (?, ?)", changes
    )
    # A statement all of whose quotes went to others is recounted too, so it is dropped.
    return {sid for sid in ids if sid < first_new} | {old[q] for q, _ in changes if old[q]}


def _counts(machine: MachineGroups, members: list[int]) -> tuple:
    """A new statement's speaker, first day, first outlet, versions, articles and
    outlets, as REFRESH_STATEMENTS counts them: every member of a new statement
    is a quote just grouped, so counted."""
    article, outlet, published = machine.article, machine.outlet, machine.published
    if len(members) == 1:
        (q,) = members
        return (machine.speaker[q] or None, published[article[q]], outlet[q] or None, 1, 1,
                1 if outlet[q] else 0)  # fmt: skip
    days = [published[article[q]] for q in members]
    first = min(range(len(members)), key=lambda n: (days[n] is None, days[n] or "", members[n]))
    return (
        machine.speaker[members[first]] or None,
        min((d for d in days if d is not None), default=None),
        outlet[members[first]] or None,
        len(members),
        len({article[q] for q in members}),
        len({outlet[q] for q in members} - {0}),
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


# Every touched statement's counts from its versions in one pass (not two
# lookups a statement): versions, articles, outlets and first day of the
# quotes that count; speaker and outlet of the earliest version, counted first.
REFRESH_STATEMENTS = f"""
with version as (
    select qs.statement_id as sid, c.id, c.article_id, c.outlet_id, c.speaker_id,
           c.status not in {NOT_COUNTED} as counted, a.published,
           row_number() over (partition by qs.statement_id
               order by c.status in {NOT_COUNTED}, a.published is null, a.published, c.id) as nth
    from touched t join quote_statements qs on qs.statement_id = t.id
    join current c on c.id = qs.quote_id join articles a on a.id = c.article_id
),
counted as (
    select sid, sum(counted) as versions,
           count(distinct case when counted then article_id end) as articles,
           count(distinct case when counted then outlet_id end) as outlets,
           min(case when counted then published end) as first_seen,
           max(case when nth = 1 then speaker_id end) as speaker_id,
           max(case when nth = 1 then outlet_id end) as first_outlet_id
    from version group by sid
)
update statements set
    versions = counted.versions, articles = counted.articles, outlets = counted.outlets,
    first_seen = counted.first_seen, speaker_id = counted.speaker_id,
    first_outlet_id = counted.first_outlet_id
from counted where statements.id = counted.sid
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
