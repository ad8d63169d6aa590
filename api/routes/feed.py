"""The feed of new claims: polling (``GET /v1/feed/claims``) and Server-Sent Events
(``GET /v1/feed/claims/stream``; each event's ``id:`` is a cursor, so a reconnecting
``EventSource`` resumes from ``Last-Event-ID``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.delivery.sse import claim_events
from api.deps import GraphDep, ReadRole, public_base_url
from api.openapi import ERRORS, media
from graph import reviews
from graph.export.jsonld import claimreview_documents
from graph.models import ClaimOut, FeedShape, JsonLdPage, Page
from graph.reads import feed

router = APIRouter(prefix="/v1/feed", tags=["feed"], dependencies=[ReadRole])

SinceQ = Annotated[str | None, Query(description="cursor from a previous answer; empty = from "
                                                 "the beginning, 'now' = only what comes next")]


@router.get("/claims", response_model=Page[ClaimOut] | JsonLdPage, responses=ERRORS)
def feed_claims(
    request: Request, graph: GraphDep, since: SinceQ = None,
    limit: Annotated[int, Query(ge=1, le=feed.MAX_LIMIT)] = 100,
    shape: Annotated[FeedShape, Query(description="claim: ClaimOut items (with their reviews); "
                                      "claimreview: schema.org ClaimReview JSON-LD documents, "
                                      "a skeleton per claim then its stored reviews")]
    = FeedShape.CLAIM,
) -> Page[ClaimOut] | JsonLdPage:
    """Claims ingested after ``since``, oldest first; ``next`` is always a cursor to poll with."""
    page = feed.feed_page(graph, since, limit)
    page.items = reviews.with_reviews(graph, page.items)
    if shape is FeedShape.CLAIM:
        return page
    return JsonLdPage(items=claimreview_documents(graph, page.items, public_base_url(request)),
                      next=page.next)


@router.get("/claims/stream", responses={200: media("text/event-stream"), **ERRORS},
            response_class=StreamingResponse)
async def feed_stream(
    request: Request, graph: GraphDep, since: SinceQ = None,
    last_event_id: Annotated[str | None, Header()] = None,
    poll_s: Annotated[float, Query(ge=0.2, le=60)] = 2.0,
    max_events: Annotated[int | None, Query(ge=1, description="close after this many")] = None,
    max_seconds: Annotated[float | None, Query(gt=0, description="close after this long")] = None,
) -> StreamingResponse:
    """Server-Sent Events: one ``claim`` event per new claim, a comment line as keep-alive."""
    # Validate the cursor now, so a bad one is a 400 and not a broken stream.
    cursor = await run_in_threadpool(feed.resolve_cursor, graph, last_event_id or since)
    return StreamingResponse(
        claim_events(graph, cursor, poll_s=poll_s, is_disconnected=request.is_disconnected,
                     max_events=max_events, max_seconds=max_seconds),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
