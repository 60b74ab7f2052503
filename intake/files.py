"""Plain-text articles on disk: .txt files, .jsonl files, a folder's metadata.tsv.

Bad input never stops a batch: each problem comes back as an InputError
naming the file (and line) and the reason, and the good articles around it
still flow. intake.sources walks folders and sends each file to its reader.
"""

from __future__ import annotations

import csv
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nlp.records import MAX_ARTICLE_CHARS, Article, article_too_large, encodable

METADATA_FILE = "metadata.tsv"
TEXT_SUFFIXES = (".txt", ".jsonl")
ARTICLE_FIELDS = ("title", "outlet", "url", "published")
NOT_REGULAR = "not a regular file"

# Column names we accept in metadata.tsv, first match wins (PolNeAR's names too).
METADATA_COLUMNS = {
    "filename": ("filename", "file", "doc"),
    "outlet": ("outlet", "publisher"),
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "publication_date", "date"),
}


@dataclass
class InputError:
    path: str  # the file, file:line, or URL
    message: str
    reason: str = "bad input"  # a short category for the summary line: "HTTP error"

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.message}"


def printable(text: str) -> str:
    """Control characters escaped, so a file named with a line break still makes one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def kind_of(path: Path) -> str:
    """'file', 'folder', NOT_REGULAR (a pipe, a device), or why the path cannot be read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else NOT_REGULAR


def files_under(folder: Path, wanted) -> tuple[list[Path], list[InputError]]:
    """The files in a folder tree that `wanted(path)` accepts, and what could not be read.

    A subfolder we may not list, or an entry we may not even look at, is
    reported and skipped; it must not end the walk over everything else.
    """
    files, errors = [], []

    def unreadable(exc: OSError) -> None:
        where = str(exc.filename or folder)
        errors.append(InputError(where, f"cannot read: {exc.strerror}", "unreadable"))

    for root, _, names in os.walk(folder, onerror=unreadable):
        for name in names:
            path = Path(root, name)
            if not wanted(path):
                continue
            kind = kind_of(path)
            if kind == "file":
                files.append(path)
            elif kind != "folder":  # a link to a folder is not walked into
                # Found in a folder, a pipe is no article: reading it would wait forever.
                errors.append(InputError(str(path), kind, "unreadable"))
    return sorted(files), errors


def read_text_file(path: Path, outlet: str | None, meta: dict) -> Iterator[Article | InputError]:
    """A .txt article (first line the title) or every line of a .jsonl file."""
    if path.suffix == ".jsonl":
        yield from _read_jsonl(path, outlet)
        return
    text = _read_text(path)
    if isinstance(text, InputError):
        yield text
        return
    title = meta.get("title") or first_line(text)
    yield Article(
        doc=path.stem,
        text=text,
        title=title,
        outlet=outlet or meta.get("outlet") or None,
        url=meta.get("url") or None,
        published=meta.get("published") or None,
        path=str(path),
    )


def _read_text(path: Path) -> str | InputError:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable")
    if len(raw) > MAX_ARTICLE_CHARS * 4:  # more characters than the limit, whatever they are
        return InputError(str(path), article_too_large(len(raw), "bytes"), "too large")
    if b"\x00" in raw:
        return InputError(str(path), "binary file, not text", "not text")
    try:
        # Decoding the bytes keeps "\r\n" and a BOM as they are, like
        # open(encoding="utf-8", newline=""): offsets index the stored text.
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(str(path), f"not UTF-8 (bad byte at offset {exc.start})", "not text")
    return check_text(str(path), text)


def check_text(where: str, text: str) -> str | InputError:
    if not text.strip():
        return InputError(where, "empty article", "empty")
    if len(text) > MAX_ARTICLE_CHARS:
        return InputError(where, article_too_large(len(text)), "too large")
    return text


def _read_jsonl(path: Path, outlet: str | None) -> Iterator[Article | InputError]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable")
        return
    with handle:
        lineno = 0
        try:
            for lineno, line in enumerate(handle, start=1):  # noqa: B007 - used after loop
                if line.strip():
                    yield _jsonl_article(path, lineno, line, outlet)
        except UnicodeDecodeError as exc:
            yield InputError(
                f"{path}:{lineno + 1}", f"not UTF-8 (bad byte at {exc.start})", "not text"
            )


def _jsonl_article(path: Path, lineno: int, line: str, outlet: str | None) -> Article | InputError:
    where = f"{path}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON ({exc.msg})", "malformed JSON")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputError(
            where, 'each line needs a JSON object with a "text" string', "malformed JSON"
        )
    if bad_field := _lone_surrogate_field(record):
        # JSON may escape half of a UTF-16 pair ("\ud800"); such a string cannot
        # be tokenised, hashed or stored, so the line is refused here.
        why = f'"{bad_field}" holds a lone surrogate (not valid Unicode)'
        return InputError(where, why, "not text")
    text = check_text(where, record["text"])
    if isinstance(text, InputError):
        return text
    return Article(
        doc=str(record.get("id") or f"{path.stem}-{lineno}"),
        text=text,
        title=_str_or_none(record.get("title")) or first_line(text),
        outlet=outlet or _str_or_none(record.get("outlet")),
        url=_str_or_none(record.get("url")),
        published=_str_or_none(record.get("published")),
        path=where,
    )


def _lone_surrogate_field(record: dict) -> str | None:
    """The first field we read whose string cannot be encoded as UTF-8."""
    for name in ("text", "id", *ARTICLE_FIELDS):
        value = record.get(name)
        if isinstance(value, str) and not encodable(value):
            return name
    return None


def read_metadata(path: Path) -> dict[str, dict[str, str]] | InputError:
    """metadata.tsv rows keyed by file name, with our own field names."""
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable")
    except UnicodeDecodeError as exc:
        return InputError(str(path), f"not UTF-8 (bad byte at offset {exc.start})", "not text")
    except csv.Error as exc:
        return InputError(str(path), f"not a readable TSV file ({exc})", "not text")
    table = {}
    for row in rows:
        fields = {ours: _pick(row, theirs) for ours, theirs in METADATA_COLUMNS.items()}
        if fields["filename"]:
            table[fields["filename"]] = fields
    return table


def _pick(row: dict, names: tuple[str, ...]) -> str:
    for name in names:
        value = (row.get(name) or "").strip()
        if value and value.lower() != "none":
            return value
    return ""


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def _str_or_none(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
