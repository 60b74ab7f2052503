"""The `quotedesk` command line: ingest, extract, export, eval, and the app.

Data goes to stdout and progress and errors to stderr, so `quotedesk export |
head` and `> file.csv` both work. Errors are one line and a non-zero exit.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from store.db import explain_sqlite_error
from store.errors import StoreError
from tui import coding_commands, review_commands

app = typer.Typer(
    help="Who said what, in which outlet: find quotes in news articles and review them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DEFAULT_DB = Path("data.db")
DbOption = Annotated[Path, typer.Option("--db", help="The quotedesk database file.")]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Processes for the NLP pass (one model each).")
]
TaggerOption = Annotated[
    Path | None,
    typer.Option(
        envvar="QUOTEDESK_TAGGER",
        exists=True,
        file_okay=False,
        help="A trained attribution tagger (quotedesk train) to run beside the rules.",
    ),
]
PathsArgument = Annotated[
    list[Path], typer.Argument(help=".txt files (first line is the title), folders, .jsonl files.")
]


def default_analyst() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "analyst"


def samples_dir() -> Path:
    """The bundled demo articles: inside the package when installed, else the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "samples", here.parent / "samples"):
        if candidate.is_dir():
            return candidate
    raise StoreError("the bundled samples/ folder is missing from this installation")


def say(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet for every article (overrides metadata and text).")
    ] = None,
    jobs: JobsOption = 1,
    tagger: TaggerOption = None,
) -> None:
    """Find the quotes in articles and store them; the same article twice is stored once."""
    summary = run_ingest(paths, db, outlet, jobs, tagger)
    say(summary.line())
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: PathsArgument,
    outlet: Annotated[str | None, typer.Option(help="Outlet for every article.")] = None,
    jobs: JobsOption = 1,
    tagger: TaggerOption = None,
) -> None:
    """Print the extraction record of each article as JSON Lines; no database."""
    from nlp.articles import read_articles
    from nlp.extract import extract as run_extract

    errors = []
    good = _report_errors(read_articles(paths, outlet), errors)
    for record in run_extract(good, jobs=jobs, tagger=_tagger(tagger)):
        sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    if errors:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or jsonl.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    speaker: Annotated[str | None, typer.Option(help="Only this speaker.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, mixed, indirect or belief.")] = None,
    stance: Annotated[str | None, typer.Option(help="Only quotes with this stance.")] = None,
    status: Annotated[str | None, typer.Option(help="unreviewed, accepted or rejected.")] = None,
    include_rejected: Annotated[
        bool, typer.Option(help="Keep quotes an analyst rejected.")
    ] = False,
    excel: Annotated[bool, typer.Option(help="Start the CSV with a BOM for Excel.")] = False,
) -> None:
    """Export the quotes (analysts' decisions over machine output) as CSV or JSONL."""
    from store.db import open_db
    from store.export import export_quotes
    from store.queries import QuoteFilter

    if fmt not in ("csv", "jsonl"):
        raise StoreError(f"unknown format {fmt!r}: use csv or jsonl")
    database = open_db(db, create=False)
    wanted = QuoteFilter(
        speaker=speaker,
        outlet=outlet,
        kind=kind,
        stance=stance,
        status=status,
        include_rejected=include_rejected or status == "rejected",
    )
    if output is None:
        rows = export_quotes(database, wanted, fmt, sys.stdout, excel_bom=excel)
    else:
        with output.open("w", encoding="utf-8", newline="") as handle:
            rows = export_quotes(database, wanted, fmt, handle, excel_bom=excel)
    say(f"exported {rows} quotes" + (f" to {output}" if output else ""))


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="A folder with text/ and attributions/ (brat).")],
    jobs: JobsOption = 1,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    split: Annotated[
        str,
        typer.Option(help="all, train or held-out: the tagger's split, by article name."),
    ] = "all",
    tagger: TaggerOption = None,
) -> None:
    """Score the NLP pass against a corpus in PolNeAR's layout."""
    from nlp.evaluate import SPLITS, format_report
    from nlp.evaluate import evaluate as run_evaluate

    _check_corpus(corpus)
    if split not in SPLITS:
        raise StoreError(f"unknown split {split!r}: use {', '.join(SPLITS)}")
    report = run_evaluate(corpus, jobs=jobs, limit=limit, split=split, tagger=_tagger(tagger))
    typer.echo(format_report(report))


@app.command()
def train(
    corpus: Annotated[Path, typer.Argument(help="A folder with text/ and attributions/ (brat).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where the trained tagger goes.")
    ] = Path("models/attribution"),
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training articles.")] = 6,
) -> None:
    """Train the attribution tagger on a PolNeAR-style corpus (CPU; held-out articles unseen)."""
    from nlp.training import train as run_train

    _check_corpus(corpus)
    tagger = run_train(corpus, output, {"training.max_epochs": epochs})
    say(f"trained tagger in {tagger}; use it with --tagger {tagger} or QUOTEDESK_TAGGER")


