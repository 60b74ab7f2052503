"""Scripted review from the shell: the same store functions the app calls.

`quotedesk quote accept 12 --analyst maria`, `quotedesk speakers merge ...`,
`quotedesk undo`, `quotedesk log`. Data goes to stdout, confirmations to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tui.cli_format import DeskCommand, PlainGroup, UsageError, say
from tui.cli_options import (
    DEFAULT_DB,
    AnalystOption,
    ConfigOption,
    DbOption,
    QuoteIdArgument,
    StanceTargetOption,
    analyst_name,
    existing_db,
)

# What the script saw before deciding: if the stored value differs now, someone
# else changed it meanwhile, and the command fails instead of overwriting it.
ExpectOption = Annotated[
    str | None,
    typer.Option(
        "--expect",
        help="Only if the current value is this (e.g. unreviewed); 'none' for no value.",
    ),
]

quote_app = typer.Typer(
    rich_markup_mode=None,
    cls=PlainGroup,
    help="Review one quote: show, accept, reject, set speaker, stance, note.",
)
speakers_app = typer.Typer(
    rich_markup_mode=None, cls=PlainGroup, help="List, rename, merge and split speakers."
)
statements_app = typer.Typer(
    rich_markup_mode=None,
    cls=PlainGroup,
    help="Statements: one real-world statement as reported by several outlets.",
)


def _expected(value: str | None):
    """--expect as store.decisions takes it: left out means no check."""
    from store.decisions import UNSET

    if value is None:
        return UNSET
    return None if value.lower() == "none" else value


def stance_labels(config: Path | None) -> tuple[str, ...]:
    """The stance labels analysts use, from the same config file the app reads."""
    from store.errors import StoreError
    from tui.config import ConfigError, load_config

    try:
        return load_config(config).stance_labels
    except ConfigError as exc:
        raise StoreError(str(exc)) from None


def checked_filter(
    db,
    config: Path | None,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    status: str | None = None,
    include_rejected: bool = False,
    include_candidates: bool = False,
):
    """The QuoteFilter of a command's filter options (export, sample create), each
    value checked: an unknown one is an error naming the allowed or closest values,
    not an empty result."""
    from store.checks import check_filter
    from store.queries import QuoteFilter

    wanted = QuoteFilter(
        speaker=speaker,
        outlet=outlet,
        kind=kind,
        stance=stance,
        status=status,
        include_rejected=include_rejected or status == "rejected",
        include_candidates=include_candidates,
    )
    check_filter(db, wanted, stance_labels(config))
    return wanted


def _quote_field(db, quote_id: int, field: str):
    from store.queries import get_quote

    return get_quote(db, quote_id)[field]


@quote_app.command("show", cls=DeskCommand)
def show(quote_id: QuoteIdArgument, db: DbOption = DEFAULT_DB) -> None:
    """Print a quote with its speaker, decisions and history as JSON."""
    from store.queries import get_quote

    quote = get_quote(existing_db(db), quote_id)
    quote.pop("paragraph_start", None)
    typer.echo(json.dumps(quote, ensure_ascii=False, indent=2))


@quote_app.command("accept", cls=DeskCommand)
def accept(
    quote_id: QuoteIdArgument,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    expect: ExpectOption = None,
):
    """Mark the quote as right."""
    from store import decisions

    decisions.accept(
        existing_db(db), quote_id, analyst=analyst_name(analyst), expected=_expected(expect)
    )
    say(f"quote {quote_id} accepted")


@quote_app.command("reject", cls=DeskCommand)
def reject(
    quote_id: QuoteIdArgument,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    expect: ExpectOption = None,
):
    """Mark the quote as not a quote (it leaves exports unless --include-rejected)."""
    from store import decisions

    decisions.reject(
        existing_db(db), quote_id, analyst=analyst_name(analyst), expected=_expected(expect)
    )
    say(f"quote {quote_id} rejected")


@quote_app.command("restore", cls=DeskCommand)
def restore(
    quote_id: QuoteIdArgument,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    expect: ExpectOption = None,
):
    """Put an accepted or rejected quote back to unreviewed."""
    from store import decisions

    decisions.restore(
        existing_db(db), quote_id, analyst=analyst_name(analyst), expected=_expected(expect)
    )
    say(f"quote {quote_id} back to unreviewed")


@quote_app.command("confirm", cls=DeskCommand)
def confirm(quote_id: QuoteIdArgument, db: DbOption = DEFAULT_DB, analyst: AnalystOption = None):
    """Make a candidate a quote (accepted), with its proposed speaker."""
    from store import decisions

    decisions.confirm(existing_db(db), quote_id, analyst=analyst_name(analyst))
    say(f"candidate {quote_id} confirmed: now an accepted quote")


@quote_app.command("dismiss", cls=DeskCommand)
def dismiss(quote_id: QuoteIdArgument, db: DbOption = DEFAULT_DB, analyst: AnalystOption = None):
    """Say a candidate is no quote (a re-run of the pass does not bring it back)."""
    from store import decisions

    decisions.dismiss(existing_db(db), quote_id, analyst=analyst_name(analyst))
    say(f"candidate {quote_id} dismissed")


@quote_app.command("set-speaker", cls=DeskCommand)
def set_speaker(
    quote_id: QuoteIdArgument,
    name: Annotated[str, typer.Argument(help="A known speaker's name or alias, or a new name.")],
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    type_: Annotated[
        str, typer.Option("--type", help="For a new speaker: person, organisation or unnamed.")
    ] = "person",
    role: Annotated[str | None, typer.Option(help="For a new speaker: their role.")] = None,
):
    """Attribute the quote to another speaker."""
    from store import decisions

    decisions.set_speaker(
        existing_db(db),
        quote_id,
        name,
        speaker_type=type_,
        role=role,
        analyst=analyst_name(analyst),
    )
    say(f"quote {quote_id} attributed to {name}")


@quote_app.command("stance", cls=DeskCommand)
def stance(
    quote_id: QuoteIdArgument,
    label: Annotated[
        str,
        typer.Argument(help="A configured label: support, oppose, neutral, unclear by default."),
    ],
    target: StanceTargetOption = None,
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    expect: ExpectOption = None,
    config: ConfigOption = None,
):
    """Tag the quote's stance (an empty label clears it; --expect compares the current label)."""
    from store import decisions
    from store.checks import check_choice

    if label:
        check_choice("stance", label, stance_labels(config))
    database = existing_db(db)
    expected = _expected(expect)
    if expected is not decisions.UNSET:  # the target is not part of the check
        target_now = _quote_field(database, quote_id, "stance_target")
        expected = (expected, target_now)
    decisions.set_stance(
        database, quote_id, label, target, analyst=analyst_name(analyst), expected=expected
    )
    say(f"quote {quote_id} stance: {label}")


