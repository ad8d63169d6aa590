"""The OpenAPI document generates a working client: openapi-python-client writes one into a
tmp dir and it calls the real server (uvicorn on a free loopback port)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from graph.export.context import SDO
from tests.conftest import READ_KEY
from tests.interop_fixtures import MAREN, InteropGraph
from tests.web_fixtures import serve_app

pytest_plugins = ("tests.interop_fixtures",)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def live(interop_graph: InteropGraph, settings) -> Iterator[str]:
    with serve_app(settings, "openapi-test-uvicorn") as url:
        yield url


@pytest.fixture(scope="module")
def spec(client) -> dict:
    return client.get("/openapi.json").json()


@pytest.fixture(scope="module")
def kgc(spec: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    out = tmp_path_factory.mktemp("client")
    path = out / "openapi.json"
    path.write_text(json.dumps(spec), "utf-8")
    exe = Path(sys.executable).with_name("openapi-python-client")
    proc = subprocess.run(
        [str(exe), "generate", "--path", str(path), "--config",
         str(REPO / "docs" / "openapi-client.yaml"), "--meta", "none", "--fail-on-warning",
         "--output-path", str(out / "conflict_kg_client")],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("conflict_kg_client")
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.startswith("conflict_kg_client")]:
            del sys.modules[name]


def test_spec_declares_security_errors_media_and_unique_names(spec: dict):
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiKeyHeader"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schemes["BearerToken"]["scheme"] == "bearer"
    assert "Timeline" in spec["components"]["schemas"]
    assert "BucketSize" in spec["components"]["schemas"]
    paths = spec["paths"]
    for path, item in paths.items():
        for method, op in item.items():
            names = [p["name"].lower() for p in op.get("parameters", [])]
            assert "x-api-key" not in names and "authorization" not in names, (path, method)
            if path.startswith("/v1/"):
                assert op["security"], (path, method)
                for code in ("401", "403", "404", "422", "429"):
                    ref = op["responses"][code]["content"]["application/json"]["schema"]
                    assert ref == {"$ref": "#/components/schemas/ErrorOut"}, (path, code)
            if "requestBody" in op:
                schema = op["requestBody"]["content"]["application/json"]["schema"]
                assert schema and schema != {}, (path, method)
    media = {p: list(paths[p]["get"]["responses"]["200"]["content"]) for p in (
        "/v1/export/rdf", "/v1/export/graphml", "/v1/export/gexf", "/v1/export/csv",
        "/v1/feed/claims/stream", "/v1/claims/{claim_id}/jsonld", "/id/{kind}/{node_id}")}
    assert media["/v1/export/rdf"] == ["text/turtle", "application/ld+json",
                                       "application/n-triples"]
    assert media["/v1/export/graphml"] == ["application/graphml+xml"]
    assert media["/v1/export/gexf"] == ["application/gexf+xml"]
    assert media["/v1/export/csv"] == ["text/csv", "application/zip"]
    assert media["/v1/feed/claims/stream"] == ["text/event-stream"]
    assert media["/v1/claims/{claim_id}/jsonld"] == ["application/ld+json"]
    assert media["/id/{kind}/{node_id}"] == ["application/ld+json", "text/turtle"]
    assert paths["/v1/articles"]["post"]["requestBody"]["content"]["application/json"][
        "schema"]["anyOf"][0] == {"$ref": "#/components/schemas/ArticleIn"}


def test_generated_client_round_trip(kgc, live: str, interop_graph: InteropGraph, settings,
                                     offline):
    from conflict_kg_client import AuthenticatedClient
    from conflict_kg_client.api.claims import get_claim, get_claim_jsonld, list_claims
    from conflict_kg_client.api.export import export_graphml, export_rdf
    from conflict_kg_client.api.feed import feed_claims

    c = AuthenticatedClient(base_url=live, token=READ_KEY, timeout=60)  # the bearer scheme
    page = list_claims.sync(client=c, speaker=MAREN, limit=10)
    assert {x.id for x in page.items} >= {interop_graph.seized, interop_graph.ferry}
    seized = next(x for x in page.items if x.id == interop_graph.seized)
    assert seized.evidence.article_id == "t13-art-1"

    doc = get_claim_jsonld.sync(client=c, claim_id=interop_graph.seized)
    body = doc.to_dict()
    g = Graph().parse(data=json.dumps(body), format="json-ld")
    base = settings.public_base_url.rstrip("/")
    assert (URIRef(f"{base}/id/claim/{interop_graph.seized}"), RDF.type, SDO.Claim) in g

    # The older spelling, GET /v1/claims/{id}?format=jsonld, works from a client too.
    from conflict_kg_client.models import GetClaimFormat

    detail = get_claim.sync(client=c, claim_id=interop_graph.seized)
    assert detail.claim.id == interop_graph.seized
    as_ld = get_claim.sync(client=c, claim_id=interop_graph.seized, format_=GetClaimFormat.JSONLD)
    assert as_ld.to_dict()["@id"] == body["@id"]

    ttl = export_rdf.sync_detailed(client=c, entity=MAREN, depth=1)
    assert ttl.status_code == 200
    assert len(Graph().parse(data=ttl.content.decode("utf-8"), format="turtle")) > 10
    graphml = export_graphml.sync_detailed(client=c, entity=MAREN, depth=1)
    assert graphml.status_code == 200 and graphml.content.startswith(b"<?xml")

    feed = feed_claims.sync(client=c, since="", limit=500)
    assert feed.items and feed.next_  # "next" is a builtin: the generator adds "_"
    assert type(feed).__name__ == "PageClaimOut"
    from conflict_kg_client.models import FeedShape

    reviews = feed_claims.sync(client=c, since="", limit=50, shape=FeedShape.CLAIMREVIEW)
    assert type(reviews).__name__ == "JsonLdPage"
    first = reviews.items[0].to_dict()
    assert first["@type"] == "ClaimReview"
    assert len(Graph().parse(data=json.dumps(first), format="json-ld")) > 5
    missing = get_claim_jsonld.sync_detailed(client=c, claim_id="t13-no-such-claim")
    assert missing.status_code == 404
    assert missing.parsed.error.code == "not_found"
