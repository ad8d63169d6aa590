"""Analysts' exports against the real Neo4j: GEXF and GraphML open with networkx, CSV (parts and
streamed zip), FollowTheMoney entities pass FtM's own validation."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from graph.driver import Graph as KG
from graph.export import Scope, render
from tests import export_fixtures
from tests.export_fixtures import XP_CLAIMS, XP_ENTITIES, collect


@pytest.fixture(scope="module")
def xp(graph: KG) -> KG:
    export_fixtures.write(graph)
    return graph


def _text(graph: KG, fmt: str, **kw: object) -> str:
    return collect(render(graph, fmt, page_size=4, **kw).chunks)  # type: ignore[arg-type]


def _edges(g: nx.MultiDiGraph, u: str, v: str) -> dict[str, dict]:
    return {d.get("label") or d.get("type"): d for d in g.get_edge_data(u, v).values()}


def test_gexf_opens_with_networkx_with_dynamic_start_dates(xp: KG, tmp_path):
    path = tmp_path / "g.gexf"
    path.write_text(_text(xp, "gexf"), "utf-8")
    g = nx.read_gexf(path)
    assert set(g.nodes) >= XP_CLAIMS | XP_ENTITIES
    claim = g.nodes["xp-claim-numeric"]
    assert claim["kind"] == "Claim" and claim["start"] == "2024-05-03"
    assert claim["checkworthiness"] > 0.5
    assert g.nodes["xp-art-2"]["start"] == "2024-06-10"
    assert g.nodes["xp-kharkiv"]["start"] == "2024-05-03"  # first mention
    assert g.nodes["xp-kharkiv"]["label"] == "Kharkiv"
    assert g.is_multigraph()  # the claim is ABOUT and TARGETS "Russian forces": two edges
    said = _edges(g, "xp-reznikov", "xp-claim-numeric")["SAID"]
    assert said["start"] == "2024-05-03"
    assert set(_edges(g, "xp-claim-numeric", "xp-russia")) == {"ABOUT", "TARGETS"}
    assert _edges(g, "xp-reznikov", "xp-modu")["HAS_ROLE"]["title"] == "Defence Minister"
    db = xp.read("MATCH (n) WHERE n:Claim OR n:Entity OR n:Article OR n:Source OR "
                 "n:AnonymousSource RETURN count(n) AS n")[0]["n"]
    assert g.number_of_nodes() == db


def test_graphml_opens_with_networkx(xp: KG, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text(_text(xp, "graphml"), "utf-8")
    g = nx.read_graphml(path)
    assert set(g.nodes) >= XP_CLAIMS | XP_ENTITIES
    assert g.nodes["xp-claim-anon"]["kind"] == "Claim"
    assert g.nodes["xp-anon-1"]["label"] == "a senior U.S. official"
    assert json.loads(g.nodes["xp-kharkiv"]["props"])["geonames_id"] == 706483
    edge = _edges(g, "xp-art-1", "xp-kharkiv")["MENTIONS"]
    assert edge["date"] == "2024-05-03"
    # Every edge's ends are nodes of the file (no dangling references in a scoped export).
    scoped = tmp_path / "s.graphml"
    scoped.write_text(_text(xp, "graphml", scope=Scope(entity="xp-peskov", depth=1)), "utf-8")
    s = nx.read_graphml(scoped)
    assert {"xp-peskov", "xp-claim-vague", "xp-art-2"} <= set(s.nodes)
    assert "xp-claim-numeric" not in s.nodes


def test_csv_parts_and_streamed_zip(xp: KG):
    nodes = list(csv.DictReader(io.StringIO(_text(xp, "csv", part="nodes"))))
    edges = list(csv.DictReader(io.StringIO(_text(xp, "csv", part="edges"))))
    by_id = {r["id"]: r for r in nodes}
    assert by_id["xp-claim-vague"]["kind"] == "Claim"
    assert by_id["xp-claim-vague"]["date"] == "2024-06-10"
    assert json.loads(by_id["xp-claim-vague"]["props"])["cue"] == "hope"
    assert {"source": "xp-peskov", "target": "xp-claim-vague", "type": "SAID"}.items() <= next(
        e for e in edges if e["target"] == "xp-claim-vague" and e["type"] == "SAID").items()
    ids = set(by_id)
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    data = b"".join(c if isinstance(c, bytes) else c.encode()
                    for c in render(xp, "csv", part="zip", page_size=4).chunks)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        zipped = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode())))
    assert len(zipped) == len(nodes)


def _ftm_entities(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ftm_passes_followthemoney_validation(xp: KG, tmp_path):
    text = _text(xp, "ftm")
    entities = _ftm_entities(text)
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)  # no id emitted twice
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Organization", "Address", "Article", "LegalEntity", "Documentation",
            "Mention", "UnknownLink", "Membership"} <= schemata
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
        schema.validate(data)  # raises InvalidData on a bad value
        for req in schema.required:
            assert data["properties"].get(req), (data["schema"], req, data)
        proxy = model.get_proxy(data, cleaned=False)
        for prop, values in data["properties"].items():
            assert proxy.get(prop) == values  # cleaning changed nothing
            ptype = schema.properties[prop].type
            if ptype.name == "entity":  # references resolve within the export, right schema
                for ref in values:
                    assert ref in ids, (data["schema"], prop, ref)
                    target = next(e for e in entities if e["id"] == ref)
                    rng = schema.properties[prop].range
                    assert model.get(target["schema"]).is_a(rng), (prop, target["schema"], rng)
    # followthemoney's own CLI re-parses and validates: nothing may be lost.
    path = tmp_path / "x.ftm.json"
    path.write_text(text, "utf-8")
    ftm = Path(sys.executable).parent / "ftm"  # the package's console script
    run = subprocess.run([str(ftm), "validate", "-i", str(path)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert len(_ftm_entities(run.stdout)) == len(entities)
    # Anonymous sources keep their article in the name: cross-referencing cannot merge them.
    anons = [e for e in entities if e["schema"] == "LegalEntity"]
    assert all("(anonymous source, article " in e["properties"]["name"][0] for e in anons)
    anon = next(e for e in anons if e["properties"]["description"] == ["a senior U.S. official"])
    assert anon["properties"]["name"] == [
        "a senior U.S. official (anonymous source, article xp-art-1)"]
    doc = next(e for e in entities if e["schema"] == "Documentation"
               and e["properties"].get("recordId") == ["xp-claim-numeric"])
    assert doc["properties"]["summary"] == [
        "Russian forces shelled Kharkiv, killing 12 civilians"]


def test_ftm_roles_found_in_two_articles_are_two_memberships():
    from graph.export.ftm import FtmMapper
    from graph.export.stream import Edge
    from graph.models import RelType

    mapper = FtmMapper()
    edges = [Edge(RelType.HAS_ROLE, "p1", "o1", {"title": "leader", "article_id": a,
                                                  "start": 5, "target_kind": "Organization"})
             for a in ("art-a", "art-b")]
    out = [e for edge in edges for e in mapper.of(edge)]
    assert [e["schema"] for e in out] == ["Membership", "Membership"]
    assert out[0]["id"] != out[1]["id"]
    assert [e["properties"]["recordId"] for e in out] == [["art-a"], ["art-b"]]
