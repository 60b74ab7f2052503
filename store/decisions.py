"""What analysts decide: an append-only log, applied to the `human` layer.

Every action is one transaction that appends one batch of decision rows (one
per field it changes) and applies them. Undo appends a batch that puts the old
values back (each row names the row it reverts); redo appends one that puts
them forward again. Nothing is ever deleted from the log.

Stale edits: each action takes `expected`, the value the analyst saw (None is
a value: "there was no note"). If the stored value differs, somebody changed
it meanwhile, and StaleEdit says so instead of silently overwriting their
decision. Leaving `expected` out (UNSET) skips the check. The check runs in the
same write transaction as the change, so no other writer can slip in between.
"""

from __future__ import annotations

from store import hand_quotes, ingest, statements
from store.checks import SPEAKER_TYPES, check_choice
from store.db import transaction
from store.errors import StaleEdit, StoreError
from store.ingest import now
from store.queries import KINDS
from store.schema import MACHINE_STATUS, refresh_current
from store.speakers import find_speaker, outlet_id, speaker, speaker_id

UNSET = object()  # "the caller did not say what it saw": no stale check
QUOTE_FIELDS = (
    "status",
    "stance",
    "stance_target",
    "note",
    "speaker_id",
    "outlet_id",
    "statement_key",
)
SPEAKER_FIELDS = ("merged_into", "name", "alias")


def accept(db, quote_id: int, *, analyst: str, expected=UNSET) -> None:
    _set_quote(db, quote_id, "accept", {"status": "accepted"}, analyst, {"status": expected})


def reject(db, quote_id: int, *, analyst: str, expected=UNSET) -> None:
    _set_quote(db, quote_id, "reject", {"status": "rejected"}, analyst, {"status": expected})


def restore(db, quote_id: int, *, analyst: str, expected=UNSET) -> None:
    _set_quote(db, quote_id, "restore", {"status": "unreviewed"}, analyst, {"status": expected})


def confirm(
    db,
    quote_id: int,
    *,
    analyst: str,
    speaker_id: int | None = None,
    name: str | None = None,
    speaker_type: str | None = None,
    role: str | None = None,
) -> None:
    """Make a candidate a quote (accepted), with its proposed speaker, or a known
    one (`speaker_id`), or a new one (`name`): one step, so one undo makes it a
    candidate again."""
    check_choice("speaker type", speaker_type, SPEAKER_TYPES)
    values: dict = {"status": "accepted"}
    with transaction(db):
        _check_candidate(db, quote_id)
        if speaker_id is None and name and name.strip():
            speaker_id = _speaker_for(db, name.strip(), speaker_type, role)
        if speaker_id is not None:
            values["speaker_id"] = speaker_id
        _set_quote(db, quote_id, "confirm", values, analyst, {})
        key = db.execute("select quote_key from quotes where id = ?", [quote_id]).fetchone()[0]
        statements.place(db, key)  # a new quote takes its place among the statements


def dismiss(db, quote_id: int, *, analyst: str) -> None:
    """Say a candidate is no quote. The decision is kept under its quote key, so
    a re-run of the pass that proposes it again does not bring it back."""
    with transaction(db):
        _check_candidate(db, quote_id)
        _set_quote(db, quote_id, "dismiss", {"status": "dismissed"}, analyst, {})


def _check_candidate(db, quote_id: int) -> None:
    row = db.execute("select status from current where id = ?", [quote_id]).fetchone()
    if not row:
        raise StoreError(f"no quote with id {quote_id}")
    if row[0] != "candidate":
        raise StoreError(f"quote {quote_id} is not a candidate (its status is {row[0]})")


def set_stance(
    db,
    quote_id: int,
    label: str | None,
    target: str | None = None,
    *,
    analyst: str,
    expected=UNSET,
) -> None:
    seen = {"stance": UNSET, "stance_target": UNSET}
    if expected is not UNSET:
        seen = dict(zip(("stance", "stance_target"), expected, strict=True))
    values = {"stance": label or None, "stance_target": target or None}
    _set_quote(db, quote_id, "stance", values, analyst, seen)


def set_note(db, quote_id: int, note: str | None, *, analyst: str, expected=UNSET) -> None:
    _set_quote(db, quote_id, "note", {"note": note or None}, analyst, {"note": expected})


