"""Relationships: neighborhoods, paths, what connects two entities, timelines, search."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import GraphDep, IsoDate, ReadRole, SettingsDep
from api.limits import HeavySlot
from api.responses import model_json
from graph.models import (
    BucketSize,
    EntityType,
    PathsOut,
    Relationship,
    SearchOut,
    Subgraph,
    Timeline,
)
from graph.reads import entities as reads_entities
from graph.reads import network as reads_graph
from graph.reads import paths as reads_paths
from graph.reads import timeline as reads_timeline
from graph.reads.evidence import GRAPH_EVIDENCE_PER_EDGE
from graph.reads.timeline import TIMELINE_CLAIM_CAP

router = APIRouter(prefix="/v1", tags=["graph"], dependencies=[ReadRole])

EdgeType = Literal["CLAIM_ABOUT", "HAS_ROLE", "CO_MENTIONED"]


@router.get("/entities/{entity_id}/neighbors", response_model=Subgraph)
def neighbors(
    graph: GraphDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    types: Annotated[list[EntityType] | None, Query(description="neighbor entity types")] = None,
    rel_types: Annotated[list[EdgeType] | None, Query(description="edge kinds")] = None,
    date_from: Annotated[IsoDate | None, Query(description="evidence dated >= (ISO)")] = None,
    date_to: Annotated[IsoDate | None, Query(description="evidence dated <= (ISO)")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="maximum nodes")] = 50,
    include_claims: Annotated[bool, Query(description="claims as nodes of type Claim")] = False,
    evidence_per_edge: Annotated[int, Query(
        ge=1, le=10, description="evidence items listed per edge; its weight counts them all "
        "and evidence_more links to the rest")] = GRAPH_EVIDENCE_PER_EDGE,
) -> Response:
    """A subgraph ready to draw: entity nodes and derived edges (CLAIM_ABOUT speaker → entity
    with the claim ids, HAS_ROLE with the title, CO_MENTIONED weighted by shared articles),
    each edge with its evidence (``evidence_per_edge`` items, ``evidence_more`` where the rest
    are); heaviest edges first until ``limit`` nodes."""
    return model_json(reads_graph.neighbors(
        graph, entity_id, depth=depth, types=[t.value for t in types] if types else None,
        rel_types=list(rel_types) if rel_types else None, date_from=date_from,
        date_to=date_to, limit=limit, include_claims=include_claims,
        evidence_per_edge=evidence_per_edge,
    ))


@router.get("/paths", response_model=PathsOut, dependencies=[HeavySlot])
def paths(
    graph: GraphDep,
    settings: SettingsDep,
    from_: Annotated[str, Query(alias="from", description="entity id or name")],
    to: Annotated[str, Query(description="entity id or name")],
    max_hops: Annotated[int, Query(ge=1, le=4, description="entity-to-entity hops")] = 3,
    k: Annotated[int, Query(ge=1, le=10, description="distinct paths wanted")] = 3,
) -> Response:
    """The shortest path first, then other short paths through different entities, each hop
    with its evidence (shared article and sentence, the claim, or the role)."""
    # Bounded like analysts' Cypher: each of its reads under the per-transaction timeout.
    return model_json(reads_paths.paths(graph.with_read_timeout(settings.query_timeout_s),
                                        from_, to, max_hops=max_hops, k=k))


@router.get("/entities/{a}/relationship/{b}", response_model=Relationship)
def relationship(
    graph: GraphDep, a: str, b: str, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> Response:
    """Everything connecting two entities: articles and sentences mentioning both, claims by
    one about the other (both ways), and roles between them."""
    return model_json(reads_entities.relationship(graph, a, b, limit=limit))


@router.get("/timeline", response_model=Timeline)
def timeline(
    graph: GraphDep,
    entity: Annotated[str, Query(description="entity id or name")],
    bucket: BucketSize = BucketSize.MONTH,
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    claims_per_bucket: Annotated[int, Query(ge=0, le=100)] = 10,
    claim_cap: Annotated[int, Query(ge=0, le=500, description=(
        "claims listed in all, newest buckets first (every claim is counted)"))] = (
        TIMELINE_CLAIM_CAP),
) -> Response:
    """Mentions and claims by or about the entity over time (statement date, else publication
    date); weeks are labelled by their Monday."""
    return model_json(reads_timeline.timeline(graph, entity, bucket=bucket.value,
                                           date_from=date_from, date_to=date_to,
                                           claims_per_bucket=claims_per_bucket,
                                           claim_cap=claim_cap))


@router.get("/search", response_model=SearchOut)
def search(
    graph: GraphDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=25)] = 8,
) -> Response:
    """Type-ahead over entities (names and aliases) and claims at once."""
    return model_json(reads_graph.search(graph, q, limit=limit))
