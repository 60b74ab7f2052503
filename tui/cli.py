"""The `quotedesk` command line: ingest, extract, export, eval, and the app.

Data goes to stdout and progress and errors to stderr, so `quotedesk export |
head` and `> file.csv` both work. Errors are one line and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from ingest.reading import report_errors
from ingest.run import connect_cluster, run_ingest, tagger_folder
from ingest.writing import split_stored
from store.errors import StoreError
from tui import coding_commands, review_commands
from tui.cli_format import DeskCommand, DeskGroup, fail, say
from tui.cli_options import (
    DEFAULT_DB,
    AnalystOption,
    ConfigOption,
    DbOption,
    IncludeRejectedOption,
    KindFilter,
    OutletFilter,
    SpeakerFilter,
    StanceFilter,
    StatusFilter,
    analyst_name,
)

app = typer.Typer(
    help="Who said what, in which outlet: find quotes in news articles and review them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=DeskGroup,
    add_completion=False,
)

JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        # More processes than cores only costs memory: each loads its own model.
        max=os.cpu_count() or 1,
        help="Processes for the NLP pass (one model each), at most one per core.",
    ),
]
ClusterOption = Annotated[
    str | None,
    typer.Option(
        envvar="QUOTEDESK_CLUSTER",
        metavar="ADDRESS",
        help="Run the NLP pass on a Dask scheduler (tcp://host:8786), or local:N worker processes.",
    ),
]
TaggerOption = Annotated[
    Path | None,
    typer.Option(
        envvar="QUOTEDESK_TAGGER",
        metavar="DIR",
        exists=True,
        file_okay=False,
        help="A trained attribution tagger (quotedesk train) to run beside the rules.",
    ),
]
CreateOption = Annotated[
    bool,
    typer.Option("--create", help="Make the database's folders too, if they do not exist yet."),
]
SourcesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.txt, .jsonl, .html, .html.gz, .warc.gz, feed .xml), folders, URLs of"
        " pages or RSS/Atom feeds."
    ),
]
UrlsOption = Annotated[
    list[Path] | None,
    typer.Option(metavar="FILE", help="A file of URLs to fetch, one a line."),
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Fetch nothing: read pages from the cache only.")
]
CacheOption = Annotated[
    Path | None,
    typer.Option(envvar="QUOTEDESK_CACHE", metavar="DIR", help="Where fetched pages are kept."),
]
DelayOption = Annotated[
    float,
    typer.Option(min=0, metavar="SECONDS", help="Seconds between two requests to one host."),
]
TimeoutOption = Annotated[
    float, typer.Option(min=0.1, metavar="SECONDS", help="Seconds to wait for a server.")
]
ArticleOutletOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="Outlet for every article (overrides metadata and text)."),
]
CorpusArgument = Annotated[
    Path, typer.Argument(metavar="CORPUS", help="A folder with text/ and attributions/ (brat).")
]


def samples_dir() -> Path:
    """The bundled demo articles: inside the package when installed, else the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "samples", here.parent / "samples"):
        if candidate.is_dir():
            return candidate
    raise StoreError("the bundled samples/ folder is missing from this installation")


@app.command(cls=DeskCommand)
def ingest(
    paths: SourcesArgument = None,
    db: DbOption = DEFAULT_DB,
    outlet: ArticleOutletOption = None,
    jobs: JobsOption = 1,
    cluster: ClusterOption = None,
    tagger: TaggerOption = None,
    urls: UrlsOption = None,
    offline: OfflineOption = False,
    cache: CacheOption = None,
    delay: DelayOption = 1.0,
    timeout: TimeoutOption = 20.0,
    create: CreateOption = False,
) -> None:
    """Find the quotes in articles and store them; the same article twice is stored once."""
    from intake.fetch import WebSettings, default_cache_dir

    sources = gather_sources("ingest", paths, urls)
    web = WebSettings(cache or default_cache_dir(), offline, delay, timeout)
    summary = run_ingest(sources, db, outlet, jobs, tagger, web, create=create, cluster=cluster)
    say(summary.line())
    if summary.errors:
        raise typer.Exit(1)


