"""Coding as a team: reliability samples, each coder's own values, adjudication.

A sample is a reproducible random draw of quotes (filters as in export) and
the coders who code it independently. While they do, a coder's accept/reject,
stance, note and speaker correction on a sample quote are logged with
`coded_in` = the sample (store.decisions.log_coding) and never reach the desk:
the `codings` view reads each coder's newest value back out of the log, and
blind mode shows a coder the machine's layer plus their own values only.
Adjudication settles a unit (quote x field) with a desk decision that names the
sample (store.decisions.settle); from then on the desk shows that value.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import sqlite_utils

from store import decisions
from store.checks import check_choice
from store.db import transaction
from store.errors import StoreError
from store.ingest import now
from store.queries import QuoteFilter, _dicts, get_quote, where
from store.speakers import find_speaker

# The fields a coder codes, as logged; agreement is measured on the first three.
CODED_FIELDS = ("status", "stance", "speaker_id", "stance_target", "note")
# Agreement field -> logged field. A coder's "speaker" is the one they coded
# explicitly: accepting a quote or tagging its stance says nothing about who
# said it, so it is not a vote for the machine's speaker.
AGREEMENT_FIELDS = {"stance": "stance", "status": "status", "speaker": "speaker_id"}
STRATA = ("outlet", "speaker")


@dataclass
class Sample:
    id: int
    name: str
    coders: list[str]
    quote_keys: list[str]
    seed: int
    stratify: str | None = None
    filters: dict = field(default_factory=dict)


def create_sample(
    db: sqlite_utils.Database,
    name: str,
    size: int,
    coders: list[str],
    quote_filter: QuoteFilter,
    *,
    analyst: str,
    stratify: str | None = None,
    seed: int | None = None,
) -> Sample:
    """Draw `size` quotes matching the filter and assign them to the coders."""
    name = name.strip()
    coders = [c.strip() for c in coders if c.strip()]
    if not name:
        raise StoreError("a sample needs a name")
    if len(set(coders)) < 2 or len(set(coders)) != len(coders):
        raise StoreError("a sample needs two or more different coders, e.g. --coders ann,bo")
    if stratify not in (None, *STRATA):
        raise StoreError(f"cannot stratify by {stratify!r}: use outlet or speaker")
    if size < 1:
        raise StoreError("a sample needs at least one quote (--size 1 or more)")
    seed = random.SystemRandom().randrange(1_000_000) if seed is None else seed
    with transaction(db):
        if db.execute("select 1 from samples where name = ?", [name]).fetchone():
            raise StoreError(f"there is already a sample called {name!r}: pick another name")
        condition, params = where(quote_filter)
        rows = db.execute(
            f"select quote_key, outlet, speaker from quote_view{condition} order by id", params
        ).fetchall()
        if size > len(rows):
            raise StoreError(
                f"the sample asks for {size} quotes but only {len(rows)} match the filters"
            )
        keys = draw(rows, size, seed, stratify)
        filters = {k: v for k, v in asdict(quote_filter).items() if v not in (None, False)}
        cursor = db.execute(
            "insert into samples (name, created_at, created_by, seed, stratify, filters)"
            " values (?, ?, ?, ?, ?, ?)",
            [name, now(), analyst, seed, stratify, json.dumps(filters)],
        )
        sample_id = cursor.lastrowid
        db.conn.executemany(
            "insert into sample_coders (sample_id, analyst) values (?, ?)",
            [(sample_id, c) for c in coders],
        )
        db.conn.executemany(
            "insert into sample_quotes (sample_id, quote_key, position) values (?, ?, ?)",
            [(sample_id, key, i) for i, key in enumerate(keys)],
        )
    return Sample(sample_id, name, coders, keys, seed, stratify, filters)


def draw(rows: list[tuple], size: int, seed: int, stratify: str | None) -> list[str]:
    """A seeded random draw of quote keys; stratified, each stratum gets its share
    of the sample in proportion to its size (largest remainders round up)."""
    rng = random.Random(seed)
    if stratify is None:
        return [row[0] for row in rng.sample(rows, size)]
    column = 1 if stratify == "outlet" else 2
    strata: dict[str, list[tuple]] = {}
    for row in rows:
        strata.setdefault(row[column] or "(none)", []).append(row)
    shares = {k: size * len(v) / len(rows) for k, v in sorted(strata.items())}
    counts = {k: int(share) for k, share in shares.items()}
    by_remainder = sorted(shares, key=lambda k: (counts[k] - shares[k], k))
    for k in by_remainder[: size - sum(counts.values())]:
        counts[k] += 1
    keys: list[str] = []
    for k in sorted(strata):
        keys += [row[0] for row in rng.sample(strata[k], counts[k])]
    return keys


def get_sample(db: sqlite_utils.Database, name: str) -> Sample:
    row = db.execute(
        "select id, name, seed, stratify, filters from samples where name = ?", [name]
    ).fetchone()
    if not row:
        known = [r[0] for r in db.execute("select name from samples order by name")]
        hint = f" (samples: {', '.join(known)})" if known else " (make one with `sample create`)"
        raise StoreError(f"no sample called {name!r}{hint}")
    coders = [
        r[0]
        for r in db.execute(
            "select analyst from sample_coders where sample_id = ? order by analyst", [row[0]]
        )
    ]
    keys = [
        r[0]
        for r in db.execute(
            "select quote_key from sample_quotes where sample_id = ? order by position", [row[0]]
        )
    ]
    return Sample(row[0], row[1], coders, keys, row[2], row[3], json.loads(row[4]))


def list_samples(db: sqlite_utils.Database) -> list[Sample]:
    names = [r[0] for r in db.execute("select name from samples order by id")]
    return [get_sample(db, name) for name in names]


def check_coder(sample: Sample, analyst: str) -> None:
    if analyst not in sample.coders:
        raise StoreError(
            f"{analyst!r} is not a coder of sample {sample.name!r}"
            f" (its coders: {', '.join(sample.coders)})"
        )


# ---- a coder's own values ----------------------------------------------------


def coded_values(
    db: sqlite_utils.Database,
    *,
    status: str | None = None,
    stance: str | None = None,
    stance_target: str | None = None,
    speaker: str | int | None = None,
    note: str | None = None,
) -> dict:
    """A coder's choices as the fields `code` logs; the app and the CLI both map
    through here. An empty stance or note clears it; a speaker is an id or a known
    name or alias (the closest names are suggested)."""
    values: dict = {}
    if status is not None:
        values["status"] = status
    if stance is not None:
        values |= {"stance": stance, "stance_target": stance_target}
    if note is not None:
        values["note"] = note
    if speaker is not None:
        found = find_speaker(db, speaker)
        values["speaker_id"] = found["merged_into"] or found["id"]
    if not values:
        raise StoreError("nothing to code: give --accept/--reject, --stance, --speaker or --note")
    return values


def code(
    db: sqlite_utils.Database,
    sample: Sample,
    quote_id: int,
    values: dict,
    *,
    analyst: str,
    stance_labels: Iterable[str],
) -> None:
    """Log a coder's values for a sample quote, as one batch (one undo). A stance
    must be one of the configured labels, as on the desk."""
    check_coder(sample, analyst)
    if values.get("stance"):
        check_choice("stance", values["stance"], stance_labels)
    action = _action(values)
    with transaction(db):
        key = _sample_key(db, sample, quote_id)
        batch = None
        for name, value in values.items():
            if name not in CODED_FIELDS:
                raise StoreError(f"{name!r} is not coded in a sample")
            old = decisions.coded_value(db, sample.id, key, analyst, name)
            new = None if value is None or value == "" else str(value)
            if old != new:
                batch = decisions.log_coding(
                    db, batch, analyst, action, key, name, old, new, sample.id
                )


def _action(values: dict) -> str:
    if values.get("status") == "accepted":
        return "accept"
    if values.get("status") == "rejected":
        return "reject"
    if "speaker_id" in values:
        return "set speaker"
    return "stance" if "stance" in values else "note"


def _sample_key(db, sample: Sample, quote_id: int) -> str:
    row = db.execute("select quote_key from quotes where id = ?", [quote_id]).fetchone()
    if not row or row[0] not in sample.quote_keys:
        raise StoreError(f"quote {quote_id} is not in sample {sample.name!r}")
    return row[0]


def own_values(db: sqlite_utils.Database, sample: Sample, analyst: str) -> dict[str, dict]:
    """quote_key -> {field: value} of one coder's current values in a sample."""
    values: dict[str, dict] = {}
    for key, name, value in db.execute(
        "select d.quote_key, d.field, d.new from decisions d where d.coded_in = ?"
        " and d.analyst = ? and d.id = (select max(d2.id) from decisions d2"
        " where d2.coded_in = d.coded_in and d2.quote_key = d.quote_key"
        " and d2.analyst = d.analyst and d2.field = d.field)",
        [sample.id, analyst],
    ):
        if value is not None:
            values.setdefault(key, {})[name] = value
    return values


