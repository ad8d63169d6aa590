"""Who said what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep, ReadRole
from graph import reads
from graph.models import ClaimOut, Page, QuoteType

router = APIRouter(prefix="/v1", tags=["claims"], dependencies=[ReadRole])


@router.get("/claims", response_model=Page[ClaimOut])
def list_claims(
    graph: GraphDep,
    speaker: Annotated[str | None, Query(description="speaker name, alias or entity id")] = None,
    about: Annotated[str | None, Query(description="entity the claim is about")] = None,
    cue: str | None = None,
    quote_type: QuoteType | None = None,
    outlet: str | None = None,
    date_from: Annotated[str | None, Query(description="statement date >= (ISO)")] = None,
    date_to: Annotated[str | None, Query(description="statement date <= (ISO)")] = None,
    published_from: str | None = None,
    published_to: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> Page[ClaimOut]:
    return reads.find_claims(
        graph, speaker=speaker, about=about, cue=cue,
        quote_type=quote_type.value if quote_type else None, outlet=outlet,
        date_from=date_from, date_to=date_to, published_from=published_from,
        published_to=published_to, limit=limit, cursor=cursor,
    )