@app.command(cls=DeskCommand)
def extract(
    paths: SourcesArgument = None,
    outlet: ArticleOutletOption = None,
    jobs: JobsOption = 1,
    cluster: ClusterOption = None,
    tagger: TaggerOption = None,
    urls: UrlsOption = None,
    offline: OfflineOption = False,
    cache: CacheOption = None,
    delay: DelayOption = 1.0,
    timeout: TimeoutOption = 20.0,
    out: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            file_okay=False,
            help="Write sharded finds records for `quotedesk ingest DIR/*.jsonl` instead.",
        ),
    ] = None,
    include_candidates: Annotated[
        bool,
        typer.Option(
            "--include-candidates",
            help='Also what the pass is unsure of, each with "candidate": true.',
        ),
    ] = False,
) -> None:
    """Print the extraction record of each article as JSON Lines; no database."""
    from intake.fetch import WebSettings, default_cache_dir
    from intake.sources import read_inputs
    from nlp.cluster import ClusterError

    sources = gather_sources("extract", paths, urls)
    web = WebSettings(cache or default_cache_dir(), offline, delay, timeout)
    tagger_path = tagger_folder(tagger)
    workers = connect_cluster(cluster) if cluster else None
    errors: list = []
    good = report_errors(read_inputs(sources, outlet, web), errors)
    try:
        if out is None:
            _print_records(good, jobs, tagger_path, workers, errors, include_candidates)
        else:
            _write_finds(good, jobs, tagger_path, workers, errors, out)
    except ClusterError as exc:
        raise StoreError(str(exc)) from None
    finally:
        if workers is not None:
            workers.close()
    if errors:
        raise typer.Exit(1)


def _print_records(
    articles: Iterable, jobs: int, tagger, cluster, errors: list, include_candidates: bool
) -> None:
    from nlp.extract import extract as run_extract

    for record in run_extract(articles, jobs=jobs, tagger=tagger, cluster=cluster):
        if record.error:
            say(f"quotedesk: skipped {record.article.doc}: {record.error}")
            errors.append(record)
            continue
        line = json.dumps(record.to_json(include_candidates), ensure_ascii=False)
        sys.stdout.write(line + "\n")


def _write_finds(articles: Iterable, jobs: int, tagger, cluster, errors: list, out: Path) -> None:
    """What the model finds, in shards of JSON Lines, for a desk to load later."""
    from nlp import pipeline_version
    from nlp.extract import find
    from nlp.shards import finds_record, write_shards

    version = pipeline_version(tagger)
    written = 0

    def records():
        nonlocal written
        for article, found in find(articles, jobs=jobs, tagger=tagger, cluster=cluster):
            if found.error:
                say(f"quotedesk: skipped {article.doc}: {found.error}")
                errors.append(found)
                continue
            written += 1
            yield finds_record(article, found, version)

    shards = list(write_shards(records(), out))
    say(f"wrote {written} finds records in {len(shards)} shards to {out}")


def gather_sources(command: str, paths: list[str] | None, url_files: list[Path] | None) -> list:
    """The sources given on the command line, then the URLs of each --urls file."""
    from intake.files import InputError
    from intake.sources import read_url_list

    sources = list(paths or [])
    for url_file in url_files or []:
        listed = read_url_list(url_file)
        if isinstance(listed, InputError):
            raise StoreError(str(listed))
        sources += listed
    if not sources:
        raise StoreError(f"nothing to {command}: give files, folders or URLs (or --urls FILE)")
    return sources