def set_speaker(
    db,
    quote_id: int,
    name: str | None = None,
    *,
    speaker_id: int | None = None,
    speaker_type: str | None = None,
    role: str | None = None,
    analyst: str,
    expected=UNSET,
) -> None:
    """Attribute the quote to a known speaker (by id or name) or a new one."""
    check_choice("speaker type", speaker_type, SPEAKER_TYPES)
    with transaction(db):
        if speaker_id is None:
            if not name or not name.strip():
                raise StoreError("a speaker needs a name")
            speaker_id = _speaker_for(db, name.strip(), speaker_type, role)
        _set_quote(
            db,
            quote_id,
            "set speaker",
            {"speaker_id": speaker_id},
            analyst,
            {"speaker_id": expected},
        )


def join_statement(db, quote_id: int, other_quote_id: int, *, analyst: str, expected=UNSET) -> None:
    """Say that a quote reports the same statement as another quote."""
    if quote_id == other_quote_id:
        raise StoreError(f"quote {quote_id} cannot join itself: name a quote in the statement")
    row = db.execute("select quote_key from quotes where id = ?", [other_quote_id]).fetchone()
    if not row:
        raise StoreError(f"no quote with id {other_quote_id}")
    _set_quote(
        db,
        quote_id,
        "join statement",
        {"statement_key": row[0]},
        analyst,
        {"statement_key": expected},
    )


def join_statements(db, quote_ids: list[int], other_quote_id: int, *, analyst: str) -> None:
    """Move several quotes (a whole statement) into another quote's statement,
    as one step that one undo takes back."""
    with transaction(db):
        row = db.execute("select quote_key from quotes where id = ?", [other_quote_id]).fetchone()
        if not row:
            raise StoreError(f"no quote with id {other_quote_id}")
        batch = None
        for quote_id in quote_ids:
            batch = _set_quote(
                db, quote_id, "join statement", {"statement_key": row[0]}, analyst, {}, batch=batch
            )


def leave_statement(db, quote_id: int, *, analyst: str, expected=UNSET) -> None:
    """Say that a quote reports a statement of its own, not the one it was grouped in."""
    _set_quote(
        db,
        quote_id,
        "leave statement",
        {"statement_key": statements.ALONE},
        analyst,
        {"statement_key": expected},
    )


def set_outlet(db, article_id: int, outlet: str, *, analyst: str, expected=UNSET) -> None:
    """Correct the outlet of an article: a decision on each of its quotes."""
    with transaction(db):
        current = db.execute(
            "select distinct outlet from quote_view where article_id = ?", [article_id]
        ).fetchall()
        if expected is not UNSET and current and all(row[0] != expected for row in current):
            raise StaleEdit(f"the outlet of article {article_id} was changed by someone else")
        new_id = outlet_id(db, outlet.strip())
        ids = [r[0] for r in db.execute("select id from quotes where article_id = ?", [article_id])]
        if not ids:
            raise StoreError(f"article {article_id} has no quotes to set an outlet on")
        batch = None
        for quote_id in ids:
            batch = _set_quote(
                db, quote_id, "set outlet", {"outlet_id": new_id}, analyst, {}, batch=batch
            )


def rename_speaker(db, speaker_id_: int, name: str, *, analyst: str, expected=UNSET) -> None:
    with transaction(db):
        current = speaker(db, speaker_id_)
        if expected is not UNSET and current["name"] != expected:
            raise StaleEdit(f"speaker {speaker_id_} was renamed to {current['name']!r} meanwhile")
        taken = db.execute("select id from speakers where name = ?", [name]).fetchone()
        if taken and taken[0] != speaker_id_:
            raise StoreError(f"there is already a speaker called {name!r}: merge them instead")
        _log_speaker(
            db, None, analyst, "rename speaker", speaker_id_, "name", current["name"], name
        )


def merge_speakers(db, from_id: int | str, into_id: int | str, *, analyst: str) -> None:
    """Fold one speaker (and whatever was merged into it) into another."""
    with transaction(db):
        source, target = find_speaker(db, from_id), find_speaker(db, into_id)
        if target["merged_into"]:
            target = speaker(db, target["merged_into"])
        if source["id"] == target["id"]:
            raise StoreError(f"{source['name']!r} and {target['name']!r} are one speaker already")
        moved = [source["id"]] + [
            r[0]
            for r in db.execute("select id from speakers where merged_into = ?", [source["id"]])
        ]
        batch = None
        for sid in moved:
            old = db.execute("select merged_into from speakers where id = ?", [sid]).fetchone()[0]
            batch = _log_speaker(
                db, batch, analyst, "merge speakers", sid, "merged_into", old, target["id"]
            )


