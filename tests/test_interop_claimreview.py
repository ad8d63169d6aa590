"""ClaimReview out (a skeleton for the fact-checker) and in (stored reviews, side by side),
validated with SHACL shapes after Google's ClaimReview requirements, parsed offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, URIRef

from graph.export.context import SDO
from tests.conftest import ADMIN_KEY, INGEST_KEY
from tests.interop_fixtures import BUREAU, InteropGraph

pytest_plugins = ("tests.interop_fixtures",)

SHAPES = Graph().parse(
    Path(__file__).resolve().parents[1] / "graph" / "export" / "shapes" / "claimreview.ttl")

REVIEW = {
    "rating": {"alternate_name": "Misleading", "rating_value": 2, "best_rating": 5,
               "worst_rating": 1},
    "reviewer": {"name": "Harbour Check T13", "url": "https://check.example.org/"},
    "url": "https://check.example.org/reviews/ships-seized",
    "date_published": "2025-04-05",
}


def _conforms(doc: dict | list) -> tuple[bool, str]:
    data = Graph().parse(data=json.dumps(doc), format="json-ld")
    ok, _, text = validate(data, shacl_graph=SHAPES)
    return bool(ok), str(text)


def test_claimreview_skeleton_follows_the_shapes(client, interop_graph: InteropGraph, offline):
    resp = client.get(f"/v1/claims/{interop_graph.seized}/claimreview")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith(
        "application/ld+json")
    doc = resp.json()
    assert doc["@type"] == "ClaimReview" and "reviewRating" not in doc  # left to the checker
    assert doc["claimReviewed"] == "40 ships were seized in March"
    item = doc["itemReviewed"]
    assert item["author"]["jobTitle"] == "director"
    assert item["datePublished"] == "2025-04-02"
    assert item["firstAppearance"]["url"] == item["appearance"]["url"]
    ok, report = _conforms(doc)
    assert ok, report
    for claim_id in (interop_graph.shelled, interop_graph.ferry):  # anonymous; no article URL
        ok, report = _conforms(client.get(f"/v1/claims/{claim_id}/claimreview").json())
        assert ok, report


@pytest.mark.parametrize("breaks", ["claimReviewed", "appearance-url", "author", "rating"])
def test_the_shapes_catch_what_google_requires(client, interop_graph, breaks, offline):
    doc = client.get(f"/v1/claims/{interop_graph.seized}/claimreview").json()
    if breaks == "claimReviewed":
        del doc["claimReviewed"]
    elif breaks == "appearance-url":
        del doc["itemReviewed"]["firstAppearance"]["url"]  # the same node: both go
        del doc["itemReviewed"]["appearance"]["url"]
    elif breaks == "author":
        del doc["itemReviewed"]["author"]
    else:  # a rating without its textual verdict, and a value off the scale
        doc["reviewRating"] = {"@type": "Rating", "ratingValue": 9, "bestRating": 5}
        doc["url"] = "https://check.example.org/x"
        doc["author"] = {"@type": "Organization", "name": "X"}
        doc["datePublished"] = "2025-04-05"
    ok, _ = _conforms(doc)
    assert not ok


def test_reviews_in_side_by_side_and_out_everywhere(client, interop_graph, settings, offline):
    cid = interop_graph.seized
    base = settings.public_base_url.rstrip("/")
    posted = client.post(f"/v1/claims/{cid}/reviews", json=REVIEW,
                         headers={"X-API-Key": INGEST_KEY})
    assert posted.status_code == 201, posted.text
    other = dict(REVIEW, reviewer={"name": "Second Desk T13"},
                 url="https://second.example.net/ships", rating={"alternate_name": "False"})
    assert client.post(f"/v1/claims/{cid}/reviews", json=other,
                       headers={"X-API-Key": ADMIN_KEY}).status_code == 201
    # The same reviewer and URL again: an update, not a third review.
    again = dict(REVIEW, rating=dict(REVIEW["rating"], alternate_name="Mostly false"))
    assert client.post(f"/v1/claims/{cid}/reviews", json=again,
                       headers={"X-API-Key": INGEST_KEY}).json()["id"] == posted.json()["id"]
    listed = client.get(f"/v1/claims/{cid}/reviews").json()
    assert sorted(r["rating"]["alternate_name"] for r in listed) == ["False", "Mostly false"]
    detail = client.get(f"/v1/claims/{cid}").json()
    assert {r["reviewer"]["name"] for r in detail["claim"]["reviews"]} == {
        "Harbour Check T13", "Second Desk T13"}
    # JSON-LD: the claim with its ClaimReviews, each with a reviewRating; the shapes hold.
    doc = client.get(f"/v1/claims/{cid}/jsonld").json()
    ok, report = _conforms(doc)
    assert ok, report
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    claim = URIRef(f"{base}/id/claim/{cid}")
    found = set(g.subjects(SDO.itemReviewed, claim))
    assert len(found) == 2 and all((r, RDF.type, SDO.ClaimReview) in g for r in found)
    verdicts = {str(g.value(g.value(r, SDO.reviewRating), SDO.alternateName)) for r in found}
    assert verdicts == {"False", "Mostly false"}
    # RDF: the same reviews, the same IRIs.
    ttl = client.get(f"/id/claim/{cid}", params={"format": "turtle"}).text
    rdf = Graph().parse(data=ttl, format="turtle")
    assert set(rdf.subjects(SDO.itemReviewed, claim)) == found
    ok, _, report = validate(rdf, shacl_graph=SHAPES)
    assert ok, report
    review_iri = next(iter(found))
    assert client.get(str(review_iri).removeprefix(base),
                      params={"format": "turtle"}).status_code == 200
    export = Graph().parse(data=client.get("/v1/export/rdf", params={
        "format": "nt", "entity": BUREAU, "depth": 1}).text, format="nt")
    assert (None, SDO.alternateName, Literal("Mostly false")) in export
    # The feed: reviews on the claim items, and a ClaimReview-shaped variant.
    items = _feed(client, {})
    mine = next(i for i in items if i["id"] == cid)
    assert len(mine["reviews"]) == 2
    docs = [d for d in _feed(client, {"shape": "claimreview"})
            if cid in json.dumps(d.get("itemReviewed", {}))]
    assert len(docs) == 3  # the skeleton, then both reviews
    ok, report = _conforms(docs)
    assert ok, report


def _feed(client, params: dict) -> list[dict]:
    items, since = [], ""
    while True:
        page = client.get("/v1/feed/claims", params={**params, "since": since, "limit": 500})
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        if not body["items"]:
            return items
        since = body["next"]


@pytest.mark.parametrize(("change", "field"), [
    ({"rating": {"rating_value": 3}}, "alternate_name"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"reviewer": {"name": "X", "url": "ftp://x.example"}}, "url"),
    ({"rating": {"alternate_name": "False", "rating_value": 7, "best_rating": 5}}, "rating"),
    ({"date_published": "last week"}, "date_published"),
    ({"stars": 5}, "stars"),
])
def test_bad_reviews_are_422_naming_the_field(client, interop_graph, change, field):
    resp = client.post(f"/v1/claims/{interop_graph.ferry}/reviews", json={**REVIEW, **change},
                       headers={"X-API-Key": INGEST_KEY})
    assert resp.status_code == 422, resp.text
    body = resp.json()["error"]
    assert body["code"] == "invalid_input"
    assert any(field in [str(x) for x in d["loc"]] or field in d["msg"] for d in body["detail"])
    assert client.get(f"/v1/claims/{interop_graph.ferry}/reviews").json() == []


def test_reviews_need_an_ingest_key_and_an_existing_claim(client, interop_graph):
    assert client.post(f"/v1/claims/{interop_graph.ferry}/reviews",
                       json=REVIEW).status_code == 403  # the client's read key
    missing = client.post("/v1/claims/t13-no-such-claim/reviews", json=REVIEW,
                          headers={"X-API-Key": INGEST_KEY})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
