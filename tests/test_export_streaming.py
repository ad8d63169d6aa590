"""Exports stream: chunks come out while Neo4j is still being paged, over HTTP too."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import networkx as nx
import pytest

from graph.driver import Graph as KG
from graph.export import render
from tests import export_fixtures


@pytest.fixture(scope="module")
def xp(graph: KG) -> KG:
    export_fixtures.write(graph)
    return graph


class CountingGraph(KG):
    """The real graph, counting the reads it is asked for."""

    def __init__(self, inner: KG) -> None:
        super().__init__(inner.driver, inner.database)
        self.reads = 0

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        self.reads += 1
        return super().read(cypher, **params)


@pytest.mark.parametrize("fmt", ["nt", "turtle", "jsonld", "graphml", "gexf", "ftm", "csv"])
def test_first_chunks_come_before_the_graph_is_read(xp: KG, fmt: str):
    g = CountingGraph(xp)
    out = render(g, fmt, page_size=2, part="nodes")
    chunks = iter(out.chunks)
    body = [next(chunks)]
    while g.reads == 0:  # headers come before any read: pull up to the first page's chunk
        body.append(next(chunks))
    early = g.reads
    body.extend(chunks)
    assert early <= 3, f"{fmt} read {early} pages before yielding its first page"
    assert g.reads > 10  # page size 2: many pages
    assert len(body) > 5  # chunk by chunk, not one blob


def test_http_graph_exports(client, xp: KG):
    resp = client.get("/v1/export/gexf", params={"entity": "xp-peskov"})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/gexf+xml")
    assert 'filename="conflict-kg.gexf"' in resp.headers["content-disposition"]
    g = nx.read_gexf(io.BytesIO(resp.content))
    assert {"xp-peskov", "xp-claim-vague"} <= set(g.nodes)
    resp = client.get("/v1/export/graphml", params={"date_from": "2024-06-01",
                                                    "date_to": "2024-06-30"})
    assert resp.status_code == 200
    assert "xp-claim-vague" in nx.read_graphml(io.BytesIO(resp.content)).nodes
    resp = client.get("/v1/export/csv", params={"part": "edges", "entity": "xp-peskov"})
    assert resp.headers["content-type"].startswith("text/csv")
    edges = list(csv.DictReader(io.StringIO(resp.text)))
    assert {"source": "xp-peskov", "target": "xp-claim-vague", "type": "SAID"}.items() <= next(
        e for e in edges if e["type"] == "SAID").items()
    resp = client.get("/v1/export/csv", params={"entity": "xp-peskov"})
    assert resp.headers["content-type"] == "application/zip"
    assert sorted(zipfile.ZipFile(io.BytesIO(resp.content)).namelist()) == [
        "edges.csv", "nodes.csv"]
    resp = client.get("/v1/export/ftm", params={"entity": "xp-peskov"})
    assert resp.headers["content-type"].startswith("application/x-ndjson")
    assert '"schema": "Person"' in resp.text and '"Dmitry Peskov"' in resp.text
    bad = client.get("/v1/export/gexf", params={"depth": 9, "entity": "xp-peskov"})
    assert bad.status_code == 422