def split_alias(db, speaker_id_: int, alias: str, *, analyst: str) -> None:
    """Take a name back out of a speaker: an unmerge, or an alias made its own speaker."""
    with transaction(db):
        merged = db.execute(
            "select id from speakers where name = ? and merged_into = ?", [alias, speaker_id_]
        ).fetchone()
        if merged:
            _log_speaker(
                db, None, analyst, "split alias", merged[0], "merged_into", speaker_id_, None
            )
            return
        row = db.execute(
            "select 1 from speaker_aliases where speaker_id = ? and alias = ?", [speaker_id_, alias]
        ).fetchone()
        if not row:
            raise StoreError(f"{alias!r} is not an alias of speaker {speaker_id_}")
        batch = _log_speaker(db, None, analyst, "split alias", speaker_id_, "alias", alias, None)
        type_ = db.execute("select type from speakers where id = ?", [speaker_id_]).fetchone()
        # An organisation's alias ('Korea Central News Agency' of KCNA) is one too.
        new_id = _speaker_for(db, alias, type_[0], None)
        # Quotes the NLP pass attributed through this alias go to the new
        # speaker; of a quote with several, only the one it named.
        _relink_members(db, alias, speaker_id_, new_id)
        for (quote_id,) in db.execute(
            "select id from quotes where speaker_id = ?"
            " and (source_text like ? or evidence like ?)"
            " and not exists (select 1 from quote_speakers where quote_id = quotes.id)",
            [speaker_id_, f"%{alias}%", f"%'{alias}'%"],
        ).fetchall():
            _set_quote(
                db, quote_id, "split alias", {"speaker_id": new_id}, analyst, {}, batch=batch
            )


def add_quote(
    db,
    quote: hand_quotes.HandQuote,
    *,
    speaker_id: int | None = None,
    speaker_name: str | None = None,
    speaker_type: str | None = None,
    role: str | None = None,
    analyst: str,
) -> int:
    """Make a quote by hand (accepted, with its speaker); one step one undo takes back.

    The id of the new quote. Refused when a quote already covers most of
    these words: the two would be one quote after the next re-run anyway.
    """
    check_choice("kind", quote.kind, KINDS)
    check_choice("speaker type", speaker_type, SPEAKER_TYPES)
    with transaction(db):
        row = db.execute(
            "select hash, text from articles where id = ?", [quote.article_id]
        ).fetchone()
        if not row:
            raise StoreError(f"no article with id {quote.article_id}")
        digest, text = row
        _check_ranges(quote, len(text))
        start, end = quote.content[0][0], quote.content[-1][1]
        covered = _covering_quote(db, quote.article_id, start, end)
        if covered:
            raise StoreError(_covered_message(db, covered))
        quote = quote.with_words(text)
        key = ingest.quote_key(digest, start, end, hand_quotes.content_text(text, quote.content))
        batch = _append(
            db, None, analyst, "add quote", key, None, "hand_quote", None, quote.to_json()
        )
        hand_quotes.apply(db, key, quote.to_json())
        quote_id = db.execute("select id from quotes where quote_key = ?", [key]).fetchone()[0]
        values: dict = {"status": "accepted"}
        if speaker_id is None and speaker_name and speaker_name.strip():
            speaker_id = _speaker_for(db, speaker_name.strip(), speaker_type, role)
        if speaker_id is not None:
            values["speaker_id"] = speaker_id
        _set_quote(db, quote_id, "add quote", values, analyst, {}, batch=batch)
        return quote_id


def _check_ranges(quote: hand_quotes.HandQuote, length: int) -> None:
    if not quote.content:
        raise StoreError("a quote needs some words")
    for name in ("content", "cue", "source"):
        for start, end in getattr(quote, name):
            if not 0 <= start < end <= length:
                raise StoreError(f"{name} range {start}-{end} is outside the article")
    ends = [r for part in quote.content for r in part]
    if ends != sorted(ends):
        raise StoreError("the parts of a quote must be in text order and apart")


def _covered_message(db, quote_id: int) -> str:
    (candidate,) = db.execute("select candidate from quotes where id = ?", [quote_id]).fetchone()
    if candidate:
        return f"candidate {quote_id} already covers these words; confirm it instead"
    return f"quote {quote_id} already covers these words"