def _check_corpus(corpus: Path) -> None:
    if not (corpus / "text").is_dir() or not (corpus / "attributions").is_dir():
        raise StoreError(f"{corpus}: expected text/ and attributions/ folders (PolNeAR layout)")


def _tagger(path: Path | None) -> str | None:
    """The trained tagger's folder; the folder `quotedesk train` wrote will do too."""
    if path is None:
        return None
    for candidate in (path, path / "model-last"):
        if (candidate / "config.cfg").exists() and (candidate / "attribution").is_dir():
            return str(candidate)
    raise StoreError(f"{path}: not a trained attribution tagger (make one with quotedesk train)")


@app.command()
def tui(
    db: DbOption = DEFAULT_DB,
    analyst: Annotated[
        str | None, typer.Option(help="Your name in the decision log (default: login name).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="Key bindings and stance labels (TOML).")
    ] = None,
    sample: Annotated[
        str | None, typer.Option(help="Code this reliability sample, blind (you must be a coder).")
    ] = None,
    adjudicate: Annotated[
        str | None, typer.Option(help="Settle the disagreements of this coding sample.")
    ] = None,
) -> None:
    """Open the review app on a database."""
    from tui.app import QuoteDeskApp

    analyst = analyst or default_analyst()
    coding = coding_commands.open_for_app(db, sample, adjudicate, analyst)
    QuoteDeskApp(db, analyst, config, **coding).run()


@app.command()
def demo(
    db: DbOption = DEFAULT_DB,
    analyst: Annotated[str | None, typer.Option(help="Your name in the decision log.")] = None,
) -> None:
    """Ingest the bundled sample articles (unless already there) and open the app."""
    summary = run_ingest([samples_dir()], db, None, 1)
    say(summary.line())
    tui(db=db, analyst=analyst, config=None)


@dataclass
class IngestSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quotes: int = 0
    errors: list = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        line = f"ingested {', '.join(parts)} articles; {self.quotes} quotes stored"
        if self.errors:
            line += f"; {len(self.errors)} skipped (listed above)"
        return line


def run_ingest(
    paths: list[Path], db_path: Path, outlet: str | None, jobs: int, tagger: Path | None = None
) -> IngestSummary:
    """Read, extract and store, one transaction per article, skipping what is stored."""
    from store.db import open_db

    tagger_path = _tagger(tagger)  # before the database is touched
    db = open_db(db_path)
    try:
        return _ingest_into(db, paths, outlet, jobs, tagger_path)
    finally:
        db.conn.close()


def _ingest_into(
    db, paths: list[Path], outlet: str | None, jobs: int, tagger: str | None
) -> IngestSummary:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from nlp import pipeline_version
    from nlp.articles import read_articles
    from nlp.extract import extract as run_extract
    from store.errors import BadRecord
    from store.ingest import article_known, content_hash, save_extraction
    from store.speakers import known_speaker_names
    from store.statements import regroup

    version = pipeline_version(tagger)
    summary = IngestSummary()
    articles = list(_report_errors(read_articles(paths, outlet), summary.errors))
    todo = []
    for article in articles:
        if article_known(db, content_hash(article.text), version):
            summary.unchanged += 1
        else:
            todo.append(article)
    if not todo:
        return summary
    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[doc]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingest", total=len(todo), doc="loading model…")
        days: list[str | None] = []
        records = run_extract(
            todo,
            jobs=jobs,
            known_speakers=known_speaker_names(db),
            known_organisations=known_speaker_names(db, "organisation"),
            tagger=tagger,
        )
        for record in records:
            progress.update(task, advance=1, doc=record.article.doc)
            try:
                result = save_extraction(db, asdict(record), version)
            except BadRecord as exc:  # the NLP pass tripped on this one; keep going
                say(f"quotedesk: skipped {exc}")
                summary.errors.append(exc)
                continue
            summary.new += result.status == "new"
            summary.updated += result.status == "updated"
            summary.unchanged += result.status == "unchanged"
            summary.quotes += result.quotes
            days.append(record.article.published)
    # Group once per batch, around the new articles' dates (the whole corpus if undated).
    regroup(db, days if all(days) else None)
    return summary


def _report_errors(items: Iterable, errors: list) -> Iterator:
    """Pass articles through; print each input error as one line and keep it."""
    from nlp.articles import InputError

    for item in items:
        if isinstance(item, InputError):
            say(f"quotedesk: skipped {item}")
            errors.append(item)
        else:
            yield item


review_commands.register(app)
coding_commands.register(app)


def main() -> None:
    try:
        app()
    except StoreError as exc:
        say(f"quotedesk: error: {exc}")
        sys.exit(1)
    except sqlite3.OperationalError as exc:
        say(f"quotedesk: error: {explain_sqlite_error(exc)}")
        sys.exit(1)
    except sqlite3.DatabaseError as exc:
        say(f"quotedesk: error: the database is damaged or not a database ({exc})")
        sys.exit(1)
    except KeyboardInterrupt:
        say("quotedesk: interrupted; everything stored so far is kept")
        sys.exit(130)
    except BrokenPipeError:  # `quotedesk export | head` closes the pipe early
        sys.stderr.close()
        sys.exit(0)