# ---- blind mode: what a coder sees -------------------------------------------

# What a coder sees of a quote: the machine's layer, named column by column so
# that anything a later change adds to quote_view (a decision, a suggestion)
# stays hidden until someone decides it is fit for blind eyes.
MACHINE_COLUMNS = (
    "id",
    "quote_key",
    "article_id",
    "title",
    "published",
    "kind",
    "quote",
    "cue",
    "source_text",
    "confidence",
    "pipeline_version",
    "machine_missing",
    "content_start",
    "content_end",
)
# Extras of store.queries.get_quote a coder may see: where the quote sits.
MACHINE_DETAIL = (
    "content_spans",
    "cue_spans",
    "source_spans",
    "evidence",
    "parent_key",
    "outlet_evidence",
    "path",
    "url",
    "paragraph",
    "paragraph_start",
)


def blind_quotes(
    db: sqlite_utils.Database, sample: Sample, analyst: str, f: QuoteFilter | None = None
) -> list[dict]:
    """The sample's quotes as the coder may see them: the machine's layer (speaker,
    outlet) with the coder's own values over it, and nothing anyone else decided."""
    check_coder(sample, analyst)
    mine = own_values(db, sample, analyst)
    columns = ", ".join(f"v.{c}" for c in MACHINE_COLUMNS)
    rows = _dicts(
        db,
        f"select {columns}, q.speaker_id as machine_speaker_id, q.role as machine_role,"
        " a.outlet_id as outlet_id, o.name as outlet"
        " from sample_quotes sq join quotes q on q.quote_key = sq.quote_key"
        " join quote_view v on v.id = q.id join articles a on a.id = q.article_id"
        " left join outlets o on o.id = a.outlet_id"
        " where sq.sample_id = ? order by sq.position",
        [sample.id],
    )
    speakers = {
        row[0]: row[1:]
        for row in db.execute(
            "select s.id, coalesce(s.merged_into, s.id), coalesce(m.name, s.name),"
            " coalesce(m.type, s.type), coalesce(m.role, s.role)"
            " from speakers s left join speakers m on m.id = s.merged_into"
        )
    }
    shown = []
    for row in rows:
        own = mine.get(row["quote_key"], {})
        _blind(row, own, speakers, analyst)
        if f is None or _matches(row, f):
            shown.append(row)
    return shown