def _covering_quote(db, article_id: int, start: int, end: int) -> int | None:
    """A quote of the article a re-run would join with these words (store.ingest)."""
    for quote_id, s, e in db.execute(
        "select id, content_start, content_end from quotes where article_id = ?", [article_id]
    ):
        shared = min(e, end) - max(s, start)
        if shared / (max(e, end) - min(s, start)) >= ingest.INHERIT_OVERLAP:
            return quote_id
    return None


def settle(
    db, quote_id: int, values: dict, *, sample_id: int, analyst: str, batch: int | None = None
) -> int:
    """Adjudicate a sample unit: a desk decision that names the sample it settles."""
    return _set_quote(
        db, quote_id, "adjudicate", values, analyst, {}, batch=batch, settles=sample_id
    )


def undo(db, *, analyst: str) -> str | None:
    """Revert the analyst's latest action still in force; a line saying what, or None."""
    with transaction(db):
        batch = db.execute(
            "select batch, action from decisions d where analyst = ? and action != 'undo'"
            # Once undone a batch stays undone: a redo appends a new batch that
            # takes its place on the stack.
            " and not exists (select 1 from decisions u where u.action = 'undo'"
            "  and u.reverts = d.id)"
            " order by id desc limit 1",
            [analyst],
        ).fetchone()
        if not batch:
            return None
        rows = _batch_rows(db, batch[0])
        new_batch = None
        for row in rows:
            _check_unchanged(db, row)
            new_batch = _apply_row(db, new_batch, analyst, "undo", row, row["old"], row["id"])
        return f"undid {_original_action(db, rows[0])}"


def redo(db, *, analyst: str) -> str | None:
    """Put back the analyst's latest undo, if nothing else was done since."""
    with transaction(db):
        last = db.execute(
            "select batch, action from decisions where analyst = ? order by id desc limit 1",
            [analyst],
        ).fetchone()
        candidate = db.execute(
            "select batch from decisions u where analyst = ? and action = 'undo'"
            " and not exists (select 1 from decisions r where r.reverts = u.id)"
            " order by id desc limit 1",
            [analyst],
        ).fetchone()
        if not last or not candidate or last[1] not in ("undo", "redo"):
            return None
        new_batch, action = None, None
        for undo_row in _batch_rows(db, candidate[0]):
            original = _batch_row(db, undo_row["reverts"])
            _check_unchanged(db, undo_row)
            action = original["action"]
            new_batch = _apply_row(
                db, new_batch, analyst, "redo", original, original["new"], undo_row["id"]
            )
        return f"redid {action}"


def log(
    db, limit: int = 50, analyst: str | None = None, sample_id: int | None = None
) -> list[dict]:
    """The desk's decision history, newest first; with sample_id, the codings
    logged in that sample instead. A coder's blind values are no desk decision
    and stay out of the desk's history, where the other coders could read them."""
    sql = (
        "select d.id, d.at, d.analyst, d.action, d.field, d.old, d.new, d.reverts,"
        " q.id as quote_id, d.speaker_id, d.coded_in from decisions d"
        " left join quotes q on q.quote_key = d.quote_key"
    )
    if sample_id is None:
        sql += " where d.coded_in is null"
        params: list = []
    else:
        sql += " where d.coded_in = ?"
        params = [sample_id]
    if analyst:
        sql += " and d.analyst = ?"
        params.append(analyst)
    cursor = db.execute(sql + " order by d.id desc limit ?", [*params, limit])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


# --- applying decisions -------------------------------------------------------


def _set_quote(db, quote_id, action, values, analyst, seen, batch=None, settles=None) -> int:
    with transaction(db):
        row = db.execute("select quote_key from quotes where id = ?", [quote_id]).fetchone()
        if not row:
            raise StoreError(f"no quote with id {quote_id}")
        key = row[0]
        current = _quote_state(db, key)
        for field, value in seen.items():
            if value is not UNSET and current[field] != value:
                raise StaleEdit(
                    f"quote {quote_id}: {field} is now {current[field]!r},"
                    f" not {value!r} as you saw;"
                    " someone else changed it. Reload and decide again"
                )
        for field, value in values.items():
            # Logging a value the desk already holds would turn the machine's
            # value into a human one that a later NLP fix could not change.
            old = current[field]
            if action == "add quote":
                # Nothing of the human layer stood here: an undo clears what
                # this sets, so what the pass thinks of these words (a
                # candidate, found after the quote was made) shows again.
                old = _human_value(db, key, field)
            if field == "speaker_id" and _several_speakers(db, key):
                # The analyst's one speaker replaces the pass's several, and an
                # undo gives them all back: the human layer held none.
                old = None
            if old != value:
                batch = _append(
                    db, batch, analyst, action, key, None, field, old, value, settles=settles
                )
                _apply(db, key, None, field, value, analyst)
        return batch


