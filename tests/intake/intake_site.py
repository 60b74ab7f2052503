"""A small news site on 127.0.0.1 for intake's tests: the fixture pages, a
feed, redirects, errors and slow answers. It also answers as an HTTP proxy
(absolute URLs in the request line, and CONNECT tunnels served with a
certificate made for example.test), so a test can fetch http://example.test/
and https://example.test/ through it, and nothing ever leaves the machine.
"""

from __future__ import annotations

import gzip
import json
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from intake import outlets
from intake.fetch import WebSettings

PAGES = Path(__file__).parent / "fixtures" / "pages"
MANIFEST = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
SLOW_SECONDS = 3.0


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def truth(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")


INDEX_PAGE = b"""<!DOCTYPE html><html><head><title>World news | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><main><h1>World</h1><ul>
<li><a href="/story/port-lease">Minister defends port lease</a></li>
<li><a href="/story/river-flood">Flood defences hold</a></li>
<li><a href="/story/chip-plant">Chipmaker picks Eastport</a></li></ul></main>
<footer>&copy; The Harbour Times</footer></body></html>"""


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>Feed title: {MANIFEST[name]['title']}</title>"
        f"<link>{base}/story/{name}</link>"
        f"<pubDate>Mon, 0{n + 1} Jan 2024 10:00:00 GMT</pubDate>"
        f"<author>desk@example.test (Feed Author {n})</author></item>"
        for n, name in enumerate(("port-lease", "river-flood"))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Test news</title><link>{base}/</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()


def atom(base: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom news</title><id>{base}/atom</id><updated>2024-02-01T00:00:00Z</updated>"
        f'<entry><title>Atom: museum</title><link href="{base}/story/museum-theft"/>'
        f"<id>{base}/story/museum-theft</id><updated>2024-02-01T08:30:00Z</updated>"
        "<author><name>Atom Writer</name></author></entry></feed>"
    ).encode()


@dataclass
class Site:
    base: str
    hits: list = field(default_factory=list)  # (host, path, user agent, monotonic time)
    routes: dict = field(default_factory=dict)  # what the server answers; a test may edit a page

    def url(self, path: str) -> str:
        return self.base + path

    def hits_of(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit[1] == path)


def routes(base: str, state: dict) -> dict:
    """path -> (status, headers, body); a callable body is called first."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    table = {f"/story/{name}": (200, html, page(name)) for name in MANIFEST}
    table.update(
        {
            # http://example.test/story, through the proxy
            "/story": (200, html, page("rail-strike")),
            "/redirect": (301, {"Location": "/story/museum-theft"}, b""),
            "/to-huge": (302, {"Location": "/huge"}, b""),
            "/loop/a": (302, {"Location": "/loop/b"}, b""),
            "/loop/b": (302, {"Location": "/loop/a"}, b""),
            "/missing": (404, html, b"<html><body>Not found</body></html>"),
            "/broken": (500, html, b"<html><body>Server error</body></html>"),
            "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\n"),
            "/story/photo": (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff\xe0" + b"0" * 64),
            "/index": (200, html, INDEX_PAGE),
            "/huge": (200, html, b"<html><body>" + b"<p>word </p>" * 60_000 + b"</body></html>"),
            "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, rss(base)),
            "/atom.xml": (200, {"Content-Type": "application/atom+xml"}, atom(base)),
            "/bad-feed.xml": (
                200,
                {"Content-Type": "application/rss+xml"},
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken &',
            ),
            "/gzip-story": (
                200,
                {**html, "Content-Encoding": "gzip"},
                gzip.compress(page("school-meals")),
            ),
        }
    )
    return table


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        parts = urlsplit(self.path)
        host = parts.netloc or self.headers.get("Host", "")
        path = parts.path
        server = self.server
        server.site.hits.append((host, path, self.headers.get("User-Agent"), time.monotonic()))
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path == "/flaky":
            server.state["flaky"] = server.state.get("flaky", 0) + 1
            if server.state["flaky"] == 1:
                return self.answer(503, {"Retry-After": "0"}, b"busy")
            path = "/story/heat-record"
        if path == "/huge-stream":
            return self.stream_forever()
        status, headers, body = server.routes.get(path, (404, {}, b"not found"))
        self.answer(status, headers, body)

    def do_CONNECT(self) -> None:  # noqa: N802 - the http.server name
        """An https:// URL through the proxy: TLS with our own certificate, then
        the same site inside the tunnel."""
        self.send_response(200, "Connection established")
        self.end_headers()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*self.server.tls)
        with context.wrap_socket(self.connection, server_side=True) as tunnel:
            Handler(tunnel, self.client_address, self.server)
        self.close_connection = True

    def answer(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream_forever(self) -> None:
        """A page with no Content-Length that never ends (up to 50 MB)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(800):
                self.wfile.write(b"<p>" + b"x" * 65_536 + b"</p>")
        except OSError:
            pass  # the client hung up, as it should


@pytest.fixture(scope="session")
def tls(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for example.test: (certificate, key)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=example.test",
            "-addext",
            "subjectAltName=DNS:example.test",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def site(tls):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.tls = tls
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.site = Site(base)
    server.state = {}
    server.routes = server.site.routes = routes(base, server.state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()


@pytest.fixture
def web(tmp_path) -> WebSettings:
    """Quick settings for tests: a private cache, short waits."""
    return WebSettings(
        cache_dir=tmp_path / "cache", delay=0.0, timeout=0.5, retries=2, backoff=0.01
    )


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    """No user's outlet_domains.tsv leaks into a test; no proxy unless a test sets one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in (
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    outlets.domain_table.cache_clear()
    yield
    outlets.domain_table.cache_clear()
