"""Dereferenceable IRIs: ``GET /id/{kind}/{id}`` and the JSON-LD context at
``/ns/context.jsonld``.

Every ``@id`` we mint (``{KG_PUBLIC_BASE_URL}/id/<kind>/<id>``) answers here, content-negotiated:
a browser (``text/html``) is redirected into the explorer page, a linked-data client gets
JSON-LD (``application/ld+json``, our context inlined) or Turtle (``text/turtle``); ``?format=``
overrides the Accept header. Which kinds answer without an API key is a setting
(``KG_ID_PUBLIC_KINDS``, default claims and sources); the others need a read key.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from rdflib import Graph

from api.deps import GraphDep, Role, public_base_url, require
from api.openapi import ERRORS, media
from graph import reads, reviews
from graph.errors import NotFound
from graph.export import Scope, render
from graph.export.context import CONTEXT_VERSION, context_document, jsonld_context
from graph.export.jsonld import claim_jsonld, claim_statement, review_node
from graph.export.rdf_writers import serialize_rdf
from graph.export.stream import Node, node_kind
from graph.export.vocabulary import vocabulary
from graph.models import NodeLabel

router = APIRouter(tags=["linked data"])

Kind = Literal["claim", "source", "article", "entity", "anonymous", "review"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
_OFFERS = {"application/ld+json": "jsonld", "application/json": "jsonld",
           "text/turtle": "turtle", "text/html": "html"}
LD_MEDIA = {"jsonld": "application/ld+json; charset=utf-8", "turtle": "text/turtle; charset=utf-8"}


@router.get("/ns/context.jsonld", responses={200: media("application/ld+json")})
def context(request: Request) -> JSONResponse:
    """Our JSON-LD context (version in ``X-KG-Context-Version``); inlined in every answer too."""
    return JSONResponse(context_document(public_base_url(request)),
                        media_type="application/ld+json",
                        headers={"X-KG-Context-Version": CONTEXT_VERSION,
                                 "Cache-Control": "public, max-age=3600"})


@router.get("/ns", responses={200: media("text/turtle", "application/ld+json")})
def vocabulary_doc(
    request: Request,
    format: Annotated[Literal["jsonld", "turtle"] | None,
                      Query(description="overrides the Accept header")] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """The kg: vocabulary (``{base}/ns#term``): classes and properties with comments."""
    fmt = format or negotiate(accept, default="turtle", offers=("jsonld", "turtle"))
    g = vocabulary(public_base_url(request))
    if fmt == "jsonld":
        body = json.loads(g.serialize(format="json-ld"))
        return JSONResponse({"@context": jsonld_context(public_base_url(request)),
                             "@graph": body}, media_type=LD_MEDIA["jsonld"])
    return Response(g.serialize(format="turtle"), media_type=LD_MEDIA["turtle"])


def negotiate(accept: str | None, default: str = "jsonld",
              offers: tuple[str, ...] = ("jsonld", "turtle", "html")) -> str:
    """The best of JSON-LD, Turtle and HTML for an Accept header (q-values honoured; ties go to
    the order given by the client). No header or ``*/*`` -> ``default``."""
    best, best_q = default, -1.0
    for part in (accept or "").split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        fmt = _OFFERS.get(kind.lower())
        if fmt in offers and q > 0 and q > best_q:  # q=0: "not acceptable"
            best, best_q = fmt, q
    return best


def _explorer(kind: str, node_id: str, speaker: str | None) -> str:
    """The page's share-URL fragment (web/src/state.js): e=expanded entities, sel=selection."""
    if kind == "entity":
        return f"/#e={quote(node_id, safe='')}&sel={quote(node_id, safe='')}"
    if speaker:
        return f"/#e={quote(speaker, safe='')}&sel={quote(node_id, safe='')}"
    return f"/#sel={quote(node_id, safe='')}"


def _encoded(chunks: Iterator[str | bytes]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


@router.get(
    "/id/{kind}/{node_id}",
    responses={200: media("application/ld+json", "text/turtle"),
               303: {"description": "a browser: redirected into the explorer page"},
               **ERRORS},
)
def dereference(
    request: Request, graph: GraphDep,
    kind: Kind, node_id: Annotated[str, Path(description="the node's id")],
    format: Annotated[Literal["jsonld", "turtle", "html"] | None,
                      Query(description="overrides the Accept header")] = None,
    accept: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """What an IRI we minted names: HTML (redirect), JSON-LD or Turtle."""
    public = request.app.state.settings.id_public_kinds.strip()
    if public != "*" and kind not in {k.strip() for k in public.split(",")}:
        require(Role.READ)(request, x_api_key, authorization)
    fmt = format or negotiate(accept)
    base = public_base_url(request)
    if kind == "review":
        review, props = reviews.review_by_id(graph, node_id)
        if fmt == "html":
            return RedirectResponse(_explorer("claim", review.claim_id, None), 303)
        claim = reads.claims_by_ids(graph, [review.claim_id])
        if fmt == "turtle":
            props = {**props, "claim_reviewed": review.claim_reviewed or (
                claim_statement(claim[0]) if claim else None)}
            page = [Node(NodeLabel.CLAIM_REVIEW, node_id, props)]
            return Response("".join(serialize_rdf(lambda: iter([page]), base, "turtle")),
                            media_type=LD_MEDIA["turtle"])
        body = {"@context": jsonld_context(base), **review_node(review, claim[0], base)}
        return JSONResponse(body, media_type=LD_MEDIA["jsonld"])
    found = node_kind(graph, node_id)
    if found != kind:
        raise NotFound(f"no {kind} with id {node_id!r}", detail={"kind": kind, "id": node_id})
    if kind == "claim":
        claims = reviews.with_reviews(graph, reads.claims_by_ids(graph, [node_id]))
        if fmt == "html":
            return RedirectResponse(_explorer(kind, node_id, claims[0].speaker.id), 303)
        body = claim_jsonld(claims[0], base, reviews.author_facts(graph, claims))
        if fmt == "jsonld":
            return JSONResponse(body, media_type=LD_MEDIA["jsonld"])
        # Turtle: the same description as the JSON-LD (author, appearance, reviews) plus the
        # claim's own triples from the RDF export (kg: offsets, cue, provenance).
        # Where both say something of the same subject and predicate (dates: typed in the
        # export, plain in JSON-LD), the JSON-LD wins so the two answers agree.
        exported = "".join(render(graph, "turtle", scope=Scope(node_id, 0), base_url=base).chunks)
        doc = Graph().parse(data=json.dumps(body), format="json-ld")
        said = set(doc.subject_predicates())
        for s, p, o in Graph().parse(data=exported, format="turtle"):
            if (s, p) not in said:
                doc.add((s, p, o))
        return Response(doc.serialize(format="turtle"), media_type=LD_MEDIA["turtle"])
    if fmt == "html":
        return RedirectResponse(_explorer(kind, node_id, None), 303)
    out = render(graph, fmt, scope=Scope(node_id, 0), base_url=base)
    return StreamingResponse(_encoded(out.chunks), media_type=LD_MEDIA[fmt])
