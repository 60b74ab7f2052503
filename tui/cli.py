"""The `quotedesk` command line: ingest, extract, export, eval, and the app.

Data goes to stdout and progress and errors to stderr, so `quotedesk export |
head` and `> file.csv` both work. Errors are one line and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer

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

WRITE_BATCH = 64  # articles per write transaction during an ingest
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
    tagger_path = _tagger(tagger)
    workers = connect_cluster(cluster) if cluster else None
    errors: list = []
    good = _report_errors(read_inputs(sources, outlet, web), errors)
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
    report = run_evaluate(corpus, jobs=jobs, limit=limit, split=split, tagger=_tagger(tagger))
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
    for record in run_extract(articles, tagger=_tagger(tagger)):
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


def _tagger(path: Path | None) -> str | None:
    """The trained tagger's folder; the folder `quotedesk train` wrote will do too."""
    if path is None:
        return None
    for candidate in (path, path / "model-last"):
        if (candidate / "config.cfg").exists() and (candidate / "attribution").is_dir():
            return str(candidate)
    raise StoreError(f"{path}: not a trained attribution tagger (make one with quotedesk train)")


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
            reasons = Counter(getattr(e, "reason", "bad record") for e in self.errors)
            why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
            line += f"; {len(self.errors)} skipped ({why}; listed above)"
        return line


def run_ingest(
    paths: list,
    db_path: Path,
    outlet: str | None,
    jobs: int,
    tagger: Path | None = None,
    web=None,
    *,
    create: bool = False,
    cluster: str | None = None,
) -> IngestSummary:
    """Read, extract and store, one transaction per batch, skipping what is stored."""
    from nlp.cluster import ClusterError
    from nlp.shards import shard_files

    tagger_path = _tagger(tagger)  # before the database is touched
    try:
        shards = shard_files(paths)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    workers = connect_cluster(cluster) if cluster and not shards else None
    try:
        db = open_for_writing(db_path, make_folders=create)
        # In WAL mode each batch still commits whole; a power cut may cost the
        # last batches, which the next run redoes, and no fsync per batch.
        db.execute("pragma synchronous = normal")
        try:
            if shards:
                return _load_shards(db, shards, IngestSummary())
            tagger_path = tagger_path or _desk_tagger(db)
            return _ingest_into(db, paths, outlet, jobs, tagger_path, web, workers)
        except ClusterError as exc:
            raise StoreError(f"{exc}; run again to go on from there") from None
        finally:
            db.conn.close()
    finally:
        if workers is not None:
            workers.close()


def _desk_tagger(db) -> str | None:
    """The tagger `train --from-db` made for this desk, when no other is asked for."""
    from store.desk_examples import desk_tagger

    recorded = desk_tagger(db)
    if recorded is None:
        return None
    try:
        path = _tagger(Path(recorded["path"]))
    except StoreError:
        say(f"quotedesk: the desk's tagger {recorded['path']} is gone; ingesting without it")
        return None
    say(f"quotedesk: using the desk's tagger {path} ({recorded['trained_on']})")
    return path


def connect_cluster(address: str):
    """The Dask cluster to run the NLP pass on; a StoreError if none answers."""
    from nlp.cluster import ClusterError, connect

    try:
        return connect(address)
    except ClusterError as exc:
        raise StoreError(str(exc)) from None


def open_for_writing(path: Path, make_folders: bool = False):
    """The database to store into; a new one only in a folder that exists, or when asked."""
    from store.db import open_db

    existed = path.exists()
    if not existed and not path.parent.is_dir() and not make_folders:
        raise StoreError(f"{path}: no folder {path.parent} (check the path; --create makes it)")
    db = open_db(path, make_folders=make_folders)
    if not existed:
        say(f"quotedesk: created a new database {path}")
    return db


def _ingest_into(
    db, paths: list, outlet: str | None, jobs: int, tagger: str | None, web=None, cluster=None
) -> IngestSummary:
    from nlp import pipeline_version
    from nlp.extract import extract as run_extract
    from store.speakers import known_speaker_names

    summary = IngestSummary()
    version = pipeline_version(tagger)
    articles = _read_articles(paths, outlet, web, summary)
    todo, summary.unchanged = split_stored(db, articles, version)
    if not todo:
        return summary
    records = run_extract(
        todo,
        jobs=jobs,
        known_speakers=known_speaker_names(db),
        known_organisations=known_speaker_names(db, "organisation"),
        tagger=tagger,
        cluster=cluster,
    )
    _store(db, records, len(todo), version, summary, "loading model…")
    return summary