def holds(db, key: str, values: dict) -> bool:
    """True when the quote already shows every one of these values."""
    current = _quote_state(db, key)
    return all(current[field] == value for field, value in values.items())


def _quote_state(db, key: str) -> dict:
    """Current value of every decided field, the machine's where no human decided."""
    row = db.execute(
        f"select coalesce(h.status, {MACHINE_STATUS}), h.stance, h.stance_target, h.note,"
        " coalesce(h.speaker_id, q.speaker_id), coalesce(h.outlet_id, a.outlet_id),"
        " h.statement_key"
        " from quotes q join articles a on a.id = q.article_id"
        " left join human h on h.quote_key = q.quote_key where q.quote_key = ?",
        [key],
    ).fetchone()
    return dict(zip(QUOTE_FIELDS, row, strict=True))


def _log_speaker(db, batch, analyst, action, sid, field, old, new) -> int:
    batch = _append(db, batch, analyst, action, None, sid, field, old, new)
    _apply(db, None, sid, field, new, analyst, old=old)
    return batch


def log_coding(db, batch, analyst, action, key, field, old, new, sample_id: int) -> int:
    """Log a coder's own value in a sample (store.coding): kept apart from the desk."""
    return _append(db, batch, analyst, action, key, None, field, old, new, coded_in=sample_id)


def _append(
    db, batch, analyst, action, key, sid, field, old, new, reverts=None, coded_in=None, settles=None
) -> int:
    cursor = db.execute(
        "insert into decisions (batch, at, analyst, action, quote_key, speaker_id, field, old, new,"
        " reverts, coded_in, settles) values (coalesce(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [batch, now(), analyst, action, key, sid, field, _text(old), _text(new)]
        + [reverts, coded_in, settles],
    )
    if batch is None:
        batch = cursor.lastrowid
        db.execute("update decisions set batch = ? where id = ?", [batch, batch])
    return batch


def _apply(db, key, sid, field, value, analyst, old=None) -> None:
    if field == "hand_quote":
        hand_quotes.apply(db, key, value)
    elif key is not None:
        db.execute("insert or ignore into human (quote_key) values (?)", [key])
        db.execute(
            f"update human set {field} = ?, decided_by = ?, decided_at = ?,"
            " revision = revision + 1 where quote_key = ?",
            [value, analyst, now(), key],
        )
        refresh_current(db, "q.quote_key = ?", [key])
        if field == "statement_key":
            statements.place(db, key)
        elif field == "status":
            statements.recount(db, key)
    elif field == "alias":
        if value is None:
            db.execute("delete from speaker_aliases where speaker_id = ? and alias = ?", [sid, old])
            _relink_members(db, old, sid, _named(db, old))  # a redo of a split
        else:
            db.execute(
                "insert or ignore into speaker_aliases (speaker_id, alias, evidence)"
                " values (?, ?, 'restored by undo')",
                [sid, value],
            )
            _relink_members(db, value, _named(db, value), sid)
    else:
        db.execute(f"update speakers set {field} = ? where id = ?", [value, sid])
        if field == "merged_into":
            condition = f"q.speaker_id = ? or h.speaker_id = ? or {SPOKEN_BY_MEMBER}"
            refresh_current(db, condition, [sid, sid, sid])


# Quotes with several speakers one of which is ? (the pass's links).
SPOKEN_BY_MEMBER = "q.id in (select quote_id from quote_speakers where speaker_id = ?)"


def _relink_members(db, words: str, from_id: int | None, to_id: int | None) -> None:
    """The pass's speaker links named by `words` move from one speaker to
    another: a split alias takes its mentions in quotes with several speakers."""
    if from_id is None or to_id is None:
        return
    db.execute(
        "update quote_speakers set speaker_id = ? where speaker_id = ? and source_text like ?",
        [to_id, from_id, f"%{words}%"],
    )
    refresh_current(db, SPOKEN_BY_MEMBER, [to_id])


