"""Speakers and outlets: get-or-create by name, aliases, what is known."""

from __future__ import annotations

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
