"""A web page becomes an Article: trafilatura finds the main text, title, date,
author and site name, and leaves navigation, captions, share bars, related
links and comments behind (so their quotes never reach the NLP pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import trafilatura

from intake.files import InputError, check_text
from intake.outlets import credited_wire, declared_outlet, fallback_outlet
from nlp.records import Article

# Below this a page's text is a teaser or a list of headlines, not an article.
MIN_ARTICLE_WORDS = 40

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"RIFF": "a media file",
}


def sniff(body: bytes, content_type: str = "") -> str:
    """'html', 'feed', or what the body is instead ("a PDF"), from its bytes and type."""
    kind = content_type.split(";")[0].strip().lower()
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for signature, name in BINARY_SIGNATURES.items():
        if head.startswith(signature.lower()):
            return name
    if any(marker in head for marker in FEED_MARKERS) and b"<html" not in head:
        return "feed"
    if kind.startswith(("image/", "audio/", "video/")) or kind in ("application/pdf",):
        return f"not a web page ({kind})"
    if kind and "html" not in kind and "xml" not in kind and not kind.startswith("text/"):
        return f"not a web page ({kind})"
    return "html"


@dataclass
class Given:
    """What the caller knows about a page, which beats what the page says."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    by: str = "given"  # where those came from: "feed https://…/rss", "metadata.tsv"
    outlet: str | None = None
    outlet_by: str = "given with --outlet"


def page_article(
    body: bytes | str,
    where: str,
    url: str | None = None,
    fetched_at: str | None = None,
    given: Given | None = None,
    path: str | None = None,
) -> Article | InputError:
    """The article in one HTML page.

    `where` names the input in messages; `path` is where the page was read
    from (a file, a WARC record) when it was not fetched.
    """
    given = given or Given()
    tree = trafilatura.load_html(body)
    if tree is None:
        return InputError(where, "not an HTML page", "not a web page")
    # Read before the extraction, which prunes the tree it is given.
    declared = declared_outlet(tree)
    found = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    text = _text(found)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return InputError(where, "no article text on the page (an index page?)", "no article text")
    text = check_text(where, text)  # too large
    if isinstance(text, InputError):
        return text
    evidence: dict[str, str] = {}
    outlet, outlet_evidence = (
        (given.outlet, given.outlet_by)
        if given.outlet
        else declared or fallback_outlet(found.sitename, url)
    )
    canonical = found.url if found.url and found.url != url else None
    for name, value in (
        ("url", url and (f"fetched {fetched_at}" if fetched_at else "given")),
        ("canonical_url", canonical and "declared by the page"),
        ("outlet", outlet_evidence),
    ):
        if value:
            evidence[name] = value
    wire, wire_evidence = credited_wire(text, outlet)
    if wire_evidence:
        evidence["wire"] = wire_evidence
    return Article(
        doc=doc_name(url, where),
        text=text,
        title=_pick(evidence, "title", given.title, given.by, found.title),
        outlet=outlet,
        url=url,
        published=_pick(evidence, "published", given.published, given.by, found.date),
        path=path,
        canonical_url=canonical,
        fetched_at=fetched_at,
        author=_pick(evidence, "author", given.author, given.by, found.author),
        outlet_evidence=outlet_evidence,
        wire=wire,
        evidence=evidence,
    )


def _text(found) -> str:
    """The page's headline (once) over its main text, one paragraph a line,
    whatever title a feed or metadata.tsv gives the article."""
    body = (found.text or "").strip() if found else ""
    headline = (found.title or "").strip() if found else ""
    return f"{headline}\n{body}" if body and headline and not body.startswith(headline) else body


def _pick(evidence: dict, name: str, given, given_by: str, page_value) -> str | None:
    """The given value, else the page's; where it came from goes into `evidence`."""
    for value, source in ((given, given_by), (page_value, "page")):
        if isinstance(value, str) and value.strip():
            evidence[name] = source
            return value.strip()
    return None


def doc_name(url: str | None, where: str) -> str:
    """A short name for messages and the Article screen: the URL's last path segment."""
    if not url:
        name = PurePosixPath(where.replace("\\", "/")).name
        return re.sub(r"(\.html?|\.gz)+$", "", name, flags=re.IGNORECASE) or where
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1]) if segments else ""
    return last or parts.hostname or url
