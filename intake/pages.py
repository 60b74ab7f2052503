"""A web page becomes an Article: trafilatura finds the main text, title, date,
author and site name, and leaves navigation, captions, share bars, related
links and comments behind (so their quotes never reach the NLP pass).
"""

from __future__ import annotations

import re
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


def page_article(
    body: bytes | str,
    where: str,
    url: str | None = None,
    fetched_at: str | None = None,
    given: dict[str, str | None] | None = None,
    outlet: str | None = None,
    path: str | None = None,
    outlet_by: str = "given with --outlet",
) -> Article | InputError:
    """The article in one HTML page.

    `where` names the input in messages; `given` holds metadata that beats the
    page's own (a feed item's title, date and author), with `given_by` saying
    where it came from; `outlet` (the --outlet option, or a metadata.tsv row
    as `outlet_by` says) beats everything.
    `path` is where the page was read from (a file, a WARC record), if not the web.
    """
    given = dict(given or {})
    given_by = given.pop("given_by", None) or "given"
    tree = trafilatura.load_html(body)
    if tree is None:
        return InputError(where, "not an HTML page", "not a web page")
    # Read before the extraction, which prunes the tree it is given.
    declared = declared_outlet(tree)
    found = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
    )
    body_text = (found.text or "").strip() if found else ""
    if len(body_text.split()) < MIN_ARTICLE_WORDS:
        return InputError(where, "no article text on the page (an index page?)", "no article text")
    page_named, page_evidence = declared or fallback_outlet(found.sitename, url)
    evidence: dict[str, str] = {}
    title = _pick(evidence, "title", given.get("title"), given_by, found.title, "page")
    published = _pick(evidence, "published", given.get("published"), given_by, found.date, "page")
    author = _pick(evidence, "author", given.get("author"), given_by, found.author, "page")
    # The text is the page's own: its headline (once) over the main text,
    # whatever title a feed or metadata.tsv gives the article.
    headline = (found.title or "").strip()
    text = (
        f"{headline}\n{body_text}" if headline and not body_text.startswith(headline) else body_text
    )
    checked = check_text(where, text)
    if isinstance(checked, InputError):
        return checked
    canonical = found.url if found.url and found.url != url else None
    if url:
        evidence["url"] = f"fetched {fetched_at}" if fetched_at else "given"
    if canonical:
        evidence["canonical_url"] = "declared by the page"
    if outlet:
        page_named, page_evidence = outlet, outlet_by
    if page_evidence:
        evidence["outlet"] = page_evidence
    wire, wire_evidence = credited_wire(text, page_named)
    if wire_evidence:
        evidence["wire"] = wire_evidence
    return Article(
        doc=doc_name(url, where),
        text=text,
        title=title,
        outlet=page_named,
        url=url,
        published=published,
        path=path,
        canonical_url=canonical,
        fetched_at=fetched_at,
        author=author,
        outlet_evidence=page_evidence,
        wire=wire,
        evidence=evidence,
    )


def _pick(evidence: dict, name: str, first, first_by: str, second, second_by: str):
    """The first value present; its source goes into `evidence`."""
    for value, source in ((first, first_by), (second, second_by)):
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
