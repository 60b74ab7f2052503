"""Speakers and outlets: get-or-create by name, aliases, what is known."""

from __future__ import annotations

import json
import sys

import sqlite_utils

from store.errors import StoreError


def speaker_id(
    db: sqlite_utils.Database, name: str, type_: str | None = None, role: str | None = None
) -> int:
    """The id of the speaker called `name` (or known by it as an alias), created if new."""
    row = db.execute("select id from speakers where name = ?", [name]).fetchone()
    if row:
        if role:  # the first role we learn sticks; analysts can change it
            db.execute("update speakers set role = ? where id = ? and role is null", [role, row[0]])
        return row[0]
    row = db.execute("select speaker_id from speaker_aliases where alias = ?", [name]).fetchone()
    if row:
        return row[0]
    row = renamed_from(db, name)
    if row:
        return row
    return db.execute(
        "insert into speakers (name, type, role) values (?, ?, ?)", [name, type_, role]
    ).lastrowid


def renamed_from(db: sqlite_utils.Database, name: str) -> int | None:
    """The speaker an analyst renamed away from `name`, so a re-run finds it again."""
    row = db.execute(
        "select speaker_id from decisions where field = 'name' and old = ?"
        " and speaker_id is not null order by id desc limit 1",
        [name],
    ).fetchone()
    return row[0] if row else None


def outlet_id(db: sqlite_utils.Database, name: str) -> int:
    row = db.execute("select id from outlets where name = ?", [name]).fetchone()
    if row:
        return row[0]
    return db.execute("insert into outlets (name) values (?)", [name]).lastrowid


def known_speaker_names(db: sqlite_utils.Database, type_: str = "person") -> list[str]:
    """Canonical names of one type, so the NLP pass maps new variants onto them
    (people) or leaves a name that is a speaker of its own as it is (organisations)."""
    rows = db.execute(
        "select name from speakers where merged_into is null and type = ? order by id", [type_]
    )
    return [row[0] for row in rows]


def find_speaker(db: sqlite_utils.Database, name_or_id: str | int) -> dict:
    """A speaker by id, exact name or alias; StoreError naming it when unknown."""
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        row = db.execute("select id from speakers where id = ?", [int(name_or_id)]).fetchone()
    else:
        row = db.execute("select id from speakers where name = ?", [name_or_id]).fetchone()
        row = (
            row
            or db.execute(
                "select speaker_id from speaker_aliases where alias = ?", [name_or_id]
            ).fetchone()
        )
    if not row:
        from store.checks import closest_names

        names = [r[0] for r in db.execute("select name from speakers where merged_into is null")]
        close = closest_names(str(name_or_id), names)
        hint = f"closest: {', '.join(close)}" if close else "see `quotedesk speakers list`"
        raise StoreError(f"no speaker {name_or_id!r} ({hint})")
    return speaker(db, row[0])


def speaker(db: sqlite_utils.Database, id_: int) -> dict:
    row = db.execute(
        "select id, name, type, role, merged_into from speakers where id = ?", [id_]
    ).fetchone()
    if not row:
        raise StoreError(f"no speaker with id {id_}")
    keys = ("id", "name", "type", "role", "merged_into")
    result = dict(zip(keys, row, strict=True))
    result["aliases"] = aliases(db, id_)
    return result


def aliases(db: sqlite_utils.Database, id_: int) -> list[str]:
    """Aliases of a speaker, and the names of speakers merged into it."""
    rows = db.execute(
        "select alias from speaker_aliases where speaker_id = ?"
        " union select name from speakers where merged_into = ? order by 1",
        [id_, id_],
    )
    return [row[0] for row in rows]


# The evidence the NLP pass gives a quote whose source names several speakers.
JOINED_EVIDENCE = "conjoined speakers"


def split_joined(db: sqlite_utils.Database) -> list[str]:
    """Schema 8: an older pass stored "A and B said" as one speaker, "A and B".

    Where every part of such a name is a known speaker (by name or alias),
    the pass's quotes of it get the parts as their speakers and the joined
    speaker goes, unless an analyst's decision names it. The others are left
    as they are, and named on stderr with why. Returns those lines.
    """
    from store.schema import refresh_current  # schema imports this module in migrate
    from store.statements import recount

    joined = db.execute(
        "select distinct s.id, s.name from quotes q join speakers s on s.id = q.speaker_id"
        " where q.evidence like ? and s.name like '% and %' order by s.id",
        [f"%{JOINED_EVIDENCE}%"],
    ).fetchall()
    notes = []
    for sid, name in joined:
        parts = [(part, _known_id(db, part)) for part in name.split(" and ")]
        unknown = [part for part, id_ in parts if id_ is None]
        if unknown:
            notes.append(
                f"left speaker {name!r} as one: no speaker is called"
                f" {' or '.join(map(repr, unknown))} (ingest its articles again to split it)"
            )
            continue
        quotes = [row[0] for row in db.execute("select id from quotes where speaker_id = ?", [sid])]
        db.conn.executemany(
            "insert or replace into quote_speakers (quote_id, position, speaker_id, source_text)"
            " values (?, ?, ?, ?)",
            [(q, n, id_, part) for q in quotes for n, (part, id_) in enumerate(parts)],
        )
        db.execute("update quotes set speaker_id = ? where speaker_id = ?", [parts[0][1], sid])
        refresh_current(db, "q.id in (select value from json_each(?))", [json.dumps(quotes)])
        for (key,) in db.execute(
            "select quote_key from quotes where id in (select value from json_each(?))",
            [json.dumps(quotes)],
        ).fetchall():
            recount(db, key)
        if _named_by_analysts(db, sid):
            notes.append(f"kept speaker {name!r}: an analyst's decision names it")
        else:
            db.execute("delete from speaker_aliases where speaker_id = ?", [sid])
            db.execute("delete from speakers where id = ?", [sid])
    for note in notes:
        # A migration runs inside whatever command opened the database: the
        # user learns of it here or not at all.
        print(f"quotedesk: note: {note}", file=sys.stderr)
    return notes


def _known_id(db: sqlite_utils.Database, name: str) -> int | None:
    row = db.execute(
        "select id from speakers where name = ? union all"
        " select speaker_id from speaker_aliases where alias = ? limit 1",
        [name, name],
    ).fetchone()
    return row[0] if row else None


def _named_by_analysts(db: sqlite_utils.Database, sid: int) -> bool:
    checks = (
        "select 1 from human where speaker_id = ?1",
        "select 1 from speakers where merged_into = ?1",
        "select 1 from statements where speaker_id = ?1",
        "select 1 from decisions where speaker_id = ?1",
        "select 1 from decisions where field = 'speaker_id' and (old = ?1 or new = ?1)",
    )
    return any(db.execute(sql, [sid]).fetchone() for sql in checks)
