"""Fetching pages and feeds politely, once: retries, time-outs, a size limit,
a per-host delay, and a local cache so that a re-run reads from disk.

The cache is a folder of two files per URL (the body and a small JSON record
of where it ended up and when it was fetched); delete it to fetch again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from intake.files import InputError
from nlp.records import too_large

USER_AGENT = "quotedesk/0.1 (news quote research; +https://pypi.org/project/quotedesk/)"
RETRY_STATUSES = (429, 500, 502, 503, 504)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "quotedesk" / "web"


@dataclass
class WebSettings:
    """How intake behaves on the web; the CLI's ingest options set these."""

    cache_dir: Path = field(default_factory=default_cache_dir)
    offline: bool = False  # only the cache; a URL not in it is skipped
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds to connect, and again between bytes read
    retries: int = 3  # for connection errors, time-outs and 429/5xx answers
    backoff: float = 0.5  # urllib3 waits 0, then backoff * 2 ** (n - 1) s before retry n
    max_bytes: int = 5_000_000  # a news page is well under this
    max_redirects: int = 10
    user_agent: str = USER_AGENT


@dataclass
class Page:
    """One fetched (or cached) response body."""

    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str
    fetched_at: str
    body: bytes


class Fetcher:
    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self.session.max_redirects = settings.max_redirects
        retry = Retry(
            total=settings.retries,
            status_forcelist=RETRY_STATUSES,
            backoff_factor=settings.backoff,
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer comes back and is reported as it is
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.last_request: dict[str, float] = {}  # host -> time.monotonic()

    def get(self, url: str) -> Page | InputError:
        """The page at `url`, from the cache when it is there."""
        problem = check_url(url)
        if problem:
            return problem
        cached = self._cached(url)
        if cached:
            return cached
        if self.settings.offline:
            return InputError(url, "not in the cache (--offline)", "not cached")
        page = self._fetch(url)
        if isinstance(page, Page):
            self._store(page)
        return page

    def _fetch(self, url: str) -> Page | InputError:
        self._wait_for_host(url)
        timeout = self.settings.timeout
        try:
            with self.session.get(url, timeout=timeout, stream=True) as response:
                if response.status_code >= 400:
                    reason = response.reason or ""
                    return InputError(
                        url, f"HTTP {response.status_code} {reason}".strip(), "HTTP error"
                    )
                body = self._read_limited(url, response)
                if isinstance(body, InputError):
                    return body
                return Page(
                    url=url,
                    final_url=response.url,
                    content_type=response.headers.get("Content-Type", ""),
                    fetched_at=now(),
                    body=body,
                )
        except requests.TooManyRedirects:
            return InputError(url, "too many redirects (a redirect loop?)", "redirect loop")
        except requests.exceptions.RetryError:
            return InputError(url, f"gave up after {self.settings.retries} retries", "HTTP error")
        except (requests.Timeout, requests.ConnectionError) as exc:
            if _timed_out(exc):
                return InputError(url, f"timed out (after {timeout:g} s)", "time-out")
            return InputError(url, f"cannot connect ({_short(exc)})", "connection failed")
        except requests.RequestException as exc:
            return InputError(url, f"request failed ({_short(exc)})", "connection failed")

    def _read_limited(self, url: str, response: requests.Response) -> bytes | InputError:
        """The body, or an error once it passes max_bytes (decoded, so a gzip bomb stops too)."""
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            return InputError(
                url, too_large("a downloaded page", int(declared), limit), "too large"
            )
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > limit:
                return InputError(url, too_large("a downloaded page", None, limit), "too large")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self.last_request.get(host)
        if last is not None:
            pause = self.settings.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self.last_request[host] = time.monotonic()

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.settings.cache_dir / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _cached(self, url: str) -> Page | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return Page(**meta, body=body_path.read_bytes())
        except (OSError, ValueError, TypeError):
            return None  # not cached, or a half-written entry: fetch again

    def _store(self, page: Page) -> None:
        meta_path, body_path = self._paths(page.url)
        meta = {k: v for k, v in asdict(page).items() if k != "body"}
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            body_path.write_bytes(page.body)
            # The record last: an entry without it is not an entry.
            meta_path.write_text(json.dumps(meta), encoding="utf-8")
        except OSError:
            pass  # a cache we cannot write only costs a fetch next time


def check_url(url: str) -> InputError | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return InputError(
            url, "invalid URL (expected http:// or https:// and a host)", "invalid URL"
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return InputError(url, "invalid URL (bad port)", "invalid URL")
    return None


def _timed_out(exc: Exception) -> bool:
    """A time-out, also when urllib3's retries ran out on one (a ConnectionError then)."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.Timeout) or isinstance(reason, ReadTimeoutError)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 120 else text[:117] + "…"
