"""Entities: search that knows aliases, and one entity's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import GraphDep, ReadRole
from api.responses import model_json
from graph.models import EntityOut, EntityProfile, EntityType, Page
from graph.reads import entities as reads_entities

router = APIRouter(prefix="/v1", tags=["entities"], dependencies=[ReadRole])


@router.get("/entities", response_model=Page[EntityOut])
def list_entities(
    graph: GraphDep,
    q: Annotated[str | None, Query(max_length=500,
                                   description="name or alias (Zelenskyy, Kiev, ...); "
                                   "without it, entities by name")] = None,
    type: Annotated[list[EntityType] | None, Query(description="Person, Organization, "
                                                   "Place, Group; repeatable")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    cursor: str | None = None,
) -> Response:
    """Entities with id, name, type, aliases and the number of articles mentioning them."""
    types = [t.value for t in type] if type else None
    return model_json(reads_entities.search_entities(graph, q=q, types=types, limit=limit,
                                                     cursor=cursor))


@router.get("/entities/{entity_id}", response_model=EntityProfile)
def get_entity(
    graph: GraphDep,
    entity_id: str,
    limit: Annotated[int, Query(ge=1, le=100, description="items per list")] = 20,
) -> Response:
    """The profile: names and aliases, place data, mentions by month, the entities most often
    mentioned with it, claims by it and about it, and its roles — each with evidence.
    ``entity_id`` also accepts a name."""
    return model_json(reads_entities.entity_profile(graph, entity_id, limit=limit))
