"""Article-level reads and writes for ingestion: identity checks, duplicate links, listings.

The batched writer (``graph.writer``) writes the articles themselves; this module holds what the
ingest service needs around it, each a single round trip per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import queries
from graph.driver import Graph
from graph.models import ArticleStatus, Page, StoredArticle
from graph.reads import decode_cursor, encode_cursor

# Statuses worth another try when the same article is submitted again.
_RETRYABLE = {ArticleStatus.FETCH_FAILED.value, ArticleStatus.FAILED.value}


@dataclass
class Lookup:
    epoch: str
    already_stored: set[str]  # same id, same text: nothing to do
    originals: dict[str, str]  # article id -> id of a stored article with the same text


def lookup(graph: Graph, articles: Sequence[StoredArticle]) -> Lookup:
    rows = [{"id": a.id, "hash": a.content_hash} for a in articles]
    if not rows:
        got = graph.read(queries.load("article_lookup"), rows=[{"id": "", "hash": ""}])
        return Lookup(got[0]["epoch"] if got else "none", set(), {})
    got = graph.read(queries.load("article_lookup"), rows=rows)
    hashes = {a.id: a.content_hash for a in articles}
    stored = {
        r["id"] for r in got
        if r["stored_hash"] == hashes[r["id"]] and r["stored_status"] not in _RETRYABLE
        and r["stored_status"] is not None
    }
    originals = {r["id"]: r["original"] for r in got if r["original"]}
    return Lookup(got[0]["epoch"] if got else "none", stored, originals)


def link_duplicates(graph: Graph, articles: Sequence[StoredArticle]) -> int:
    rows = [{"id": a.id, "original": a.duplicate_of, "similarity": a.similarity}
            for a in articles if a.duplicate_of]
    if not rows:
        return 0
    return int(graph.write(queries.load("article_link_duplicates"), rows=rows)[0]["n"])


def list_articles(graph: Graph, *, status: str | None = None, limit: int = 50,
                  cursor: str | None = None) -> Page[dict[str, Any]]:
    (after_id,) = decode_cursor(cursor, 1)
    rows = graph.read(queries.load("article_list"), status=status, after_id=after_id,
                      limit=limit)
    items = [{**r["article"], "duplicate_of": r["duplicate_of"], "similarity": r["similarity"]}
             for r in rows]
    nxt = encode_cursor(items[-1]["id"]) if len(items) == limit else None
    return Page[dict[str, Any]](items=items, next=nxt)


def status_counts(graph: Graph) -> dict[str, int]:
    return {r["status"]: int(r["n"]) for r in graph.read(queries.load("article_status_counts"))}


def wipe_database(graph: Graph) -> None:
    """Delete every node (benchmark profiles only: callers must own the database)."""
    graph.run_auto(queries.load("article_wipe_database"))


def graph_counts(graph: Graph) -> dict[str, int]:
    return graph.read(queries.load("article_graph_counts"))[0]
