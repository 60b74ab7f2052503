"""RSS and Atom feeds (feedparser): each item's link, with its title, date and author."""

from __future__ import annotations

import time
from dataclasses import dataclass

import feedparser

from intake.files import InputError


@dataclass
class FeedItem:
    link: str
    title: str | None
    published: str | None  # YYYY-MM-DD (UTC), as trafilatura gives a page's date
    author: str | None


def read_feed(body: bytes, where: str) -> list[FeedItem] | InputError:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None) or "not RSS or Atom"
        return InputError(where, f"malformed feed ({_first_line(problem)})", "malformed feed")
    items = [_item(entry) for entry in parsed.entries]
    items = [item for item in items if item.link]
    if not items:
        return InputError(where, "the feed has no items with links", "malformed feed")
    return items


def _item(entry) -> FeedItem:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return FeedItem(
        link=(entry.get("link") or "").strip(),
        title=(entry.get("title") or "").strip() or None,
        published=time.strftime("%Y-%m-%d", when) if when else None,
        author=(entry.get("author") or "").strip() or None,
    )


def _first_line(problem: object) -> str:
    text = str(problem).strip().splitlines()
    return text[0][:120] if text else "unreadable"
