"""Scripted review from the shell: the same store functions the app calls.

`quotedesk quote accept 12 --analyst maria`, `quotedesk speakers merge ...`,
`quotedesk undo`, `quotedesk log`. Data goes to stdout, confirmations to stderr.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[Path, typer.Option("--db", help="The quotedesk database file.")]
AnalystOption = Annotated[
    str | None, typer.Option(help="Your name in the decision log (default: login name).")
]
IdArgument = Annotated[int, typer.Argument(help="The quote id (the `id` column of exports).")]

quote_app = typer.Typer(help="Review one quote: show, accept, reject, set speaker, stance, note.")
speakers_app = typer.Typer(help="List and merge speakers.")


def _db(path: Path):
    from store.db import open_db

    return open_db(path, create=False)


def _analyst(analyst: str | None) -> str:
    if analyst:
        return analyst
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def _done(message: str) -> None:
    typer.echo(message, err=True)


@quote_app.command("show")
def show(quote_id: IdArgument, db: DbOption = Path("data.db")) -> None:
    """Print a quote with its speaker, decisions and history as JSON."""
    from store.queries import get_quote

    quote = get_quote(_db(db), quote_id)
    quote.pop("paragraph_start", None)
    typer.echo(json.dumps(quote, ensure_ascii=False, indent=2))


@quote_app.command("accept")
def accept(quote_id: IdArgument, db: DbOption = Path("data.db"), analyst: AnalystOption = None):
    """Mark the quote as right."""
    from store import decisions

    decisions.accept(_db(db), quote_id, analyst=_analyst(analyst))
    _done(f"quote {quote_id} accepted")


@quote_app.command("reject")
def reject(quote_id: IdArgument, db: DbOption = Path("data.db"), analyst: AnalystOption = None):
    """Mark the quote as not a quote (it leaves exports unless --include-rejected)."""
    from store import decisions

    decisions.reject(_db(db), quote_id, analyst=_analyst(analyst))
    _done(f"quote {quote_id} rejected")


@quote_app.command("restore")
def restore(quote_id: IdArgument, db: DbOption = Path("data.db"), analyst: AnalystOption = None):
    """Put an accepted or rejected quote back to unreviewed."""
    from store import decisions

    decisions.restore(_db(db), quote_id, analyst=_analyst(analyst))
    _done(f"quote {quote_id} back to unreviewed")


@quote_app.command("set-speaker")
def set_speaker(
    quote_id: IdArgument,
    name: Annotated[str, typer.Argument(help="A known speaker's name or alias, or a new name.")],
    db: DbOption = Path("data.db"),
    analyst: AnalystOption = None,
    type_: Annotated[
        str, typer.Option("--type", help="For a new speaker: person, organisation or unnamed.")
    ] = "person",
    role: Annotated[str | None, typer.Option(help="For a new speaker: their role.")] = None,
):
    """Attribute the quote to another speaker."""
    from store import decisions

    decisions.set_speaker(
        _db(db), quote_id, name, speaker_type=type_, role=role, analyst=_analyst(analyst)
    )
    _done(f"quote {quote_id} attributed to {name}")


@quote_app.command("stance")
def stance(
    quote_id: IdArgument,
    label: Annotated[str, typer.Argument(help="e.g. support, oppose, neutral, unclear.")],
    target: Annotated[str | None, typer.Option(help="What the stance is towards.")] = None,
    db: DbOption = Path("data.db"),
    analyst: AnalystOption = None,
):
    """Tag the quote's stance."""
    from store import decisions

    decisions.set_stance(_db(db), quote_id, label, target, analyst=_analyst(analyst))
    _done(f"quote {quote_id} stance: {label}")


@quote_app.command("note")
def note(
    quote_id: IdArgument,
    text: Annotated[str, typer.Argument(help="The note (empty text clears it).")],
    db: DbOption = Path("data.db"),
    analyst: AnalystOption = None,
):
    """Attach a note to the quote."""
    from store import decisions

    decisions.set_note(_db(db), quote_id, text, analyst=_analyst(analyst))
    _done(f"quote {quote_id} note saved")


@speakers_app.command("list")
def list_speakers(
    db: DbOption = Path("data.db"),
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
):
    """Every speaker with quote counts per outlet and aliases."""
    from store.queries import list_speakers as query

    for s in query(_db(db)):
        if as_json:
            typer.echo(json.dumps(s, ensure_ascii=False))
            continue
        outlets = ", ".join(f"{o} {n}" for o, n in sorted(s["outlets"].items()))
        aliases = f"  (also: {', '.join(s['aliases'])})" if s["aliases"] else ""
        typer.echo(
            f"{s['id']:>6}  {s['name']}  [{s['type'] or '?'}]  {s['quotes']} quotes"
            f"{': ' + outlets if outlets else ''}{aliases}"
        )


@speakers_app.command("merge")
def merge(
    source: Annotated[str, typer.Argument(help="Speaker (id, name or alias) to fold in.")],
    into: Annotated[str, typer.Argument(help="Speaker (id, name or alias) that remains.")],
    db: DbOption = Path("data.db"),
    analyst: AnalystOption = None,
):
    """Merge one speaker into another (undo with `quotedesk undo`)."""
    from store import decisions

    decisions.merge_speakers(_db(db), source, into, analyst=_analyst(analyst))
    _done(f"merged {source} into {into}")


def undo(db: DbOption = Path("data.db"), analyst: AnalystOption = None) -> None:
    """Revert your latest decision (appends a revert; the log keeps both)."""
    from store import decisions

    said = decisions.undo(_db(db), analyst=_analyst(analyst))
    _done(said or "nothing to undo")


def redo(db: DbOption = Path("data.db"), analyst: AnalystOption = None) -> None:
    """Put back what your latest undo reverted."""
    from store import decisions

    said = decisions.redo(_db(db), analyst=_analyst(analyst))
    _done(said or "nothing to redo")


def log(
    db: DbOption = Path("data.db"),
    limit: Annotated[int, typer.Option(help="How many decisions, newest first.")] = 50,
    analyst: Annotated[str | None, typer.Option(help="Only this analyst's.")] = None,
) -> None:
    """The decision history: who changed what, when, from what to what."""
    from store import decisions

    for row in decisions.log(_db(db), limit=limit, analyst=analyst):
        target = f"quote {row['quote_id']}" if row["quote_id"] else f"speaker {row['speaker_id']}"
        typer.echo(
            f"{row['at']}  {row['analyst']:<12} {row['action']:<15} {target:<14}"
            f" {row['field']}: {row['old']!s} -> {row['new']!s}"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(quote_app, name="quote")
    app.add_typer(speakers_app, name="speakers")
    app.command()(undo)
    app.command()(redo)
    app.command()(log)
