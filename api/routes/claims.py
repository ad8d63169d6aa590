"""Who said what: claims filtered, searched and paginated; one claim with its context; the
claim for fact-checkers (schema.org JSON-LD, a ClaimReview skeleton) and their reviews back."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from api.deps import GraphDep, IngestRole, IsoDate, ReadRole, public_base_url
from api.openapi import ERRORS, media
from api.responses import model_json
from graph import reads, reviews
from graph.errors import NotFound
from graph.export.jsonld import claim_jsonld, claim_review_stub
from graph.models import (
    ClaimDetail,
    ClaimOut,
    ClaimReviewIn,
    ClaimReviewOut,
    Page,
    QuoteType,
)

router = APIRouter(prefix="/v1", tags=["claims"], dependencies=[ReadRole])

_JSONLD = "application/ld+json"


@router.get("/claims", response_model=Page[ClaimOut])
def list_claims(
    graph: GraphDep,
    q: Annotated[str | None, Query(max_length=500,
                                   description="words in the claim or its sentence: OR, NOT "
                                   "(or -word), \"quoted phrases\", parentheses; words side "
                                   "by side must all match (docs/api.md)")] = None,
    speaker: Annotated[str | None, Query(description="speaker name, alias or entity id")] = None,
    about: Annotated[str | None, Query(description="entity the claim is about or targets")] = None,
    cue: Annotated[str | None, Query(description="cue verb lemma, e.g. say, accuse")] = None,
    quote_type: QuoteType | None = None,
    outlet: Annotated[str | None, Query(description="outlet name (case-insensitive)")] = None,
    date_from: Annotated[IsoDate | None, Query(description="statement date >= (ISO); "
                                           "the publication date when undated")] = None,
    date_to: Annotated[IsoDate | None, Query(description="statement date <= (ISO)")] = None,
    published_from: Annotated[IsoDate | None,
                              Query(description="publication date >= (ISO)")] = None,
    published_to: Annotated[IsoDate | None, Query(description="publication date <= (ISO)")] = None,
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
) -> Response:
    """Claims, newest statement first, each with its evidence (article, sentence, offsets).
    An unknown speaker, entity or affiliation is a 404 with suggestions; a malformed ``q`` a
    422; ``capped`` says the list goes on (``next``) or a search cap cut it (``cap_note``)."""
    return model_json(reads.find_claims(
        graph, q=q, speaker=speaker, about=about, cue=cue,
        quote_type=quote_type.value if quote_type else None, outlet=outlet,
        date_from=date_from, date_to=date_to, published_from=published_from,
        published_to=published_to, anonymous=anonymous, speaker_country=speaker_country,
        speaker_affiliation=speaker_affiliation, limit=limit, cursor=cursor,
    ))


def _claim(graph: GraphDep, claim_id: str) -> list[ClaimOut]:
    found = reads.claims_by_ids(graph, [claim_id])
    if not found:
        raise NotFound(f"no claim with id {claim_id!r}", detail=claim_id)
    return reviews.with_reviews(graph, found)


def _jsonld(graph: GraphDep, request: Request, claim_id: str) -> JSONResponse:
    claims = _claim(graph, claim_id)
    body = claim_jsonld(claims[0], public_base_url(request), reviews.author_facts(graph, claims))
    return JSONResponse(body, media_type=_JSONLD)


@router.get(
    "/claims/{claim_id}",
    response_model=ClaimDetail,
    responses={200: {"content": {_JSONLD: {"schema": {"type": "object"}}}},
               **ERRORS},
)
def get_claim(
    graph: GraphDep,
    request: Request,
    claim_id: str,
    format: Annotated[Literal["json", "jsonld"], Query(
        description="jsonld: schema.org Claim JSON-LD (also GET /v1/claims/{id}/jsonld)")] = "json",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    """A claim with its evidence and reviews, the same speaker's other claims on the same
    entities, and the claims that dispute it (other speakers' denials or accusations on the
    same entities, or claims by the speaker it targets), side by side."""
    if format == "jsonld":
        return _jsonld(graph, request, claim_id)
    return model_json(reads.claim_detail(graph, claim_id, limit=limit))  # reviews included


@router.get("/claims/{claim_id}/jsonld", responses={200: media(_JSONLD), **ERRORS},
            response_class=JSONResponse)
def get_claim_jsonld(graph: GraphDep, request: Request, claim_id: str) -> JSONResponse:
    """The claim as a schema.org ``Claim`` (our context inlined: parses offline), with its
    stored reviews as ``ClaimReview`` (``@reverse`` ``itemReviewed``)."""
    return _jsonld(graph, request, claim_id)


@router.get("/claims/{claim_id}/claimreview", responses={200: media(_JSONLD), **ERRORS},
            response_class=JSONResponse)
def get_claim_review(graph: GraphDep, request: Request, claim_id: str) -> JSONResponse:
    """A schema.org ``ClaimReview`` around the claim, for a fact-checker to complete: the
    rating, the reviewing organization, the review's URL and date are theirs to add."""
    claims = _claim(graph, claim_id)
    body = claim_review_stub(claims[0], public_base_url(request),
                             reviews.author_facts(graph, claims))
    return JSONResponse(body, media_type=_JSONLD)


@router.get("/claims/{claim_id}/reviews", response_model=list[ClaimReviewOut],
            responses=ERRORS)
def list_reviews(graph: GraphDep, claim_id: str) -> list[ClaimReviewOut]:
    """The fact-checkers' reviews of the claim, oldest first."""
    return _claim(graph, claim_id)[0].reviews


@router.post("/claims/{claim_id}/reviews", response_model=ClaimReviewOut, status_code=201,
             dependencies=[IngestRole], responses=ERRORS)
def post_review(graph: GraphDep, claim_id: str, review: ClaimReviewIn) -> ClaimReviewOut:
    """Store a fact-checker's review (ingest or admin key). Reviews of one claim are kept side
    by side; the same reviewer posting the same URL again updates its review."""
    return reviews.add_review(graph, claim_id, review)