@quote_app.command("note", cls=DeskCommand)
def note(
    quote_id: QuoteIdArgument,
    text: Annotated[str, typer.Argument(help="The note (empty text clears it).")],
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    expect: ExpectOption = None,
):
    """Attach a note to the quote (replacing any note it had)."""
    from store import decisions

    decisions.set_note(
        existing_db(db), quote_id, text, analyst=analyst_name(analyst), expected=_expected(expect)
    )
    say(f"quote {quote_id} note saved")


@speakers_app.command("list", cls=DeskCommand)
def list_speakers(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
):
    """Every speaker with quote counts per outlet and aliases."""
    from store.queries import list_speakers as query

    for s in query(existing_db(db)):
        if as_json:
            typer.echo(json.dumps(s, ensure_ascii=False))
            continue
        outlets = ", ".join(f"{o} {n}" for o, n in sorted(s["outlets"].items()))
        aliases = f"  (also: {', '.join(s['aliases'])})" if s["aliases"] else ""
        typer.echo(
            f"{s['id']:>6}  {s['name']}  [{s['type'] or '?'}]  {s['quotes']} quotes"
            f"{': ' + outlets if outlets else ''}{aliases}"
        )


@speakers_app.command("merge", cls=DeskCommand)
def merge(
    source: Annotated[str, typer.Argument(help="Speaker (id, name or alias) to fold in.")],
    into: Annotated[str, typer.Argument(help="Speaker (id, name or alias) that remains.")],
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
):
    """Merge one speaker into another (undo with `quotedesk undo`)."""
    from store import decisions

    decisions.merge_speakers(existing_db(db), source, into, analyst=analyst_name(analyst))
    say(f"merged {source} into {into}")


