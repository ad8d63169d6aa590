"""Fetching URLs with httpx: SSRF-vetted, with time, size and content-type limits.

Every hop is vetted by ``ingest.netguard`` (scheme, host lists, every resolved address) and the
request goes to the vetted address, with the original ``Host`` header and TLS server name, so
DNS cannot change between check and connect. Redirects are followed here, one vetted hop at a
time. A fetch never raises for a bad page: it returns a ``Fetched`` with an error, so the caller
can store the article with status ``fetch_failed`` and the reason instead of losing it.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

import httpx

from graph.settings import Settings
from ingest.netguard import FetchPolicy, Refused

MAX_REDIRECTS = 5


@dataclass
class Fetched:
    url: str
    body: bytes = b""
    content_type: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class FetchClient(httpx.Client):
    """An httpx client that carries the fetch policy of the settings it was made from."""

    policy: FetchPolicy = FetchPolicy()
    deadline_s: float = 30.0


def make_client(settings: Settings) -> httpx.Client:
    # trust_env=False: a proxy from the environment would connect on our behalf to any host.
    client = FetchClient(
        timeout=httpx.Timeout(settings.fetch_timeout_s),
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
        trust_env=False,
    )
    client.policy = FetchPolicy.from_settings(settings)
    client.deadline_s = settings.fetch_timeout_s * 2
    return client


def _pinned(url: httpx.URL, ip: ipaddress.IPv4Address | ipaddress.IPv6Address
            ) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """The request for ``url`` sent to ``ip``: same Host header, same TLS name (SNI and
    certificate check)."""
    host_header = url.netloc.decode("ascii")
    ext = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return url.copy_with(host=str(ip)), {"Host": host_header}, ext


def fetch(client: httpx.Client, url: str, max_bytes: int,
          policy: FetchPolicy | None = None) -> Fetched:
    """GET ``url``, streaming so an oversized body is cut off instead of read whole."""
    policy = policy or getattr(client, "policy", None) or FetchPolicy()
    deadline = time.monotonic() + float(getattr(client, "deadline_s", 30.0))
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                target = httpx.URL(current)
            except (httpx.InvalidURL, TypeError, ValueError) as exc:
                return Fetched(url, error=f"refused: invalid URL: {exc}")
            if target.scheme not in ("http", "https"):
                return Fetched(url, error=f"refused: unsupported URL scheme in {current[:80]!r} "
                                          "(only http and https)")
            try:
                ip = policy.vet_host(target.host, target.port or
                                     (443 if target.scheme == "https" else 80))
            except Refused as exc:
                return Fetched(url, error=f"refused: {exc}")
            pinned, headers, ext = _pinned(target, ip)
            with client.stream("GET", pinned, headers=headers, extensions=ext) as resp:
                if resp.is_redirect:
                    location = resp.headers.get("location", "")
                    current = str(target.join(location))
                    continue
                return _read(resp, str(target), url, max_bytes, policy, deadline)
        return Fetched(url, error=f"more than {MAX_REDIRECTS} redirects from {url}")
    except httpx.HTTPError as exc:
        return Fetched(url, error=f"{type(exc).__name__}: {exc or 'request failed'}")


def _read(resp: httpx.Response, final_url: str, url: str, max_bytes: int,
          policy: FetchPolicy, deadline: float) -> Fetched:
    if resp.status_code >= 400:
        return Fetched(url, error=f"HTTP {resp.status_code} from {final_url}")
    content_type = resp.headers.get("content-type", "").lower()
    if not policy.content_type_ok(content_type):
        return Fetched(url, error=f"refused: content type {content_type!r} is not accepted "
                                  "(KG_FETCH_CONTENT_TYPES)")
    declared = int(resp.headers.get("content-length") or 0)
    if declared > max_bytes:
        return Fetched(url, error=f"response of {declared} bytes exceeds {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return Fetched(url, error=f"response exceeds {max_bytes} bytes")
        if time.monotonic() > deadline:  # a server that drips bytes forever
            return Fetched(url, error="response took longer than the fetch time limit")
        chunks.append(chunk)
    return Fetched(final_url, b"".join(chunks), content_type)


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
