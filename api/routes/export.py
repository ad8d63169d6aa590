"""Exports over HTTP, streamed: RDF (Turtle, N-Triples, JSON-LD), GraphML, GEXF, CSV, FtM.

Every route pages through Neo4j as the client reads (``StreamingResponse`` over a generator), so
the API's memory does not grow with the graph. Scope: the whole graph, an entity's
neighbourhood (``entity`` + ``depth``) and/or claims in a date range.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import GraphDep, IsoDate, ReadRole, public_base_url
from api.openapi import ERRORS, media
from graph.export import Scope, render
from graph.export.stream import MAX_DEPTH

router = APIRouter(prefix="/v1/export", tags=["export"], dependencies=[ReadRole])

EntityQ = Annotated[str | None, Query(description="start node id: export its neighbourhood")]
DepthQ = Annotated[int, Query(ge=0, le=MAX_DEPTH, description="hops around the entity")]
DateFromQ = Annotated[IsoDate | None, Query(description="claims with statement (else publication) "
                                                    "date >= this ISO date, and what they touch")]
DateToQ = Annotated[IsoDate | None, Query(description="... <= this ISO date")]


def _encoded(chunks: Iterator[str | bytes]) -> Iterator[bytes]:
    for chunk in chunks:
        if chunk:
            yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def _stream(
    request: Request, graph: GraphDep, fmt: str, entity: str | None, depth: int,
    date_from: str | None, date_to: str | None, part: str = "zip",
) -> StreamingResponse:
    base_url = public_base_url(request)
    out = render(graph, fmt, scope=Scope(entity, depth, date_from, date_to), base_url=base_url,
                 part=part)
    return StreamingResponse(
        _encoded(out.chunks), media_type=out.media_type,
        headers={"Content-Disposition": f'attachment; filename="{out.filename}"'},
    )


@router.get("/rdf", response_class=StreamingResponse, responses={
    200: media("text/turtle", "application/ld+json", "application/n-triples",
               description="Turtle, JSON-LD or N-Triples, as asked by format"), **ERRORS})
def export_rdf(
    request: Request, graph: GraphDep,
    format: Annotated[Literal["turtle", "json-ld", "jsonld", "nt"], Query()] = "turtle",
    entity: EntityQ = None, depth: DepthQ = 1, date_from: DateFromQ = None,
    date_to: DateToQ = None,
) -> StreamingResponse:
    """schema.org + PROV-O RDF with stable IRIs (``{base}/id/<kind>/<id>``)."""
    return _stream(request, graph, format, entity, depth, date_from, date_to)


@router.get("/graphml", response_class=StreamingResponse,
            responses={200: media("application/graphml+xml"), **ERRORS})
def export_graphml(
    request: Request, graph: GraphDep, entity: EntityQ = None, depth: DepthQ = 1,
    date_from: DateFromQ = None, date_to: DateToQ = None,
) -> StreamingResponse:
    return _stream(request, graph, "graphml", entity, depth, date_from, date_to)


@router.get("/gexf", response_class=StreamingResponse,
            responses={200: media("application/gexf+xml"), **ERRORS})
def export_gexf(
    request: Request, graph: GraphDep, entity: EntityQ = None, depth: DepthQ = 1,
    date_from: DateFromQ = None, date_to: DateToQ = None,
) -> StreamingResponse:
    """GEXF 1.2, dynamic mode: ``start`` dates for Gephi's timeline."""
    return _stream(request, graph, "gexf", entity, depth, date_from, date_to)


@router.get("/csv", response_class=StreamingResponse, responses={
    200: media("text/csv", "application/zip", description="one CSV, or both in a zip"),
    **ERRORS})
def export_csv(
    request: Request, graph: GraphDep,
    part: Annotated[Literal["nodes", "edges", "zip"], Query()] = "zip",
    entity: EntityQ = None, depth: DepthQ = 1, date_from: DateFromQ = None,
    date_to: DateToQ = None,
) -> StreamingResponse:
    """nodes.csv and edges.csv in a zip, or one of them."""
    return _stream(request, graph, "csv", entity, depth, date_from, date_to, part)


@router.get("/ftm", response_class=StreamingResponse,
            responses={200: media("application/x-ndjson"), **ERRORS})
def export_ftm(
    request: Request, graph: GraphDep, entity: EntityQ = None, depth: DepthQ = 1,
    date_from: DateFromQ = None, date_to: DateToQ = None,
) -> StreamingResponse:
    """FollowTheMoney entities, one JSON object per line (Aleph / OpenAleph ``ftm`` tools)."""
    return _stream(request, graph, "ftm", entity, depth, date_from, date_to)
