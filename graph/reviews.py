"""Fact-checkers' reviews of claims (ClaimReview in), and what the graph knows about a claim's
author for ClaimReview out (roles, affiliations).

A review is its own node ``(:ClaimReview)-[:REVIEWS]->(:Claim)``; several reviews of one claim
sit side by side and are never merged. Its id is a hash of the claim, the reviewer and the
review's URL, so posting the same review again updates it instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import queries
from graph.driver import Graph
from graph.errors import NotFound
from graph.export.countries import country_of
from graph.export.jsonld import AuthorFacts
from graph.models import ClaimOut, ClaimReviewIn, ClaimReviewOut, stable_id


def _props(review: ClaimReviewIn) -> dict[str, Any]:
    r = review.rating
    return {
        "rating_alternate_name": r.alternate_name, "rating_value": r.rating_value,
        "best_rating": r.best_rating, "worst_rating": r.worst_rating,
        "reviewer_name": review.reviewer.name, "reviewer_url": review.reviewer.url,
        "url": review.url, "date_published": review.date_published.isoformat(),
        "claim_reviewed": review.claim_reviewed,
    }


def review_from_row(row: dict[str, Any]) -> ClaimReviewOut:
    return ClaimReviewOut.model_validate({
        "id": row["id"], "claim_id": row["claim_id"], "created_at": row.get("created_at"),
        "rating": {"alternate_name": row["rating_alternate_name"],
                   "rating_value": row.get("rating_value"),
                   "best_rating": row.get("best_rating"),
                   "worst_rating": row.get("worst_rating")},
        "reviewer": {"name": row["reviewer_name"], "url": row.get("reviewer_url")},
        "url": row["url"], "date_published": row["date_published"],
        "claim_reviewed": row.get("claim_reviewed"),
    })


def add_review(graph: Graph, claim_id: str, review: ClaimReviewIn) -> ClaimReviewOut:
    rid = stable_id(claim_id, review.reviewer.name.strip().lower(), review.url, prefix="review:")
    # SET r += props with a null value removes that property: re-posting a review without,
    # say, a numeric rating drops the old one rather than keeping a stale value.
    rows = graph.write(queries.load("review_write"), claim_id=claim_id, id=rid,
                       props=_props(review))
    if not rows:
        raise NotFound(f"no claim with id {claim_id!r}", detail=claim_id)
    return review_from_row(rows[0]["review"])


def reviews_for(graph: Graph, claim_ids: Iterable[str]) -> dict[str, list[ClaimReviewOut]]:
    ids = list(dict.fromkeys(claim_ids))
    out: dict[str, list[ClaimReviewOut]] = {i: [] for i in ids}
    if not ids:
        return out
    for row in graph.read(queries.load("reviews_for_claims"), ids=ids):
        out[row["claim_id"]].append(review_from_row(row["review"]))
    return out


def with_reviews(graph: Graph, claims: list[ClaimOut]) -> list[ClaimOut]:
    """The same claims with their reviews filled in (one query for all of them)."""
    found = reviews_for(graph, (c.id for c in claims))
    return [c.model_copy(update={"reviews": found.get(c.id, [])}) for c in claims]


def speaker_info(graph: Graph, claims: list[ClaimOut]) -> dict[str, dict[str, Any]]:
    """Named speakers' titles and HAS_ROLE organizations, by speaker id."""
    ids = list(dict.fromkeys(c.speaker.id for c in claims if not c.speaker.anonymous
                             and c.speaker.type != "AnonymousSource"))
    if not ids:
        return {}
    rows = graph.read(queries.load("speaker_roles"), ids=ids)
    return {r["id"]: r for r in rows}


def author_facts(graph: Graph, claims: list[ClaimOut]) -> AuthorFacts:
    """Everything the JSON-LD of these claims needs beyond the claim rows, in two reads."""
    countries = [c.entity_id for c in (country_of(x.speaker.affiliation) for x in claims) if c]
    return AuthorFacts(speaker_info(graph, claims), existing_entities(graph, countries))


def existing_entities(graph: Graph, ids: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    return {r["id"] for r in graph.read(queries.load("entities_exist"), ids=wanted)}


def review_by_id(graph: Graph, review_id: str) -> tuple[ClaimReviewOut, dict[str, Any]]:
    """The review and its stored properties (for the RDF writer)."""
    rows = graph.read(queries.load("review_get"), id=review_id)
    if not rows:
        raise NotFound(f"no review with id {review_id!r}", detail=review_id)
    return review_from_row(rows[0]["review"]), rows[0]["review"]
