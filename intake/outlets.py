"""Which outlet published a web page, and which wire its text credits.

The page itself speaks first (the publisher in its JSON-LD, og:site_name, the
site name trafilatura finds); otherwise its domain, looked up in
data/outlet_domains.tsv and the user's own ~/.config/quotedesk/outlet_domains.tsv.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from nlp.outlets import find_outlet

DOMAINS_FILE = Path(__file__).parent / "data" / "outlet_domains.tsv"


def user_domains_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "quotedesk" / "outlet_domains.tsv"


def declared_outlet(tree) -> tuple[str, str] | None:
    """(outlet, evidence) as the page declares it: JSON-LD publisher, og:site_name."""
    if tree is None:
        return None
    return _jsonld_publisher(tree) or _og_site_name(tree)


def fallback_outlet(sitename: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The site name trafilatura found, else the domain's outlet; Nones if neither."""
    # trafilatura falls back on the host name itself; that is no outlet name.
    if sitename and "." not in sitename:
        return sitename, f"site name '{sitename}' (trafilatura)"
    return domain_outlet(url)


def domain_outlet(url: str | None) -> tuple[str | None, str | None]:
    host = (urlsplit(url).hostname or "") if url else ""
    table = domain_table()
    labels = host.lower().removeprefix("www.").split(".")
    for start in range(len(labels) - 1):
        domain = ".".join(labels[start:])
        if domain in table:
            return table[domain], f"domain {domain} (outlet_domains.tsv)"
    return None, None


# "BERGHAVEN (Meridian Wire) - ...": a dateline credits its agency, known or not.
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+\(([A-Z][\w&.' -]{1,40})\)\s*[—–-]", re.MULTILINE)


def credited_wire(text: str, outlet: str | None) -> tuple[str | None, str | None]:
    """The agency the text credits ("SEOUL (Yonhap) --", "— Reuters"), if not the outlet."""
    wire, evidence = find_outlet(text)
    if not wire or "(weak)" in (evidence or ""):
        match = DATELINE.search(text[:3000])
        wire, evidence = (
            (match.group(1), f"dateline credit '{match.group(0)}'") if match else (None, None)
        )
    if not wire or wire == outlet:
        return None, None
    return wire, evidence


@cache
def domain_table() -> dict[str, str]:
    table = _read_domains(DOMAINS_FILE)
    table.update(_read_domains(user_domains_file()))
    return table


def _read_domains(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    table = {}
    for line in lines:
        domain, _, outlet = line.partition("\t")
        if domain.strip() and outlet.strip() and not line.startswith("#"):
            table[domain.strip().lower().removeprefix("www.")] = outlet.strip()
    return table


def parse_tree(page: str):
    try:
        return lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _jsonld_publisher(tree) -> tuple[str, str] | None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in _jsonld_items(data):
            publisher = item.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and name.strip():
                return name.strip(), f"JSON-LD publisher '{name.strip()}'"
    return None


def _jsonld_items(data) -> list[dict]:
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        if isinstance(item, dict):
            found.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                found.extend(g for g in graph if isinstance(g, dict))
    return found


def _og_site_name(tree) -> tuple[str, str] | None:
    for value in tree.xpath('//meta[@property="og:site_name"]/@content'):
        if value.strip():
            return value.strip(), f"og:site_name '{value.strip()}'"
    return None
