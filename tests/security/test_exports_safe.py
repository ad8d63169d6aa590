"""Safe exports (issue 14, findings 7 and 9): no formula cells in CSV, no javascript: URLs as
schema:url in RDF, against articles written into the real Neo4j."""

from __future__ import annotations

import csv
import io
import uuid

from rdflib import Graph as RdfGraph
from rdflib import URIRef

from graph.driver import Graph
from graph.export import render
from graph.export.csv import cell
from graph.export.rdf import SDO, web_url
from graph.export.stream import Scope
from graph.models import ArticleIn, EntityRecord, EntityType, ExtractionResult, Mention
from graph.writer import Neo4jWriter
from ingest.articles import prepare
from tests.export_fixtures import collect

FORMULAS = ["=cmd|'/C calc'!A0", '=HYPERLINK("http://evil.example","x")', "+1+2", "-3+4",
            "@SUM(1,2)", "\tindent", "\rcarriage"]


def test_cell_neutralises_every_formula_start() -> None:
    for value in FORMULAS:
        assert cell(value) == "'" + value
    for value in ("Kyiv", "2025-01-02", "", "a=b", "{\"k\": 1}"):
        assert cell(value) == value


def test_web_url_keeps_only_http_and_https() -> None:
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
                "vbscript:x", "file:///etc/passwd", "http:/no-host", None, 7):
        assert web_url(bad) is None


def _write(graph: Graph, tag: str) -> tuple[str, str]:
    text = "The city council met. " + " ".join(f"Name{i} spoke." for i in range(len(FORMULAS)))
    bad = prepare(ArticleIn(id=f"=sx-{tag}", text=text, title=FORMULAS[1],
                            url="javascript:alert(document.cookie)", source="@Evil Wire"))
    good = prepare(ArticleIn(id=f"sx-{tag}-ok", text=text + " ok", title="Fine",
                             url=f"https://example.org/{tag}"))
    ents = [EntityRecord(id=f"sx-{tag}-{i}", type=EntityType.PERSON, name=name,
                         mentions=[Mention(start=0, end=3, text="The")])
            for i, name in enumerate(FORMULAS)]
    Neo4jWriter(graph)([bad, good], [ExtractionResult(id=bad.id, extractor_version="t",
                                                      entities=ents)])
    return bad.id, good.id


def test_csv_export_has_no_formula_cells(graph: Graph) -> None:
    bad_id, _ = _write(graph, uuid.uuid4().hex[:8])
    scope = Scope(entity=bad_id, depth=1)
    for part in ("nodes", "edges"):
        text = collect(render(graph, "csv", scope=scope, part=part).chunks)
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) > 1
        for row in rows:
            for value in row:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (part, value)
    nodes = collect(render(graph, "csv", scope=scope, part="nodes").chunks)
    assert "'=HYPERLINK" in nodes and "'@SUM(1,2)" in nodes and "'-3+4" in nodes


def test_rdf_exports_only_web_urls_as_schema_url(graph: Graph) -> None:
    bad_id, good_id = _write(graph, uuid.uuid4().hex[:8])
    urls = []
    for aid in (bad_id, good_id):
        g = RdfGraph()
        g.parse(data=collect(render(graph, "turtle", scope=Scope(entity=aid, depth=0)).chunks),
                format="turtle")
        urls += [str(o) for o in g.objects(None, URIRef(str(SDO.url)))]
    assert urls and all(u.startswith("https://example.org/") for u in urls), urls


def test_claim_jsonld_appearance_never_links_a_javascript_url() -> None:
    from graph.export.jsonld import appearance_jsonld
    from graph.models import ClaimOut, Evidence, QuoteType, SpeakerRef

    def claim(url: str) -> ClaimOut:
        return ClaimOut(id="claim:x", speaker=SpeakerRef(id="person:x", name="X", type="Person"),
                        cue="say", content="it is so", quote_type=QuoteType.INDIRECT,
                        evidence=Evidence(article_id="art-x", url=url))

    base = "https://kg.example.org"
    bad = appearance_jsonld(claim("javascript:alert(document.cookie)"), base)
    assert bad["url"] == bad["@id"] and bad["url"].startswith(base + "/id/article/")
    good = appearance_jsonld(claim("https://news.example.org/a"), base)
    assert good["url"] == "https://news.example.org/a"
