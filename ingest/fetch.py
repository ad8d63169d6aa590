"""Fetching URLs with httpx: timeouts, a size cap and our user agent (all from settings).

A fetch never raises for a bad page: it returns a ``Fetched`` with an error, so the caller can
store the article with status ``fetch_failed`` and the URL instead of losing it.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from graph.settings import Settings


@dataclass
class Fetched:
    url: str
    body: bytes = b""
    content_type: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout_s),
        headers={"User-Agent": settings.user_agent},
        follow_redirects=True,
        max_redirects=5,
    )


def fetch(client: httpx.Client, url: str, max_bytes: int) -> Fetched:
    """GET ``url``, streaming so an oversized body is cut off instead of read whole."""
    if not url.lower().startswith(("http://", "https://")):
        return Fetched(url, error=f"unsupported URL scheme: {url[:80]}")
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                return Fetched(url, error=f"HTTP {resp.status_code} from {url}")
            declared = int(resp.headers.get("content-length") or 0)
            if declared > max_bytes:
                return Fetched(url, error=f"response of {declared} bytes exceeds {max_bytes}")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return Fetched(url, error=f"response exceeds {max_bytes} bytes")
                chunks.append(chunk)
            return Fetched(str(resp.url), b"".join(chunks),
                           resp.headers.get("content-type", "").lower())
    except httpx.HTTPError as exc:
        return Fetched(url, error=f"{type(exc).__name__}: {exc or 'request failed'}")


def is_html(content_type: str, body: bytes) -> bool:
    if "html" in content_type:
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def is_feed(content_type: str, body: bytes) -> bool:
    if any(t in content_type for t in ("rss", "atom")):
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
