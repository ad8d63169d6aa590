"""RSS and Atom feeds with feedparser: one submission per entry.

Each entry's link is fetched by the worker; its content (or summary) travels along as the
fallback text, used when the link cannot be fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from graph.models import stable_id
from ingest.articles import Submission

_TAGS = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    import html as htmllib

    return htmllib.unescape(_TAGS.sub(" ", html)).strip()


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return entry.get("published") or entry.get("updated")


def from_feed(body: bytes | str, *, feed_url: str | None = None) -> Iterator[Submission]:
    import feedparser

    parsed = feedparser.parse(body)
    outlet = parsed.feed.get("title") or None
    for entry in parsed.entries:
        link = entry.get("link")
        content = entry.get("content") or []
        fallback = _plain(content[0].get("value", "")) if content else ""
        fallback = fallback or _plain(entry.get("summary", ""))
        ident = entry.get("id") or link or entry.get("title") or fallback[:200]
        yield Submission(
            id=stable_id(feed_url, ident, prefix="feed-") if not link else
            stable_id(link, prefix="url-"),
            url=link, title=entry.get("title"), author=entry.get("author"),
            published=_published(entry), source=outlet,
            text="" if link else fallback, fallback_text=fallback or None,
            needs_fetch=bool(link),
        )
