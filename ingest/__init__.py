"""One use case: articles in, quotes stored.

intake reads the sources, nlp finds the quotes (in this process, in --jobs
worker processes or on a Dask cluster), store writes them, one transaction
per batch, with one progress bar. The command line and the demo call it;
it knows nothing of either.
"""

from __future__ import annotations

import sys


def tell(message: str) -> None:
    """A line for the person running the ingest, on stderr: stdout carries data."""
    print(message, file=sys.stderr, flush=True)
