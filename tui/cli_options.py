"""The options and arguments several commands take, declared once.

`--db`, `--analyst`, `--config`, a quote id, a stance target and the quote
filters mean the same in `quotedesk export`, `quote ...`, `sample ...`, `tui`
and the rest, so they are declared here and read the same in every --help.
Options of one module's commands only (ingest's --jobs, --expect) stay there.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import sqlite_utils

DEFAULT_DB = Path("data.db")

DbOption = Annotated[
    Path, typer.Option("--db", metavar="FILE", help="The quotedesk database file.")
]
AnalystOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="Your name in the decision log (default: login name)."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        help="Your config (TOML), as the app reads it: keys, stance labels, codebook.",
    ),
]
QuoteIdArgument = Annotated[int, typer.Argument(help="The quote id (the `id` column of exports).")]
StanceTargetOption = Annotated[str | None, typer.Option(help="What the stance is about.")]

# Which quotes a command takes (export, sample create): store.queries.QuoteFilter.
SpeakerFilter = Annotated[
    str | None, typer.Option(metavar="NAME", help="Only this speaker's quotes.")
]
OutletFilter = Annotated[str | None, typer.Option(metavar="NAME", help="Only this outlet.")]
KindFilter = Annotated[str | None, typer.Option(help="direct, mixed, indirect or belief.")]
StanceFilter = Annotated[str | None, typer.Option(help="Only quotes with this stance.")]
StatusFilter = Annotated[
    str | None, typer.Option(help="unreviewed, accepted, rejected, candidate or dismissed.")
]
IncludeRejectedOption = Annotated[
    bool, typer.Option("--include-rejected", help="Quotes an analyst rejected too.")
]


def analyst_name(given: str | None) -> str:
    """--analyst, or the login name when it is left out."""
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "analyst"


def existing_db(path: Path) -> sqlite_utils.Database:
    """The database --db names. Review commands never create one: a mistyped path
    is an error, not a new empty desk."""
    from store.db import open_db

    return open_db(path, create=False)
