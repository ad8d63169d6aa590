"""Who said what: claims filtered, searched and paginated; one claim with its context."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from api.deps import GraphDep, ReadRole, public_base_url
from graph import reads
from graph.models import ClaimDetail, ClaimOut, Page, QuoteType

router = APIRouter(prefix="/v1", tags=["claims"], dependencies=[ReadRole])


@router.get("/claims", response_model=Page[ClaimOut])
def list_claims(
    graph: GraphDep,
    q: Annotated[str | None, Query(description="words in the claim or its sentence: OR, NOT "
                                   "(or -word), \"quoted phrases\", parentheses; words side "
                                   "by side must all match (docs/api.md)")] = None,
    speaker: Annotated[str | None, Query(description="speaker name, alias or entity id")] = None,
    about: Annotated[str | None, Query(description="entity the claim is about or targets")] = None,
    cue: Annotated[str | None, Query(description="cue verb lemma, e.g. say, accuse")] = None,
    quote_type: QuoteType | None = None,
    outlet: Annotated[str | None, Query(description="outlet name (case-insensitive)")] = None,
    date_from: Annotated[str | None, Query(description="statement date >= (ISO); "
                                           "the publication date when undated")] = None,
    date_to: Annotated[str | None, Query(description="statement date <= (ISO)")] = None,
    published_from: Annotated[str | None, Query(description="publication date >= (ISO)")] = None,
    published_to: Annotated[str | None, Query(description="publication date <= (ISO)")] = None,
    anonymous: Annotated[bool | None, Query(description="only unnamed sources (true) or "
                                            "only named speakers (false)")] = None,
    speaker_country: Annotated[str | None, Query(
        description="ISO country code of the speaker, of an organization it holds a role in, "
                    "or of an anonymous source's stated affiliation", min_length=2,
        max_length=2)] = None,
    speaker_affiliation: Annotated[str | None, Query(
        description="entity (name or id) the speaker holds a role in, or an anonymous "
                    "source's stated affiliation")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="the `next` of the previous page")] = None,
) -> Page[ClaimOut]:
    """Claims, newest statement first, each with its evidence (article, sentence, offsets).
    An unknown speaker, entity or affiliation is a 404 with suggestions; a malformed ``q`` a
    422; ``capped`` says the list goes on (``next``) or a search cap cut it (``cap_note``)."""
    return reads.find_claims(
        graph, q=q, speaker=speaker, about=about, cue=cue,
        quote_type=quote_type.value if quote_type else None, outlet=outlet,
        date_from=date_from, date_to=date_to, published_from=published_from,
        published_to=published_to, anonymous=anonymous, speaker_country=speaker_country,
        speaker_affiliation=speaker_affiliation, limit=limit, cursor=cursor,
    )


@router.get(
    "/claims/{claim_id}",
    response_model=ClaimDetail,
    responses={200: {"content": {"application/ld+json": {}}}},
)
def get_claim(
    graph: GraphDep,
    request: Request,
    claim_id: str,
    format: Annotated[Literal["json", "jsonld"], Query(description="jsonld: schema.org "
                                                       "ClaimReview-style JSON-LD")] = "json",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ClaimDetail | JSONResponse:
    """A claim with its evidence, the same speaker's other claims on the same entities, and the
    claims that dispute it (other speakers' denials or accusations on the same entities, or
    claims by the speaker it targets), side by side."""
    if format == "jsonld":
        try:  # another package's module, imported on demand
            from graph.export.jsonld import claim_jsonld
        except ModuleNotFoundError as exc:
            raise HTTPException(501, "JSON-LD export is not available in this build") from exc
        claim = reads.claims_by_ids(graph, [claim_id])
        if not claim:
            from graph.errors import NotFound

            raise NotFound(f"no claim with id {claim_id!r}")
        body = claim_jsonld(claim[0], public_base_url(request))
        return JSONResponse(body, media_type="application/ld+json")
    return reads.claim_detail(graph, claim_id, limit=limit)