@app.command(cls=DeskCommand)
def export(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="csv or jsonl.")
    ] = "csv",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    speaker: SpeakerFilter = None,
    outlet: OutletFilter = None,
    kind: KindFilter = None,
    stance: StanceFilter = None,
    status: StatusFilter = None,
    include_rejected: IncludeRejectedOption = False,
    include_candidates: Annotated[
        bool,
        typer.Option("--include-candidates", help="Also the candidates (status candidate)."),
    ] = False,
    excel: Annotated[
        bool, typer.Option("--excel", help="Start the CSV with a BOM for Excel.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Export the quotes (analysts' decisions over machine output) as CSV or JSONL."""
    from store.db import open_db
    from store.export import export_quotes, export_to_file

    if fmt not in ("csv", "jsonl"):
        raise StoreError(f"unknown format {fmt!r}: use csv or jsonl")
    database = open_db(db, create=False)
    wanted = review_commands.checked_filter(
        database,
        config,
        speaker=speaker,
        outlet=outlet,
        kind=kind,
        stance=stance,
        status=status,
        include_rejected=include_rejected,
        include_candidates=include_candidates,
    )
    if output is None:
        rows = export_quotes(database, wanted, fmt, sys.stdout, excel_bom=excel)
    else:
        rows = export_to_file(database, wanted, fmt, output, excel_bom=excel)
    say(f"exported {rows} quotes" + (f" to {output}" if output else ""))


@app.command("eval", cls=DeskCommand)
def evaluate(
    corpus: CorpusArgument,
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
    report = run_evaluate(corpus, jobs=jobs, limit=limit, split=split, tagger=tagger_folder(tagger))
    typer.echo(format_report(report))


@app.command(cls=DeskCommand)
def explain(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="An article: .txt, .jsonl, .html, .warc.gz …")
    ],
    tagger: TaggerOption = None,
) -> None:
    """Print each quote of an article with its kind, speaker, words and the rules that found it."""
    import shutil

    from intake.fetch import WebSettings
    from intake.files import InputError
    from intake.sources import read_inputs
    from nlp.explain import explain_extraction
    from nlp.extract import extract as run_extract

    articles = list(read_inputs([file], web=WebSettings(offline=True)))
    bad = next((a for a in articles if isinstance(a, InputError)), None)
    if bad is not None:
        raise StoreError(str(bad))
    if not articles:
        raise StoreError(f"{file}: no article in it")
    width = min(shutil.get_terminal_size().columns, 100)
    for record in run_extract(articles, tagger=tagger_folder(tagger)):
        if record.error:
            raise StoreError(f"{record.article.doc}: {record.error}")
        typer.echo(explain_extraction(record, width))


@app.command(cls=DeskCommand)
def train(
    corpus: Annotated[
        Path | None,
        typer.Argument(metavar="[CORPUS]", help="A folder with text/ and attributions/ (brat)."),
    ] = None,
    from_db: Annotated[
        Path | None,
        typer.Option(
            "--from-db",
            metavar="FILE",
            help="Learn from the analysts' decisions in this database (with CORPUS, from both).",
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Where the trained tagger goes.")
    ] = Path("models/attribution"),
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training articles.")] = 6,
    held_out: Annotated[
        float,
        typer.Option(
            min=0.0, max=0.9, help="Share of the decided articles kept out to score the tagger."
        ),
    ] = 0.2,
) -> None:
    """Train the attribution tagger on a PolNeAR-style corpus and/or the desk's decisions (CPU)."""
    from nlp.training import train as run_train

    if corpus is None and from_db is None:
        raise typer.BadParameter("give a CORPUS, --from-db FILE, or both")
    if corpus is not None:
        _check_corpus(corpus)
    if from_db is not None:
        _train_from_desk(from_db, corpus, output, epochs, held_out)
        return
    tagger = run_train(corpus, output, {"training.max_epochs": epochs})
    say(f"trained tagger in {tagger}; use it with --tagger {tagger} or QUOTEDESK_TAGGER")


def _train_from_desk(
    db_path: Path, corpus: Path | None, output: Path, epochs: int, held_out: float
) -> None:
    from nlp.desk_training import describe_score, score_on_desk, train_from_desk
    from nlp.pipeline import load_nlp
    from store.db import open_db
    from store.desk_examples import desk_articles, record_tagger

    db = open_db(db_path, create=False)  # before the long training, not after
    articles = desk_articles(db)
    db.conn.close()
    kept = sum(len(a.positives) for a in articles)
    thrown = sum(len(a.negatives) for a in articles)
    if not kept:
        raise StoreError(
            f"{db_path}: no decided quotes to learn from (accept, add or fix some first)"
        )
    say(f"learning from {kept} kept and {thrown} thrown-out quotes in {len(articles)} articles")
    settings = {"training.max_epochs": epochs}
    tagger, held = train_from_desk(articles, output, corpus, held_out, settings)
    scored = [a for a in articles if a.doc in held]
    if scored:
        for line in describe_score(score_on_desk(load_nlp(str(tagger)), scored)):
            say(line)
    else:
        say("nothing held out to score on (fewer than 5 decided articles or --held-out 0)")
    trained_on = f"{kept} kept, {thrown} thrown-out quotes" + (f" + {corpus}" if corpus else "")
    db = open_db(db_path, create=False)
    record_tagger(db, tagger, trained_on)
    db.conn.close()
    say(f"trained tagger in {tagger}; the next ingest into {db_path} uses it")


def _check_corpus(corpus: Path) -> None:
    if not (corpus / "text").is_dir() or not (corpus / "attributions").is_dir():
        raise StoreError(f"{corpus}: expected text/ and attributions/ folders (PolNeAR layout)")


@app.command(cls=DeskCommand)
def tui(
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    config: ConfigOption = None,
    sample: Annotated[
        str | None, typer.Option(help="Code this reliability sample, blind (you must be a coder).")
    ] = None,
    adjudicate: Annotated[
        str | None, typer.Option(help="Settle the disagreements of this coding sample.")
    ] = None,
) -> None:
    """Open the review app on a database."""
    from store.db import open_db
    from tui.app import QuoteDeskApp

    open_db(db, create=False).conn.close()  # a missing or foreign file: one line, not the app
    analyst = analyst_name(analyst)
    coding = coding_commands.open_for_app(db, sample, adjudicate, analyst)  # bad names first
    require_terminal("tui")
    QuoteDeskApp(db, analyst, config, **coding).run()


@app.command(cls=DeskCommand)
def demo(
    db: DbOption = DEFAULT_DB,
    analyst: AnalystOption = None,
    create: CreateOption = False,
) -> None:
    """Open the app on the bundled sample articles, ingesting them first if they are not stored."""
    require_terminal("demo")
    # Once the samples are in, there is nothing for the NLP pass to do: skip
    # loading spaCy (seconds) and open the app at once.
    if not samples_stored(db):
        summary = run_ingest([samples_dir()], db, None, 1, create=create)
        say(summary.line())
    say(f"{describe_desk(db)} — opening the app")
    tui(db=db, analyst=analyst, config=None)


def samples_stored(db_path: Path) -> bool:
    """Whether every bundled sample is stored by this version of the NLP pass."""
    from intake.sources import read_inputs
    from nlp import pipeline_version
    from nlp.records import Article
    from store.db import open_db

    if not db_path.is_file():
        return False
    articles = list(read_inputs([str(samples_dir())], None))
    if not all(isinstance(a, Article) for a in articles):
        return False  # the slow path reports the unreadable file
    db = open_db(db_path, create=False)
    try:
        return not split_stored(db, articles, pipeline_version())[0]
    finally:
        db.conn.close()


def describe_desk(db_path: Path) -> str:
    """'data.db: 5 articles, 76 quotes (1 rejected hidden)', as the app counts them."""
    from store.db import open_db
    from store.queries import QuoteFilter, count_articles, count_hidden_rejected, count_quotes

    db = open_db(db_path, create=False)
    try:
        shown = QuoteFilter()
        articles, quotes = count_articles(db), count_quotes(db, shown)
        rejected = count_hidden_rejected(db, shown)
    finally:
        db.conn.close()
    hidden = f" ({rejected} rejected hidden)" if rejected else ""
    return f"{db_path}: {articles} articles, {quotes} quotes{hidden}"


def require_terminal(command: str) -> None:
    """The app reads keys from stdin and draws on stderr (Textual's choice); without a
    terminal there (cron, a pipe, a log file) it spins forever or draws into a file."""
    streams = {"stdin": sys.stdin, "stdout": sys.stdout, "stderr": sys.stderr}
    missing = [name for name, stream in streams.items() if not stream.isatty()]
    if missing:
        names = " and ".join([", ".join(missing[:-1]), missing[-1]] if missing[1:] else missing)
        verb = "are" if missing[1:] else "is"
        fail(
            f"`quotedesk {command}` needs a terminal, and {names} {verb} not one;"
            " scripts can use `quotedesk export`, `quote` and `log`"
        )


review_commands.register(app)
coding_commands.register(app)


def main() -> None:
    """The console script; errors are printed by DeskGroup (tui/cli_format.py)."""
    app()
