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
from graph.reads import claim_from_row, decode_cursor, encode_cursor


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
    return [_duplicate(r) for r in rows]


def source_profile(graph: Graph, source_id: str, *, limit: int = 20,
                   cursor: str | None = None) -> SourceProfile:
    """An outlet: its counts, a page of its articles (newest first), the newest claims it
    carries, and the duplicate/syndication links touching its articles: one read."""
    after_key, after_id = decode_cursor(cursor, 2)
    rows = graph.read(queries.load("source_profile"), id=source_id, after_key=after_key,
                      after_id=after_id, page_limit=limit + 1, limit=limit)
    if not rows:
        raise NotFound(f"no source with id {source_id!r}")
    row = rows[0]
    arts = row["page"]
    page = Page[ArticleBrief](
        items=[_brief(r["article"], r["claims"]) for r in arts[:limit]],
        next=encode_cursor(arts[limit - 1]["key"], arts[limit - 1]["article"]["id"])
        if len(arts) > limit else None,
    )
    fetched = {r["claim"]["id"]: claim_from_row(r) for r in row["claim_rows"]}
    return SourceProfile(
        source=SourceOut(id=row["id"], name=row["name"], articles=row["articles"],
                         claims=row["claims"]),
        articles=page, claims=[fetched[i] for i in row["claim_ids"] if i in fetched],
        duplicates=[_duplicate(r) for r in row["duplicates"]])


def _duplicate(r: dict[str, Any]) -> DuplicateLink:
    return DuplicateLink(article=_brief(r["article"]), duplicate_of=_brief(r["duplicate_of"]),
                         similarity=r["similarity"])


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