def _read_articles(paths: list, outlet: str | None, web, summary: IngestSummary) -> list:
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from intake.sources import read_inputs

    reading = (TextColumn("read {task.completed} articles"), TextColumn("{task.fields[doc]}"))
    with Progress(*reading, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("read", total=None, doc="")
        articles = []
        # Skipped inputs are printed above the live line, not into it.
        above = partial(progress.console.print, markup=False, highlight=False, soft_wrap=True)
        for article in _report_errors(read_inputs(paths, outlet, web), summary.errors, above):
            articles.append(article)
            progress.update(task, advance=1, doc=article.url or article.doc)
    return articles


def _load_shards(db, shards: list[Path], summary: IngestSummary) -> IngestSummary:
    """Store the finds records of `quotedesk extract --out`: no NLP pass, the
    same dedup and the same speaker merging as an ingest of the articles."""
    from nlp.acronyms import OrganisationNames
    from nlp.extract import Names, finish
    from nlp.names import Canonicals
    from nlp.shards import ShardError, read_shard
    from store.speakers import known_speaker_names

    finds, versions = {}, set()
    for item in (line for shard in shards for line in read_shard(shard)):
        if isinstance(item, ShardError):
            say(f"quotedesk: skipped {item}")
            summary.errors.append(item)
            continue
        article, found, version = item
        finds[id(article)] = (article, found)
        versions.add(version)
    say(f"quotedesk: loading {len(finds)} extraction records, no NLP pass")
    if len(versions) > 1:
        raise StoreError(f"the shards come from {len(versions)} pipeline versions; load each alone")
    if not finds:
        return summary
    (version,) = versions
    todo, summary.unchanged = split_stored(db, [a for a, _ in finds.values()], version)
    if not todo:
        return summary
    names = Names(
        Canonicals(known_speaker_names(db)),
        OrganisationNames(known_speaker_names(db, "organisation")),
    )
    records = (finish(article, finds[id(article)][1], names) for article in todo)
    _store(db, records, len(todo), version, summary)
    return summary


def _store(
    db, records: Iterable, total: int, version: str, summary: IngestSummary, waiting: str = ""
) -> None:
    """Write records as they come, with the progress bar; then regroup statements."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from store.errors import BadRecord
    from store.ingest import save_extractions
    from store.statements import regroup

    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[doc]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingest", total=total, doc=waiting)
        days: list[str | None] = []
        # One transaction per batch: an interrupted run keeps every batch
        # before the one it was writing, and the next run skips them.
        for batch in chunks(_ticking(records, progress, task), WRITE_BATCH):
            results = save_extractions(db, [r.record() for r in batch], version)
            for record, result in zip(batch, results, strict=True):
                if isinstance(result, BadRecord):  # the NLP pass tripped on this one
                    say(f"quotedesk: skipped {result}")
                    summary.errors.append(result)
                    continue
                summary.new += result.status == "new"
                summary.updated += result.status == "updated"
                summary.unchanged += result.status == "unchanged"
                summary.quotes += result.quotes
                days.append(record.article.published)
    # Group once per batch, around the new articles' dates (the whole corpus if undated).
    regroup(db, days if all(days) else None)


def _ticking(records: Iterable, progress, task) -> Iterator:
    """The records, moving the progress bar as each one arrives."""
    for record in records:
        progress.update(task, advance=1, doc=record.article.doc)
        yield record


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last one shorter), lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def split_stored(db, articles: list, version: str) -> tuple[list, int]:
    """The articles the NLP pass still has to read, and how many are stored already.

    A page reached twice (a feed item and its URL, a link with ?utm=…) is one
    article; a new text at a stored URL is that article edited, and is read.
    """
    from store.ingest import article_known, content_hash

    todo, urls_seen, stored = [], set(), 0
    for article in articles:
        urls = [u for u in (article.canonical_url, article.url) if u]
        if article_known(db, content_hash(article.text), version) or urls_seen.intersection(urls):
            stored += 1
        else:
            todo.append(article)
        urls_seen.update(urls)
    return todo, stored


def _report_errors(items: Iterable, errors: list, tell: Callable[[str], None] = say) -> Iterator:
    """Pass articles through; print each input error as one line and keep it."""
    from intake.files import InputError

    for item in items:
        if isinstance(item, InputError):
            tell(f"quotedesk: skipped {item}")
            errors.append(item)
        else:
            yield item


review_commands.register(app)
coding_commands.register(app)


def main() -> None:
    """The console script; errors are printed by DeskGroup (tui/cli_format.py)."""
    app()
