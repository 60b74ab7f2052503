"""WARC and WARC.gz files (warcio): every HTML response record is a page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from intake.files import InputError


@dataclass
class Record:
    url: str
    date: str | None  # WARC-Date: when the crawler fetched it
    content_type: str
    body: bytes
    where: str  # "crawl.warc.gz: record 3"


def read_warc(path: Path) -> Iterator[Record | InputError]:
    """The HTML responses in order; a damaged file ends with one error naming the record."""
    number = 1  # the record being read, so an error names the one that broke
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                found = _response(record, f"{path}: record {number}")
                if found:
                    yield found
                number += 1
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable")
    except (ArchiveLoadFailed, EOFError, ValueError) as exc:
        message = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else "truncated"
        yield InputError(
            f"{path}: record {number}", f"truncated or damaged WARC ({message})", "bad WARC"
        )


def _response(record, where: str) -> Record | None:
    if record.rec_type != "response" or not record.http_headers:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    status = record.http_headers.get_statuscode() or ""
    if "html" not in content_type.lower() or not status.startswith("2"):
        return None
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # the file ends inside this record: what was read is a part page
        raise EOFError(f"the file ends {missing:,} bytes short of the record's end")
    return Record(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        date=record.rec_headers.get_header("WARC-Date"),
        content_type=content_type,
        body=body,
        where=f"{where} ({record.rec_headers.get_header('WARC-Target-URI')})",
    )
