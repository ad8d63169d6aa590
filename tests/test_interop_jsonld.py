"""Fact-check interop, offline: every JSON-LD and RDF answer parses with rdflib while the
network is blocked; the kg: vocabulary comes from configuration; every @id dereferences."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from graph.export.context import SDO
from tests.conftest import READ_KEY
from tests.interop_fixtures import BUREAU, MAREN, UKRAINE, InteropGraph

pytest_plugins = ("tests.interop_fixtures",)


@pytest.fixture
def anon(client):
    """The same app without a key."""
    saved = client.headers.pop("X-API-Key")
    yield client
    client.headers["X-API-Key"] = saved


def _parse(text: str, fmt: str) -> Graph:
    return Graph().parse(data=text, format=fmt)


def test_the_socket_guard_blocks_the_network(offline):
    with pytest.raises(OSError):
        socket.create_connection(("93.184.215.14", 80), timeout=2)
    remote = json.dumps({"@context": "https://schema.org", "@type": "Claim", "text": "x"})
    with pytest.raises(Exception):  # noqa: B017 - rdflib wraps the URL error in several ways
        Graph().parse(data=remote, format="json-ld")
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/", timeout=2)


def test_context_is_served_and_inlined(client, settings, interop_graph: InteropGraph, offline):
    ctx = client.get("/ns/context.jsonld")
    assert ctx.status_code == 200 and ctx.headers["content-type"].startswith(
        "application/ld+json")
    assert ctx.headers["x-kg-context-version"] == "1"
    base = settings.public_base_url.rstrip("/")
    assert ctx.json()["@context"]["kg"] == f"{base}/ns#"
    doc = client.get(f"/v1/claims/{interop_graph.seized}/jsonld").json()
    assert doc["@context"] == ctx.json()["@context"]
    g = _parse(json.dumps(doc), "json-ld")
    claim = URIRef(f"{base}/id/claim/{interop_graph.seized}")
    assert (claim, RDF.type, SDO.Claim) in g
    assert (claim, SDO.url, claim) in g  # an IRI, not a string


def test_vocabulary_does_not_follow_the_request_host(client, settings, interop_graph, offline):
    a = client.get(f"/v1/claims/{interop_graph.seized}/jsonld").json()
    b = client.get(f"/v1/claims/{interop_graph.seized}/jsonld",
                   headers={"Host": "other.example:9999"}).json()
    assert a == b
    assert "other.example" not in json.dumps(b)
    assert a["@id"].startswith(settings.public_base_url.rstrip("/") + "/id/claim/")


def test_author_roles_and_anonymous_affiliation(client, settings, interop_graph, offline):
    base = settings.public_base_url.rstrip("/")
    named = client.get(f"/v1/claims/{interop_graph.seized}/jsonld").json()["author"]
    assert named["@id"] == f"{base}/id/entity/{MAREN}"
    assert named["jobTitle"] == "director"
    assert named["affiliation"]["@id"] == f"{base}/id/entity/{BUREAU}"
    assert named["affiliation"]["name"] == "Harbour Bureau"
    doc = client.get(f"/v1/claims/{interop_graph.shelled}/jsonld").json()
    author = doc["author"]
    assert "name" not in author and author["description"] == "a Ukrainian official"
    aff = author["affiliation"]
    # The country, never an organization called "Ukrainian".
    assert aff["@type"] == "Country" and aff["name"] == "Ukraine"
    assert aff["sameAs"] == "https://sws.geonames.org/690791/"
    assert aff["@id"] == f"{base}/id/entity/{UKRAINE}"
    g = _parse(json.dumps(doc), "json-ld")
    assert not list(g.triples((None, RDF.type, SDO.Organization)))
    # The RDF export says the same with the GeoNames IRI.
    nt = client.get("/v1/export/rdf", params={"format": "nt", "entity": interop_graph.shelled,
                                              "depth": 1}).text
    anon_iri = URIRef(author["@id"])
    assert _parse(nt, "nt").value(anon_iri, SDO.affiliation) == URIRef(
        "https://sws.geonames.org/690791/")


def test_appearance_url_falls_back_to_the_article_iri(client, settings, interop_graph, offline):
    base = settings.public_base_url.rstrip("/")
    doc = client.get(f"/v1/claims/{interop_graph.ferry}/jsonld").json()
    art = f"{base}/id/article/t13-art-2"
    assert doc["appearance"]["url"] == art and doc["firstAppearance"]["url"] == art
    spaced = client.get(f"/v1/claims/{interop_graph.seized}/jsonld").json()
    assert spaced["appearance"]["url"] == "https://example.org/t13%20ports"
    assert len(_parse(json.dumps(spaced), "json-ld")) > 10


def test_every_id_in_a_claim_dereferences(client, interop_graph, settings, offline):
    base = settings.public_base_url.rstrip("/")
    doc = client.get(f"/v1/claims/{interop_graph.seized}/jsonld").json()
    ids: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("@id"), str):
                ids.add(node["@id"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    ours = {i for i in ids if i.startswith(base + "/id/")}
    assert len(ours) >= 3
    for iri in ours:
        # A hash IRI is described by the document of the IRI before the '#'.
        resp = client.get(iri.split("#")[0].removeprefix(base),
                          headers={"Accept": "text/turtle"})
        assert resp.status_code == 200, (iri, resp.text)
        assert (URIRef(iri), None, None) in _parse(resp.text, "turtle"), iri


def test_id_content_negotiation_and_access(anon, client, interop_graph, settings, offline):
    base = settings.public_base_url.rstrip("/")
    path = f"/id/claim/{interop_graph.seized}"
    ld = anon.get(path, headers={"Accept": "application/ld+json"})
    assert ld.status_code == 200 and ld.headers["content-type"].startswith(
        "application/ld+json")
    assert (URIRef(base + path), RDF.type, SDO.Claim) in _parse(ld.text, "json-ld")
    ttl = anon.get(path, headers={"Accept": "text/turtle;q=0.9, application/ld+json;q=0.5"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    kg = Namespace(f"{base}/ns#")
    g = _parse(ttl.text, "turtle")
    assert g.value(URIRef(base + path), kg.cue) is not None
    html = anon.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                    follow_redirects=False)
    assert html.status_code == 303
    assert html.headers["location"] == (
        f"/#e={MAREN.replace(':', '%3A')}&sel={interop_graph.seized}")
    # Sources are public by default; entities need a read key (KG_ID_PUBLIC_KINDS).
    src = anon.get("/id/source/" + _source_id(client, interop_graph), params={"format": "jsonld"})
    assert src.status_code == 200, src.text
    assert len(_parse(src.text, "json-ld")) >= 2
    assert anon.get(f"/id/entity/{MAREN}").status_code == 401
    ent = client.get(f"/id/entity/{MAREN}", params={"format": "turtle"},
                     headers={"X-API-Key": READ_KEY})
    assert ent.status_code == 200
    assert (URIRef(f"{base}/id/entity/{MAREN}"), RDF.type, SDO.Person) in _parse(ent.text,
                                                                                "turtle")
    # An id asked for as the wrong kind is not there.
    wrong = client.get(f"/id/entity/{interop_graph.seized}", headers={"X-API-Key": READ_KEY})
    assert wrong.status_code == 404 and wrong.json()["error"]["code"] == "not_found"
    assert anon.get("/id/claim/t13-no-such-claim").status_code == 404
    assert anon.get("/id/planet/x").status_code == 422


def _source_id(client, interop_graph: InteropGraph) -> str:
    sources = client.get("/v1/sources", params={"limit": 200},
                         headers={"X-API-Key": READ_KEY}).json()["items"]
    return next(s["id"] for s in sources if s["name"] == "Port Wire T13")


@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("nt", "nt"),
                                              ("json-ld", "json-ld")])
def test_every_rdf_export_parses_offline(client, interop_graph, fmt, parser, offline):
    resp = client.get("/v1/export/rdf", params={"format": fmt, "entity": MAREN, "depth": 2})
    assert resp.status_code == 200, resp.text
    g = _parse(resp.text, parser)
    assert len(g) > 20
    assert "https://schema.org\"" not in resp.text  # no remote context anywhere


def test_every_kg_term_we_emit_is_defined_at_ns(anon, client, interop_graph, settings,
                                                 offline):
    from rdflib import RDFS

    base = settings.public_base_url.rstrip("/")
    kg = f"{base}/ns#"
    vocab = _parse(anon.get("/ns").text, "turtle")
    defined = {str(s) for s in vocab.subjects(RDFS.isDefinedBy, URIRef(f"{base}/ns"))}
    assert len(_parse(anon.get("/ns", params={"format": "jsonld"}).text, "json-ld")) == len(vocab)
    used: set[str] = set()
    export = client.get("/v1/export/rdf", params={"format": "nt"}, headers={
        "X-API-Key": READ_KEY}).text
    for _s, p, o in _parse(export, "nt"):
        used.update(str(t) for t in (p, o) if str(t).startswith(kg))
    doc = client.get(f"/v1/claims/{interop_graph.shelled}/jsonld",
                     headers={"X-API-Key": READ_KEY}).text
    for _s, p, o in _parse(doc, "json-ld"):
        used.update(str(t) for t in (p, o) if str(t).startswith(kg))
    assert f"{kg}AnonymousSource" in used and f"{kg}cue" in used
    assert used <= defined, used - defined


def test_accept_header_negotiation():
    from api.routes.ids import negotiate

    assert negotiate(None) == "jsonld"
    assert negotiate("*/*") == "jsonld"
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8") == "html"
    assert negotiate("application/ld+json;q=0.4, text/turtle") == "turtle"
    assert negotiate("text/turtle;q=0, application/json") == "jsonld"
    assert negotiate("text/turtle;q=0") == "jsonld"
    assert negotiate("text/html", default="turtle", offers=("jsonld", "turtle")) == "turtle"