def _named(db, name: str) -> int | None:
    row = db.execute("select id from speakers where name = ?", [name]).fetchone()
    return row[0] if row else None


def _apply_row(db, batch, analyst, action, row, value, reverts) -> int:
    """Append and apply one row that sets row's field back (undo) or forward (redo)."""
    target_old = row["new"] if action == "undo" else row["old"]
    batch = _append(
        db,
        batch,
        analyst,
        action,
        row["quote_key"],
        row["speaker_id"],
        row["field"],
        target_old,
        value,
        reverts,
        coded_in=row["coded_in"],
        settles=row["settles"],
    )
    if row["coded_in"] is not None:
        return batch  # a coder's value lives in the log alone (the codings view)
    typed = _typed(row["field"], value)
    _apply(
        db,
        row["quote_key"],
        row["speaker_id"],
        row["field"],
        typed,
        analyst,
        old=_typed(row["field"], target_old),
    )
    return batch


def _check_unchanged(db, row: dict) -> None:
    """Undo/redo only what is still as that row left it; else someone changed it since."""
    if row["quote_key"] is None:
        return
    if row["field"] == "hand_quote":
        # Made or withdrawn is what counts: an edited article moves the
        # ranges of a hand-made quote (hand_quotes.follow_text).
        made = hand_quotes.definition(db, row["quote_key"]) is not None
        if made != (row["new"] is not None):
            raise StaleEdit(f"cannot undo {row['action']}: the hand-made quote was changed since")
        return
    if row["coded_in"] is not None:
        current = coded_value(db, row["coded_in"], row["quote_key"], row["analyst"], row["field"])
    elif row["new"] is None:
        # The row cleared the human value, so the merged one is the machine's,
        # which a re-run may change: what the row left is the human layer's own.
        current = _human_value(db, row["quote_key"], row["field"])
    else:
        current = _quote_state(db, row["quote_key"])[row["field"]]
    if _text(current) != row["new"]:
        raise StaleEdit(
            f"cannot undo {row['action']}: {row['field']} was changed since (now {current!r})"
        )


def _several_speakers(db, key: str) -> bool:
    """The quote's speakers are the pass's, and it found more than one."""
    row = db.execute(
        "select 1 from quotes q where q.quote_key = ? and exists (select 1 from quote_speakers"
        " where quote_id = q.id) and not exists (select 1 from human h"
        " where h.quote_key = q.quote_key and h.speaker_id is not null)",
        [key],
    ).fetchone()
    return row is not None


def _human_value(db, key: str, field: str) -> object:
    """The human layer's own value of a quote field (None where no analyst set one)."""
    row = db.execute(f"select {field} from human where quote_key = ?", [key]).fetchone()
    return row[0] if row else None


def coded_value(db, sample_id: int, key: str, analyst: str, field: str) -> str | None:
    """A coder's own value of a field in a sample: the newest of their log rows."""
    row = db.execute(
        "select new from decisions where coded_in = ? and quote_key = ? and analyst = ?"
        " and field = ? order by id desc limit 1",
        [sample_id, key, analyst, field],
    ).fetchone()
    return row[0] if row else None


def _original_action(db, row: dict) -> str:
    """What a redo row redid: follow redo -> undo -> the original decision."""
    while row["action"] == "redo":
        row = _batch_row(db, _batch_row(db, row["reverts"])["reverts"])
    return row["action"]


def _batch_rows(db, batch: int) -> list[dict]:
    cursor = db.execute("select * from decisions where batch = ? order by id desc", [batch])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _batch_row(db, id_: int) -> dict:
    cursor = db.execute("select * from decisions where id = ?", [id_])
    names = [c[0] for c in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def _speaker_for(db, name: str, type_: str | None, role: str | None) -> int:
    known = db.execute("select id from speakers where name = ?", [name]).fetchone()
    sid = speaker_id(db, name, type_ or "person", role)
    if not known:
        db.execute("update speakers set created_by = 'analyst' where id = ?", [sid])
    return sid


def _text(value) -> str | None:
    return None if value is None else str(value)


def _typed(field: str, value: str | None):
    """Log values are text; id fields go back to integers when applied."""
    if value is not None and field in ("speaker_id", "outlet_id", "merged_into"):
        return int(value)
    return value
