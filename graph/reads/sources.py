"""Outlet and article reads: sources, their articles and claims, duplicates, stored articles."""

from __future__ import annotations

from typing import Any

import queries
from graph.driver import Graph
from graph.errors import NotFound
from graph.models import (
    ArticleBrief,
    ArticleOut,
    DuplicateLink,
    Page,
    SourceOut,
    SourceProfile,
)
from graph.reads import claims_by_ids, decode_cursor, encode_cursor


def list_sources(graph: Graph, *, limit: int = 50, cursor: str | None = None) -> Page[SourceOut]:
    after_name, after_id = decode_cursor(cursor, 2)
    rows = graph.read(queries.load("sources_list"), after_name=after_name, after_id=after_id,
                      limit=limit + 1)
    items = [SourceOut(**r) for r in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    return Page[SourceOut](
        items=items, next=encode_cursor(last["name"] or "", last["id"]) if last else None
    )


def _brief(row: dict[str, Any], claims: int = 0) -> ArticleBrief:
    return ArticleBrief(**{k: v for k, v in row.items() if v is not None}, claims=claims)


def duplicates(graph: Graph, *, source_id: str | None = None, article_id: str | None = None,
               limit: int = 50) -> list[DuplicateLink]:
    rows = graph.read(queries.load("duplicates"), source_id=source_id, article_id=article_id,
                      limit=limit)
    return [DuplicateLink(article=_brief(r["article"]), duplicate_of=_brief(r["duplicate_of"]),
                          similarity=r["similarity"]) for r in rows]


def source_profile(graph: Graph, source_id: str, *, limit: int = 20,
                   cursor: str | None = None) -> SourceProfile:
    """An outlet: its counts, a page of its articles (newest first), the newest claims it
    carries, and the duplicate/syndication links touching its articles."""
    rows = graph.read(queries.load("source_get"), id=source_id)
    if not rows:
        raise NotFound(f"no source with id {source_id!r}")
    after_key, after_id = decode_cursor(cursor, 2)
    arts = graph.read(queries.load("source_articles"), id=source_id, after_key=after_key,
                      after_id=after_id, limit=limit + 1)
    page = Page[ArticleBrief](
        items=[_brief(r["article"], r["claims"]) for r in arts[:limit]],
        next=encode_cursor(arts[limit - 1]["key"], arts[limit - 1]["article"]["id"])
        if len(arts) > limit else None,
    )
    ids = graph.read(queries.load("source_claim_ids"), id=source_id, limit=limit)[0]["ids"]
    return SourceProfile(source=SourceOut(**rows[0]), articles=page,
                         claims=claims_by_ids(graph, ids),
                         duplicates=duplicates(graph, source_id=source_id, limit=limit))


def get_article(graph: Graph, article_id: str) -> ArticleOut:
    """The stored article, text exactly as the claim offsets index it."""
    rows = graph.read(queries.load("article_get"), id=article_id)
    if not rows:
        raise NotFound(f"no article with id {article_id!r}")
    a = dict(rows[0]["article"])
    a["outlet"] = a.pop("source", None)
    if a.get("fetched_at") is not None:
        a["fetched_at"] = str(a["fetched_at"])
    known = set(ArticleOut.model_fields)
    return ArticleOut(**{k: v for k, v in a.items() if k in known},
                      source_id=rows[0]["source_id"], claims=rows[0]["claims"],
                      duplicates=duplicates(graph, article_id=article_id))
