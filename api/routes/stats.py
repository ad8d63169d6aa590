"""Who is quoted most, and who is targeted most, about an entity in a period."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep, ReadRole
from graph.models import SpeakerStats
from graph.reads import speakers

router = APIRouter(prefix="/v1/stats", tags=["stats"], dependencies=[ReadRole])

About = Annotated[str | None, Query(description="entity (name or id) the claims are about")]
From = Annotated[str | None, Query(alias="from", description="claims dated >= (ISO; statement "
                                   "date, else publication date)")]
To = Annotated[str | None, Query(alias="to", description="claims dated <= (ISO prefix)")]
Limit = Annotated[int, Query(ge=1, le=500)]


@router.get("/speakers", response_model=SpeakerStats)
def top_speakers(graph: GraphDep, about: About = None, from_: From = None, to: To = None,
                 limit: Limit = 20) -> SpeakerStats:
    """The named speakers with the most claims (about ``about``, in the period)."""
    return speakers.top(graph, "speaker", about=about, date_from=from_, date_to=to,
                        limit=limit)


@router.get("/targets", response_model=SpeakerStats)
def top_targets(
    graph: GraphDep, about: About = None,
    speaker: Annotated[str | None, Query(description="only claims by this speaker")] = None,
    from_: From = None, to: To = None, limit: Limit = 20,
) -> SpeakerStats:
    """The entities most often targeted (accused, denied, criticized) by claims (about
    ``about``, by ``speaker``, in the period)."""
    return speakers.top(graph, "target", about=about, speaker=speaker, date_from=from_,
                        date_to=to, limit=limit)
