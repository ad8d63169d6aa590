"""Facility and Equipment entities in the real Neo4j and in the RDF and FtM exports."""

from __future__ import annotations

import json

import pytest
from followthemoney import model
from rdflib import RDF, Graph, URIRef

from graph.driver import Graph as KG
from graph.export import render
from graph.export.rdf import SDO
from graph.models import ArticleIn, EntityRecord, EntityType, ExtractionResult, Mention
from graph.writer import Neo4jWriter
from ingest.articles import prepare
from tests.export_fixtures import collect

BASE = "http://kg.test"
TEXT = "Crews at the Kolomna tram depot repaired an Su-27 trainer on Tuesday."


def _mention(part: str) -> Mention:
    s = TEXT.index(part)
    return Mention(start=s, end=s + len(part), text=part)


@pytest.fixture(scope="module")
def kinds(graph: KG) -> KG:
    art = prepare(ArticleIn(id="kd-art-1", text=TEXT, source="KD Wire", published="2024-02-06",
                            url="https://example.org/kd-1"))
    res = ExtractionResult(id="kd-art-1", extractor_version="t", entities=[
        EntityRecord(id="kd-depot", type=EntityType.FACILITY, name="Kolomna tram depot",
                     mentions=[_mention("Kolomna tram depot")]),
        EntityRecord(id="kd-su27", type=EntityType.EQUIPMENT, name="Su-27",
                     mentions=[_mention("Su-27")]),
    ])
    Neo4jWriter(graph)([art], [res])
    return graph


def test_facility_and_equipment_get_their_labels(kinds: KG) -> None:
    rows = kinds.read("MATCH (e:Entity) WHERE e.id IN ['kd-depot', 'kd-su27'] "
                      "RETURN e.id AS id, labels(e) AS labels ORDER BY id")
    assert [(r["id"], "Facility" in r["labels"], "Equipment" in r["labels"]) for r in rows] \
        == [("kd-depot", True, False), ("kd-su27", False, True)]


def test_rdf_and_ftm_map_the_new_types(kinds: KG) -> None:
    g = Graph()
    g.parse(data=collect(render(kinds, "turtle", base_url=BASE).chunks), format="turtle")
    assert (URIRef(f"{BASE}/id/entity/kd-depot"), RDF.type, SDO.CivicStructure) in g
    assert (URIRef(f"{BASE}/id/entity/kd-su27"), RDF.type, SDO.Product) in g
    ftm = [json.loads(x) for x in collect(render(kinds, "ftm", base_url=BASE).chunks)
           .splitlines() if x.strip()]
    names = {e["properties"].get("name", [""])[0]: e["schema"] for e in ftm}
    assert names["Kolomna tram depot"] == "RealEstate" and names["Su-27"] == "Asset"
    for data in ftm:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