def _blind(row: dict, own: dict, speakers: dict, analyst: str) -> None:
    """Put the coder's own values (or none) where quote_view has the desk's."""
    row["status"] = own.get("status") or "unreviewed"
    for name in ("stance", "stance_target", "note"):
        row[name] = own.get(name)
    speaker = own.get("speaker_id") or row.pop("machine_speaker_id")
    row.pop("machine_speaker_id", None)
    canonical, name, type_, role = (
        speakers.get(int(speaker), (None,) * 4) if speaker else (None,) * 4
    )
    row.update(speaker_id=canonical, speaker=name, speaker_type=type_)
    row["role"] = role or row.pop("machine_role")
    row.pop("machine_role", None)
    row["source"] = "coder" if own else "machine"
    row["decided_by"] = analyst if own else None
    row["decided_at"] = None
    row["revision"] = 0
    row["statement_id"] = None  # grouping is the desk's; the Statements screen is shut


def _matches(row: dict, f: QuoteFilter) -> bool:
    for name in ("kind", "stance", "status", "outlet", "speaker"):
        wanted = getattr(f, name)
        if wanted and row.get(name) != wanted:
            return False
    # A quote the coder rejected stays in their list (struck through): the
    # sample is theirs to walk through, and they may change their mind.
    return not (f.search and f.search.strip().lower() not in (row.get("quote") or "").lower())


