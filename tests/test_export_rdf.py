"""RDF exports against the real Neo4j: Turtle, N-Triples and JSON-LD parse back with rdflib,
agree with each other, and carry the facts (schema.org types, authors, appearances, PROV)."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from graph.driver import Graph as KG
from graph.export import Scope, render
from graph.export.rdf import PROV, SDO
from tests import export_fixtures
from tests.export_fixtures import collect

BASE = "http://kg.test"


@pytest.fixture(scope="module")
def xp(graph: KG) -> KG:
    export_fixtures.write(graph)
    return graph


def parse(graph: KG, fmt: str, scope: Scope | None = None, page_size: int = 3) -> Graph:
    text = collect(render(graph, fmt, scope=scope, base_url=BASE, page_size=page_size).chunks)
    g = Graph()
    g.parse(data=text, format={"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    return g


def iri(kind: str, node_id: str) -> URIRef:
    return URIRef(f"{BASE}/id/{kind}/{node_id}")


def test_turtle_nt_and_jsonld_round_trip_to_the_same_triples(xp: KG):
    # Small pages, so every section spans several pages and the concatenation is exercised.
    ttl, nt, jsonld = parse(xp, "turtle"), parse(xp, "nt"), parse(xp, "jsonld")
    assert len(ttl) > 100
    assert len(ttl) == len(nt) == len(jsonld)
    assert set(ttl) == set(nt) == set(jsonld)  # no blank nodes: triples compare directly
    counts = {
        cls: len(set(ttl.subjects(RDF.type, cls)))
        for cls in (SDO.Claim, SDO.NewsArticle, SDO.Person, SDO.Place)
    }
    db = xp.read("MATCH (c:Claim) WITH count(c) AS c MATCH (a:Article) "
                 "RETURN c, count(a) AS a")[0]
    assert counts[SDO.Claim] == db["c"]
    assert counts[SDO.NewsArticle] == db["a"]


def test_claim_facts_and_provenance(xp: KG):
    g = parse(xp, "turtle")
    claim = iri("claim", "xp-claim-numeric")
    art = iri("article", "xp-art-1")
    assert (claim, RDF.type, SDO.Claim) in g
    assert (claim, SDO.text, Literal("Russian forces shelled Kharkiv, killing 12 civilians")) in g
    assert (claim, SDO.author, iri("entity", "xp-reznikov")) in g
    assert (claim, SDO.appearance, art) in g
    assert (claim, SDO.about, iri("entity", "xp-kharkiv")) in g
    assert (claim, PROV.wasDerivedFrom, art) in g
    activity = g.value(claim, PROV.wasGeneratedBy)
    assert activity is not None and (activity, PROV.used, art) in g
    agent = g.value(activity, PROV.wasAssociatedWith)
    assert g.value(agent, SDO.softwareVersion) == Literal("xp-test-1")
    kg = f"{BASE}/ns#"
    assert g.value(claim, URIRef(kg + "contentStart")).toPython() == (
        export_fixtures.TEXT_1.index("Russian forces shelled"))
    assert float(g.value(claim, URIRef(kg + "checkworthiness"))) > 0.5
    # Articles, outlets, places.
    assert (art, SDO.headline, Literal("Shelling in Kharkiv")) in g
    assert (art, SDO.url, URIRef("https://example.org/xp-1")) in g
    assert g.value(art, SDO.publisher) == iri("source", "source:xp-wire")
    kharkiv = iri("entity", "xp-kharkiv")
    assert (kharkiv, RDF.type, SDO.Place) in g
    assert (kharkiv, SDO.sameAs, URIRef("https://sws.geonames.org/706483/")) in g
    # Roles keep their title and evidence.
    role = g.value(iri("entity", "xp-reznikov"), URIRef(kg + "hasRole"))
    assert g.value(role, SDO.roleName) == Literal("Defence Minister")
    assert g.value(role, PROV.wasDerivedFrom) == art


def test_anonymous_source_stays_apart_and_direct_quotes_are_quotations(xp: KG):
    g = parse(xp, "jsonld")
    anon_claim = iri("claim", "xp-claim-anon")
    author = g.value(anon_claim, SDO.author)
    assert author == iri("anonymous", "xp-anon-1")
    assert g.value(author, SDO.description) == Literal("a senior U.S. official")
    assert g.value(author, SDO.name) is None  # no name: nothing can merge it with a person
    quote = g.value(iri("claim", "xp-claim-direct"), SDO.hasPart)
    assert (quote, RDF.type, SDO.Quotation) in g
    assert g.value(quote, SDO.spokenByCharacter) == iri("entity", "xp-azov")
    assert g.value(anon_claim, SDO.hasPart) is None  # indirect speech is not a quotation


def test_date_range_scope(xp: KG):
    g = parse(xp, "nt", Scope(date_from="2024-06-01", date_to="2024-06-30"))
    claims = set(g.subjects(RDF.type, SDO.Claim))
    assert iri("claim", "xp-claim-vague") in claims
    assert iri("claim", "xp-claim-numeric") not in claims
    assert all(str(c).startswith(f"{BASE}/id/claim/") for c in claims)
    # What the June claim touches comes along; the May article does not.
    assert (iri("entity", "xp-peskov"), RDF.type, SDO.Person) in g
    assert (iri("article", "xp-art-2"), RDF.type, SDO.NewsArticle) in g
    assert (iri("article", "xp-art-1"), RDF.type, SDO.NewsArticle) not in g
    assert (iri("entity", "xp-kharkiv"), RDF.type, SDO.Place) not in g


def test_entity_neighbourhood_scope(xp: KG):
    g1 = parse(xp, "turtle", Scope(entity="xp-kharkiv", depth=1))
    subjects = {s for s in g1.subjects(RDF.type, None)}
    assert iri("entity", "xp-kharkiv") in subjects
    assert iri("claim", "xp-claim-numeric") in subjects  # about Kharkiv
    assert iri("article", "xp-art-1") in subjects  # mentions Kharkiv
    assert iri("claim", "xp-claim-vague") not in subjects
    assert iri("entity", "xp-peskov") not in subjects
    g2 = parse(xp, "turtle", Scope(entity="xp-kharkiv", depth=2))
    assert iri("entity", "xp-reznikov") in set(g2.subjects(RDF.type, None))  # speaker, 2 hops
    assert len(g2) > len(g1)


def test_http_rdf_streams_and_validates(client, xp: KG, settings):
    resp = client.get("/v1/export/rdf", params={"format": "turtle", "entity": "xp-kharkiv"})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=resp.text, format="turtle")
    base = settings.public_base_url.rstrip("/")  # configured, never the request host
    assert (URIRef(f"{base}/id/claim/xp-claim-numeric"), RDF.type, SDO.Claim) in g
    resp = client.get("/v1/export/rdf", params={"format": "json-ld", "date_from": "2024-06-01"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=resp.text, format="json-ld")) > 10
    bad = client.get("/v1/export/rdf", params={"entity": "xp-no-such-entity"})
    assert bad.status_code == 404 and bad.json()["error"]["code"] == "not_found"
    bad = client.get("/v1/export/rdf", params={"date_from": "last tuesday"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"
    bad = client.get("/v1/export/rdf", params={"format": "rdfxml"})
    assert bad.status_code == 422
    assert client.get("/v1/export/rdf", headers={"X-API-Key": ""}).status_code == 401


def test_scraped_urls_with_spaces_still_make_valid_rdf():
    from graph.export.rdf_writers import serialize_rdf
    from graph.export.stream import Node
    from graph.models import NodeLabel

    page = [Node(NodeLabel.ARTICLE, "xp-odd url", {"url": 'https://example.org/a b"c',
                                                    "title": 'He said "no"\nthen left'})]
    text = "".join(serialize_rdf(lambda: iter([page]), BASE, "nt"))
    g = Graph().parse(data=text, format="nt")
    art = URIRef(f"{BASE}/id/article/xp-odd%20url")
    assert g.value(art, SDO.url) == URIRef("https://example.org/a%20b%22c")
    assert str(g.value(art, SDO.headline)) == 'He said "no"\nthen left'
    ttl = "".join(serialize_rdf(lambda: iter([page]), BASE, "turtle"))
    assert set(Graph().parse(data=ttl, format="turtle")) == set(g)
