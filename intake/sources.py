"""Every input `quotedesk ingest` takes, sent to its reader: text and JSONL
files, HTML files, folders of any of these, URLs, RSS/Atom feeds, WARC files.

Bad input never stops a batch: each problem is one InputError naming the
file or URL, and the articles around it still flow, in input order.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from intake.feeds import read_feed
from intake.fetch import Fetcher, Page, WebSettings
from intake.files import (
    METADATA_FILE,
    NOT_REGULAR,
    TEXT_SUFFIXES,
    InputError,
    files_under,
    kind_of,
    read_metadata,
    read_text_file,
)
from intake.pages import Given, page_article, sniff
from intake.warcs import read_warc
from nlp.records import Article, too_large

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
# Anything bigger on disk is not one page (a WARC file may be any size).
MAX_PAGE_BYTES = 20_000_000


def read_inputs(
    sources: Iterable[str | Path],
    outlet: str | None = None,
    web: WebSettings | None = None,
) -> Iterator[Article | InputError]:
    """Every article in `sources` (paths or URLs); `outlet` overrides any other source."""
    reader = Reader(outlet, web or WebSettings())
    for source in sources:
        yield from reader.source(str(source))


def read_url_list(path: Path) -> list[str] | InputError:
    """A --urls file: one URL a line; blank lines and '#' comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return InputError(str(path), f"cannot read the URL list ({exc})", "unreadable")
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def is_url(source: str) -> bool:
    return "://" in source


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in HTML_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES + TEXT_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


class Reader:
    def __init__(self, outlet: str | None, web: WebSettings) -> None:
        self.outlet = outlet
        self.web = web
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:  # no session for a batch of files
            self._fetcher = Fetcher(self.web)
        return self._fetcher

    def source(self, source: str) -> Iterator[Article | InputError]:
        if is_url(source):
            yield from self.url(source)
            return
        path = Path(source)
        kind = kind_of(path)
        if kind == "folder":
            yield from self.folder(path)
        elif kind in ("file", NOT_REGULAR):  # named, a pipe is meant: ingest <(curl …)
            yield from self.file(path, {})
        elif kind == "no such file or folder":
            yield InputError(source, kind, "no such file")
        else:
            yield InputError(source, kind, "unreadable")

    def folder(self, folder: Path) -> Iterator[Article | InputError]:
        metadata = read_metadata(folder / METADATA_FILE)
        if isinstance(metadata, InputError):
            # The articles are still good; they go in without the file's titles and outlets.
            yield metadata
            metadata = {}
        readable = TEXT_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
        files, unreadable = files_under(folder, lambda p: suffix_of(p) in readable)
        yield from unreadable
        if not files and not unreadable:
            yield InputError(str(folder), "folder holds no articles", "no articles")
        for path in files:
            meta = metadata.get(path.name) or metadata.get(path.stem) or {}
            yield from self.file(path, meta)

    def file(self, path: Path, meta: dict) -> Iterator[Article | InputError]:
        suffix = suffix_of(path)
        if suffix in WARC_SUFFIXES:
            yield from self.warc(path)
            return
        if suffix not in HTML_SUFFIXES + FEED_SUFFIXES:
            yield from read_text_file(path, self.outlet, meta)
            return
        body = _read_page_file(path)
        if isinstance(body, InputError):
            yield body
            return
        kind = sniff(body)
        if kind == "feed" or (kind == "html" and suffix in FEED_SUFFIXES):
            yield from self.feed(body, str(path))
        elif kind == "html":
            yield self.saved_page(body, path, meta)
        else:
            yield InputError(str(path), f"not a web page ({kind})", "not a web page")

    def saved_page(self, body: bytes, path: Path, meta: dict) -> Article | InputError:
        """A page on disk; a folder's metadata.tsv row beats what the page says."""
        given = Given(title=meta.get("title"), published=meta.get("published"), by=METADATA_FILE)
        if self.outlet:
            given.outlet = self.outlet
        elif meta.get("outlet"):
            given.outlet, given.outlet_by = meta["outlet"], METADATA_FILE
        return page_article(
            body, str(path), url=meta.get("url") or None, given=given, path=str(path)
        )

    def url(self, url: str, given: Given | None = None) -> Iterator[Article | InputError]:
        page = self.fetcher.get(url)
        if isinstance(page, InputError):
            yield page
            return
        kind = sniff(page.body, page.content_type)
        if kind == "feed" and given is None:
            yield from self.feed(page.body, url)
        elif kind == "html":
            yield self.page(page, given)
        else:
            what = kind if kind.startswith("not a") else f"{kind}, not a web page"
            yield InputError(url, what, "not a web page")

    def page(self, page: Page, given: Given | None) -> Article | InputError:
        given = given or Given()
        given.outlet = self.outlet
        return page_article(
            page.body,
            page.url,
            url=page.final_url or page.url,
            fetched_at=page.fetched_at,
            given=given,
        )

    def feed(self, body: bytes, where: str) -> Iterator[Article | InputError]:
        items = read_feed(body, where)
        if isinstance(items, InputError):
            yield items
            return
        for item in items:
            given = Given(item.title, item.published, item.author, by=f"feed {where}")
            yield from self.url(item.link, given)

    def warc(self, path: Path) -> Iterator[Article | InputError]:
        for record in read_warc(path):
            if isinstance(record, InputError):
                yield record
                continue
            yield page_article(
                record.body,
                record.where,
                url=record.url,
                fetched_at=record.date,
                given=Given(outlet=self.outlet),
                path=record.where,
            )


def _read_page_file(path: Path) -> bytes | InputError:
    """The page's bytes, gunzipped; never more than MAX_PAGE_BYTES of either in memory,
    so a small .html.gz that inflates to gigabytes stops at the limit."""
    try:
        with path.open("rb") as file:  # read, not stat: a pipe has no size
            raw = file.read(MAX_PAGE_BYTES + 1)
        if len(raw) <= MAX_PAGE_BYTES and raw[:2] == b"\x1f\x8b":  # gzip, whatever the name
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unzipped:
                raw = unzipped.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        if isinstance(exc, gzip.BadGzipFile):
            return InputError(str(path), f"damaged gzip file ({exc})", "unreadable")
        return InputError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable")
    except (EOFError, zlib.error) as exc:
        return InputError(str(path), f"damaged gzip file ({exc})", "unreadable")
    if len(raw) > MAX_PAGE_BYTES:
        return InputError(str(path), too_large("a saved page", None, MAX_PAGE_BYTES), "too large")
    return raw