def blind_quote(db: sqlite_utils.Database, sample: Sample, analyst: str, quote_id: int) -> dict:
    """One sample quote in full (paragraph, spans) as the coder may see it:
    the history holds their own coding only, and no other outlets' versions."""
    rows = [r for r in blind_quotes(db, sample, analyst) if r["id"] == quote_id]
    if not rows:
        raise StoreError(f"quote {quote_id} is not in sample {sample.name!r}")
    full = get_quote(db, quote_id)
    quote = {name: full[name] for name in MACHINE_DETAIL} | rows[0]
    quote["aliases"] = []
    quote["also_reported"] = []
    quote["history"] = _dicts(
        db,
        "select id, at, analyst, action, field, old, new, reverts from decisions"
        " where quote_key = ? and coded_in = ? and analyst = ? order by id",
        [quote["quote_key"], sample.id, analyst],
    )
    return quote


# ---- units, disagreements, adjudication --------------------------------------


@dataclass
class Unit:
    """One quote x one agreement field, with each coder's value (None: not coded)."""

    quote_id: int
    quote_key: str
    outlet: str | None
    field: str
    values: dict[str, str | None]
    notes: dict[str, str | None]
    settled: str | None = None  # the adjudicated value, once settled
    quote: str = ""  # the quote's text, for the adjudicator

    @property
    def coded_by_all(self) -> bool:
        return all(v is not None for v in self.values.values())

    @property
    def disagree(self) -> bool:
        return len({v for v in self.values.values() if v is not None}) > 1


def units(db: sqlite_utils.Database, sample: Sample) -> list[Unit]:
    """Every unit of the sample, with every coder's value of it."""
    per_coder = {c: own_values(db, sample, c) for c in sample.coders}
    names = dict(
        db.execute(
            "select s.id, coalesce(m.name, s.name) from speakers s"
            " left join speakers m on m.id = s.merged_into"
        ).fetchall()
    )
    rows = db.execute(
        "select q.id, q.quote_key, o.name, q.text from sample_quotes sq"
        " join quotes q on q.quote_key = sq.quote_key join articles a on a.id = q.article_id"
        " left join outlets o on o.id = a.outlet_id where sq.sample_id = ? order by sq.position",
        [sample.id],
    ).fetchall()
    settled = _settled(db, sample)
    result = []
    for quote_id, key, outlet, text in rows:
        notes = {c: per_coder[c].get(key, {}).get("note") for c in sample.coders}
        for name, logged in AGREEMENT_FIELDS.items():
            values = {}
            for coder in sample.coders:
                own = per_coder[coder].get(key, {})
                value = own.get(logged)
                if name == "speaker" and value is not None:
                    value = names.get(int(value))
                values[coder] = value
            done = settled.get((key, logged))
            if done is not None and name == "speaker":
                done = names.get(int(done), done)
            result.append(Unit(quote_id, key, outlet, name, values, notes, done, text or ""))
    return result


