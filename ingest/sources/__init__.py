"""Readers: turn CLI targets (files, directories, URLs, feeds) into ``Submission``s.

Files are read here; URLs given on the command line are fetched here (a URL may turn out to be a
feed, which expands into entries); feed entries' links are fetched later by the workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from graph.models import ArticleStatus, stable_id
from ingest.articles import Submission, decode_bytes
from ingest.fetch import fetch, is_feed, is_html
from ingest.sources.feeds import from_feed
from ingest.sources.html import from_html
from ingest.sources.records import from_json, from_jsonl

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FEED_SUFFIXES = {".xml", ".rss", ".atom"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def from_text_file(path: Path, source: str | None = None) -> Submission:
    text, status, error = decode_bytes(path.read_bytes())
    if status is not None or not text.strip():
        # Unusable inputs get an id from their path, so two bad files stay two articles.
        return Submission(id=stable_id(str(path.resolve()), prefix="file-"), text=text,
                          source=source, status=status, error=error and f"{path}: {error}")
    return Submission(text=text, source=source)


def read_file(path: Path, source: str | None = None) -> Iterator[Submission]:
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        yield from from_jsonl(path)
    elif suffix == ".json":
        yield from from_json(path)
    elif suffix in _HTML_SUFFIXES:
        yield from_html(path.read_bytes(), id=stable_id(str(path.resolve()), prefix="file-"),
                        source=source)
    elif suffix in _FEED_SUFFIXES:
        body = path.read_bytes()
        if is_feed("", body):
            yield from from_feed(body, feed_url=str(path.resolve()))
        else:
            yield from_html(body, id=stable_id(str(path.resolve()), prefix="file-"),
                            source=source)
    else:
        yield from_text_file(path, source)


def read_url(client: httpx.Client, url: str, max_bytes: int,
             source: str | None = None) -> Iterator[Submission]:
    got = fetch(client, url, max_bytes)
    if not got.ok:
        yield Submission(id=stable_id(url, prefix="url-"), url=url, source=source,
                         status=ArticleStatus.FETCH_FAILED, error=got.error)
    elif is_feed(got.content_type, got.body):
        yield from from_feed(got.body, feed_url=url)
    elif is_html(got.content_type, got.body):
        yield from_html(got.body, url=url, source=source)
    else:
        text, status, error = decode_bytes(got.body)
        yield Submission(id=stable_id(url, prefix="url-"), url=url, text=text, source=source,
                         status=status, error=error)


def read_dir(root: Path, source: str | None = None) -> Iterator[Submission]:
    """Every file under ``root``. A symlink is followed only when its target stays inside
    ``root``: a link to /etc/passwd dropped into an inbox must not become an article. A link
    that leads out is reported as a failed input (nothing silently skipped)."""
    base = root.resolve()
    for child in sorted(root.rglob("*")):
        if child.name.startswith(".") or not (child.is_file() or child.is_symlink()):
            continue
        real = child.resolve()
        if not real.is_relative_to(base):
            yield Submission(id=stable_id(str(child.absolute()), prefix="file-"), source=source,
                             status=ArticleStatus.FAILED,
                             error=f"{child}: a link that leads out of {root} is not followed")
        elif real.is_file():
            yield from read_file(child, source)


def read_targets(targets: Iterable[str], client: httpx.Client, max_bytes: int,
                 source: str | None = None) -> Iterator[Submission]:
    """Every target, in order; a missing path is reported as a failed input, not skipped."""
    for target in targets:
        if is_url(target):
            yield from read_url(client, target, max_bytes, source)
            continue
        path = Path(target)
        if path.is_dir():
            yield from read_dir(path, source)
        elif path.is_file():
            yield from read_file(path, source)
        else:
            yield Submission(id=stable_id(str(path.resolve()), prefix="file-"), source=source,
                             status=ArticleStatus.FAILED, error=f"no such file: {target}")
