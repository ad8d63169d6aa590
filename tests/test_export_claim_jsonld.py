"""A claim as schema.org Claim JSON-LD (for fact-checkers), and check-worthiness ranking."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, URIRef

from graph import checkworthiness, reads
from graph.driver import Graph as KG
from graph.export.jsonld import claim_jsonld, claim_review_stub
from graph.export.rdf import SDO
from tests import export_fixtures


@pytest.fixture(scope="module")
def xp(graph: KG) -> KG:
    export_fixtures.write(graph)
    return graph


def _as_rdf(doc: dict) -> Graph:
    # Our context is inline: nothing is fetched.
    return Graph().parse(data=json.dumps(doc), format="json-ld")


def test_seed_claim_jsonld_has_the_shape_of_a_schema_org_claim(client, seeded: KG):
    page = reads.find_claims(seeded, speaker="Zelensky")
    claim = next(c for c in page.items if c.evidence.article_id == "seed-ceasefire-call")
    resp = client.get(f"/v1/claims/{claim.id}", params={"format": "jsonld"})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/ld+json")
    doc = resp.json()
    assert doc["@context"]["@vocab"] == "https://schema.org/"  # inline, never fetched
    assert doc["@type"] == "Claim"
    assert doc["@id"].endswith(f"/id/claim/{claim.id}")
    assert doc["text"] == claim.content
    assert doc["author"]["@type"] == "Person"
    assert doc["author"]["name"] == "Volodymyr Zelensky"
    app = doc["appearance"]
    assert app["@type"] == "NewsArticle"
    assert app["url"] == "https://example.org/ceasefire-call"
    assert app["headline"].startswith("Trump and Putin")
    assert app["publisher"] == {"@type": "NewsMediaOrganization", "name": "Demo Wire"}
    assert app["datePublished"] == "2025-03-17"
    assert doc["firstAppearance"]["@id"] == app["@id"]
    assert doc["datePublished"] == "2025-03-17"
    offsets = {p["name"]: p for p in doc["additionalProperty"]}
    text = seeded.read("MATCH (a:Article {id: 'seed-ceasefire-call'}) RETURN a.text AS t")[0]["t"]
    co = offsets["contentOffsets"]
    assert text[co["minValue"]:co["maxValue"]] == claim.content
    assert 0 <= offsets["checkworthiness"]["value"] <= 1
    assert offsets["quoteType"]["value"] == claim.quote_type.value
    if claim.quote_type.value == "indirect":
        assert "hasPart" not in doc  # reported speech is no Quotation
    # It is JSON-LD that means what it says: author and appearance as RDF.
    g = _as_rdf(doc)
    node = URIRef(doc["@id"])
    assert (node, RDF.type, SDO.Claim) in g
    assert g.value(node, SDO.author) == URIRef(doc["author"]["@id"])
    assert (g.value(node, SDO.appearance), RDF.type, SDO.NewsArticle) in g
    # Ready for a ClaimReview.
    review = claim_review_stub(claim, "http://kg.test")
    assert review["@type"] == "ClaimReview" and review["itemReviewed"]["@type"] == "Claim"
    assert "@context" not in review["itemReviewed"]


def test_anonymous_author_is_described_not_named(xp: KG):
    (claim,) = reads.claims_by_ids(xp, ["xp-claim-anon"])
    doc = claim_jsonld(claim, "http://kg.test/")
    author = doc["author"]
    assert author["@type"] == "Person"
    assert "name" not in author
    assert author["description"] == "a senior U.S. official"
    # "U.S." is the country, not an organization named "U.S.".
    assert author["affiliation"] == {"@type": "Country", "name": "United States",
                                     "sameAs": "https://sws.geonames.org/6252001/"}
    assert author["@id"] == "http://kg.test/id/anonymous/xp-anon-1"
    assert doc["dateCreated"] == "2024-05-03"
    assert "hasPart" not in doc


def test_direct_quote_is_a_quotation_spoken_by_the_author(xp: KG):
    (claim,) = reads.claims_by_ids(xp, ["xp-claim-direct"])
    doc = claim_jsonld(claim, "http://kg.test")
    assert doc["author"] == {"@type": "Organization", "@id": "http://kg.test/id/entity/xp-azov",
                             "name": "Azov Brigade"}
    quote = doc["hasPart"]
    assert quote["@type"] == "Quotation" and quote["text"] == "We will respond"
    assert quote["spokenByCharacter"] == {"@id": doc["author"]["@id"]}
    assert quote["isPartOf"] == {"@id": doc["appearance"]["@id"]}
    assert "We will respond" in quote["description"]


def test_checkworthiness_ranks_a_factual_numeric_claim_above_a_vague_opinion(xp: KG):
    claims = {c.id: c for c in reads.claims_by_ids(xp, ["xp-claim-numeric", "xp-claim-vague"])}
    numeric, vague = claims["xp-claim-numeric"], claims["xp-claim-vague"]
    assert numeric.checkworthiness is not None and vague.checkworthiness is not None
    assert numeric.checkworthiness > vague.checkworthiness + 0.3
    assert "contains_numbers" in numeric.checkworthiness_reasons
    assert "verifiable_event" in numeric.checkworthiness_reasons
    assert "hedged" in vague.checkworthiness_reasons
    assert any(r.startswith("opinion_cue") for r in vague.checkworthiness_reasons)
    doc = claim_jsonld(numeric, "http://kg.test")
    reasons = [p["value"] for p in doc["additionalProperty"] if p["name"] ==
               "checkworthinessReason"]
    assert reasons == numeric.checkworthiness_reasons


@pytest.mark.parametrize(("better", "worse"), [
    (("Russian troops captured 3 villages near Bakhmut", "claim", 2, "indirect"),
     ("the situation is difficult", "say", 0, "indirect")),
    (("120 civilians were killed in the strike", "say", 0, "direct"),
     ("peace might come one day", "hope", 0, "indirect")),
])
def test_checkworthiness_score_orders_pairs(better: tuple, worse: tuple):
    assert checkworthiness.score(*better)[0] > checkworthiness.score(*worse)[0]


def test_seed_article_claims_are_ranked_for_fact_checkers(seeded: KG):
    rows = seeded.read(
        "MATCH (c:Claim {article_id: 'seed-ceasefire-call'}) "
        "RETURN c.content AS text, c.checkworthiness AS score, "
        "c.checkworthiness_reasons AS reasons")
    by_text = {r["text"]: r for r in rows}
    capture = next(r for t, r in by_text.items() if "captured Stepove" in t)
    hopeful = next(r for t, r in by_text.items() if t.startswith("confidence that"))
    assert capture["score"] > 0.6 and "verifiable_event" in capture["reasons"]
    assert hopeful["score"] < 0.2 and "hedged" in hopeful["reasons"]
    ranked = sorted(rows, key=lambda r: -r["score"])
    assert ranked.index(capture) < len(ranked) // 3  # near the top of the article's claims


@pytest.mark.parametrize(("text", "cue", "reason"), [
    ("several hundred civilians were relocated", "report", "quantity"),
    ("the bridge was hit overnight", "say", "specific_time"),
    ("the army will win", "say", "prediction"),
    ("the decision is unacceptable", "say", "evaluative"),
    ("no", "say", "too_short"),
])
def test_checkworthiness_reasons_fire(text: str, cue: str, reason: str):
    assert reason in checkworthiness.score(text, cue, 0, "indirect")[1]


def test_iris_use_the_configured_public_base_url(seeded: KG, settings):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.conftest import READ_KEY

    app = create_app(settings.model_copy(update={"public_base_url": "https://kg.example.net/"}))
    claim = reads.find_claims(seeded, speaker="Zelensky").items[0]
    with TestClient(app) as c:
        resp = c.get(f"/v1/claims/{claim.id}", params={"format": "jsonld"},
                     headers={"X-API-Key": READ_KEY})
    assert resp.status_code == 200, resp.text
    assert resp.json()["@id"] == f"https://kg.example.net/id/claim/{claim.id}"