def _settled(db, sample: Sample) -> dict[tuple[str, str], str]:
    """(quote_key, field) -> adjudicated value, where the newest settling row is in force."""
    settled = {}
    for key, name, action, value in db.execute(
        "select d.quote_key, d.field, d.action, d.new from decisions d where d.settles = ?"
        " and d.id = (select max(d2.id) from decisions d2 where d2.settles = d.settles"
        " and d2.quote_key = d.quote_key and d2.field = d.field)",
        [sample.id],
    ):
        if action != "undo":
            settled[(key, name)] = value
    return settled


def disagreements(db: sqlite_utils.Database, sample: Sample) -> list[Unit]:
    """Units where coders gave different values, settled or not."""
    return [u for u in units(db, sample) if u.disagree]


def adjudicate(
    db: sqlite_utils.Database,
    sample: Sample,
    quote_id: int,
    field_name: str,
    *,
    analyst: str,
    stance_labels: Iterable[str],
    take: str | None = None,
    value: str | None = None,
) -> str:
    """Settle one unit with a coder's value (take) or another (value, a stance
    one of the configured labels); a logged, undoable desk decision. Returns the
    value set."""
    if field_name not in AGREEMENT_FIELDS:
        raise StoreError(f"unknown field {field_name!r}: use {', '.join(AGREEMENT_FIELDS)}")
    if (take is None) == (value is None):
        raise StoreError("say which value wins: take a coder's, or set another")
    if take is not None:
        check_coder(sample, take)
    with transaction(db):
        key = _sample_key(db, sample, quote_id)
        if take is not None:
            own = own_values(db, sample, take).get(key, {})
            if not own:
                raise StoreError(f"{take!r} has not coded quote {quote_id}")
            values = _taken(db, own, field_name, key)
        else:
            values = _given(db, field_name, value, stance_labels)
        decisions.settle(db, quote_id, values, sample_id=sample.id, analyst=analyst)
    shown = values[AGREEMENT_FIELDS[field_name]]
    if field_name == "speaker":
        shown = db.execute("select name from speakers where id = ?", [shown]).fetchone()[0]
    return str(shown)


def settle_agreed(db: sqlite_utils.Database, sample: Sample, *, analyst: str) -> int:
    """Settle every unsettled unit all coders coded alike with their value, as one
    batch (one undo takes it back). The number of units settled."""
    count, batch = 0, None
    with transaction(db):
        for unit in units(db, sample):
            if unit.settled is not None or not unit.coded_by_all or unit.disagree:
                continue
            own = own_values(db, sample, sample.coders[0]).get(unit.quote_key, {})
            values = _taken(db, own, unit.field, unit.quote_key)
            if decisions.holds(db, unit.quote_key, values):
                continue  # nothing to log: the desk already shows it
            batch = decisions.settle(
                db, unit.quote_id, values, sample_id=sample.id, analyst=analyst, batch=batch
            )
            count += 1
    return count


def _taken(db, own: dict, field_name: str, key: str) -> dict:
    if field_name == "stance":
        if not own.get("stance"):
            raise StoreError("that coder gave no stance; set one instead")
        return {"stance": own["stance"], "stance_target": own.get("stance_target")}
    if field_name == "status":
        if not own.get("status"):
            raise StoreError("that coder neither accepted nor rejected it; set a value instead")
        return {"status": own["status"]}
    if own.get("speaker_id") is None:
        raise StoreError("that coder coded no speaker; set one instead")
    return {"speaker_id": int(own["speaker_id"])}


def _given(db, field_name: str, value: str, stance_labels: Iterable[str]) -> dict:
    value = value.strip()
    if field_name == "stance":
        if value:
            check_choice("stance", value, stance_labels)
        return {"stance": value or None}
    if field_name == "status":
        statuses = {"accept": "accepted", "accepted": "accepted"}
        statuses |= {"reject": "rejected", "rejected": "rejected"}
        if value not in statuses:
            raise StoreError(f"a status is accepted or rejected, not {value!r}")
        return {"status": statuses[value]}
    found = find_speaker(db, value)
    return {"speaker_id": found["merged_into"] or found["id"]}