@speakers_app.command("rename", cls=DeskCommand)
def rename(
    old: Annotated[str, typer.Argument(help="Speaker (id, name or alias) to rename.")],
    new: Annotated[str, typer.Argument(help="The new name.")],
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
):
    """Rename a speaker; a re-run of the NLP pass keeps the new name (undo: `quotedesk undo`)."""
    from store import decisions
    from store.errors import StoreError
    from store.speakers import find_speaker

    database = existing_db(db)
    speaker = find_speaker(database, old)
    name = new.strip()
    if not name:
        raise StoreError("a speaker needs a name")
    if name == speaker["name"]:
        raise StoreError(f"the speaker is called {name!r} already")
    decisions.rename_speaker(
        database, speaker["id"], name, analyst=analyst_name(analyst), expected=speaker["name"]
    )
    say(f"renamed {speaker['name']} to {name}")


@speakers_app.command("split", cls=DeskCommand)
def split(
    speaker_name: Annotated[str, typer.Argument(help="Speaker (id or name) that keeps its name.")],
    alias: Annotated[str, typer.Argument(help="One of its aliases, to become a speaker again.")],
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
):
    """Take a wrongly merged name back out of a speaker (undo with `quotedesk undo`)."""
    from store import decisions
    from store.errors import StoreError
    from store.speakers import find_speaker

    database = existing_db(db)
    speaker = find_speaker(database, speaker_name)
    aliases = [a for a in speaker["aliases"] if a != speaker["name"]]
    if alias not in aliases:
        known = f"its aliases: {', '.join(aliases)}" if aliases else "it has no aliases"
        raise StoreError(f"{alias!r} is not an alias of {speaker['name']} ({known})")
    decisions.split_alias(database, speaker["id"], alias, analyst=analyst_name(analyst))
    say(f"split {alias} out of {speaker['name']}")


@statements_app.command("list", cls=DeskCommand)
def list_statements(
    db: DbOption = DEFAULT_DB,
    min_outlets: Annotated[int, typer.Option(help="Only statements carried by this many.")] = 2,
    limit: Annotated[int, typer.Option(help="How many, most outlets first.")] = 50,
):
    """Statements by number of outlets, with first-seen date and outlet."""
    from store.statements import list_statements as query

    for st in query(existing_db(db), limit=limit, min_outlets=min_outlets):
        typer.echo(
            f"{st['statement_id']:>6}  {st['outlets']} outlets, {st['versions']} versions"
            f"  first {st['first_seen'] or '?'} in {st['first_outlet'] or '?'}"
            f"  {st['speaker'] or '(unknown speaker)'}: {st['outlet_names']}"
        )


@statements_app.command("show", cls=DeskCommand)
def show_statement(
    statement_id: Annotated[int, typer.Argument(help="The statement id.")],
    db: DbOption = DEFAULT_DB,
):
    """Every outlet's version of one statement, earliest first."""
    from store.statements import versions

    rows = versions(existing_db(db), statement_id)
    if not rows:
        from store.errors import StoreError

        raise StoreError(f"no statement with id {statement_id}")
    for v in rows:
        typer.echo(
            f"[{v['id']}] {v['published'] or '?'}  {v['outlet']}  {v['speaker']}  ({v['kind']})"
        )
        typer.echo(f"      {v['quote']}")


