"""Outlets and stored articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import GraphDep, ReadRole
from api.responses import model_json
from graph.models import ArticleOut, Page, SourceOut, SourceProfile
from graph.reads import sources as reads_sources

router = APIRouter(prefix="/v1", tags=["sources"], dependencies=[ReadRole])


@router.get("/sources", response_model=Page[SourceOut])
def list_sources(
    graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> Response:
    """Outlets by name, with how many articles and claims each carries."""
    return model_json(reads_sources.list_sources(graph, limit=limit, cursor=cursor))


@router.get("/sources/{source_id}", response_model=SourceProfile)
def get_source(
    graph: GraphDep,
    source_id: str,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    cursor: Annotated[str | None, Query(description="cursor into the articles")] = None,
) -> Response:
    """An outlet: its articles (newest first, paginated), the claims it carries, and its
    duplicate/syndication links."""
    return model_json(reads_sources.source_profile(graph, source_id, limit=limit,
                                                   cursor=cursor))


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(graph: GraphDep, article_id: str) -> Response:
    """The stored article (text exactly as claim offsets index it), metadata and status."""
    return model_json(reads_sources.get_article(graph, article_id))