@statements_app.command("join", cls=DeskCommand)
def join_statement(
    quote_id: QuoteIdArgument,
    other: Annotated[int, typer.Argument(help="A quote already in the statement to join.")],
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
):
    """Put a quote in the same statement as another quote."""
    from store import decisions

    decisions.join_statement(existing_db(db), quote_id, other, analyst=analyst_name(analyst))
    say(f"quote {quote_id} now reports the same statement as quote {other}")


@statements_app.command("leave", cls=DeskCommand)
def leave_statement(
    quote_id: QuoteIdArgument, db: DbOption = DEFAULT_DB, analyst: AnalystOption = None
):
    """Take a quote out of its statement: it reports a statement of its own."""
    from store import decisions

    decisions.leave_statement(existing_db(db), quote_id, analyst=analyst_name(analyst))
    say(f"quote {quote_id} is a statement of its own")


@statements_app.command("regroup", cls=DeskCommand)
def regroup(db: DbOption = DEFAULT_DB):
    """Group every quote again (analysts' joins and splits are kept)."""
    from store.statements import regroup as run

    result = run(existing_db(db))
    say(
        f"{result.quotes} quotes in {result.statements} statements,"
        f" {result.shared} reported in more than one article"
    )


def undo(db: DbOption = DEFAULT_DB, analyst: AnalystOption = None) -> None:
    """Revert your latest decision (appends a revert; the log keeps both)."""
    from store import decisions

    said = decisions.undo(existing_db(db), analyst=analyst_name(analyst))
    say(said or "nothing to undo")


def redo(db: DbOption = DEFAULT_DB, analyst: AnalystOption = None) -> None:
    """Put back what your latest undo reverted."""
    from store import decisions

    said = decisions.redo(existing_db(db), analyst=analyst_name(analyst))
    say(said or "nothing to redo")


def log(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many decisions, newest first.")] = 50,
    by: Annotated[
        str | None, typer.Option("--by", metavar="NAME", help="Only this analyst's decisions.")
    ] = None,
    analyst: Annotated[str | None, typer.Option(hidden=True)] = None,
    sample: Annotated[
        str | None,
        typer.Option("--sample", metavar="NAME", help="The codings logged in this sample."),
    ] = None,
) -> None:
    """The decision history: who changed what, when, from what to what. Coders'
    blind codings are not desk decisions: --sample NAME lists a sample's."""
    from store import decisions
    from store.coding import get_sample

    if analyst is not None:  # it filtered here, and names you everywhere else
        raise UsageError(f"log filters with --by now: quotedesk log --by {analyst}")
    database = existing_db(db)
    sample_id = get_sample(database, sample).id if sample is not None else None
    for row in decisions.log(database, limit=limit, analyst=by, sample_id=sample_id):
        target = f"quote {row['quote_id']}" if row["quote_id"] else f"speaker {row['speaker_id']}"
        if row["speaker_id"] is None and row["quote_id"] is None:
            target = "quote (undone)"  # a hand-made quote taken back is no quote
        change = f"{row['field']}: {row['old']!s} -> {row['new']!s}"
        if row["field"] == "hand_quote":
            change = "made by hand" if row["new"] else "hand-made quote withdrawn"
        where = f"  (coded in sample {sample})" if sample is not None else ""
        typer.echo(
            f"{row['at']}  {row['analyst']:<12} {row['action']:<15} {target:<14} {change}{where}"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(quote_app, name="quote")
    app.add_typer(speakers_app, name="speakers")
    app.add_typer(statements_app, name="statements")
    app.command(cls=DeskCommand)(undo)
    app.command(cls=DeskCommand)(redo)
    app.command(cls=DeskCommand)(log)
