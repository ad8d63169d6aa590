"""Neighbors, paths, relationship, timeline and search against the real Neo4j."""

from __future__ import annotations

from graph.driver import Graph
from tests.api_fixtures import AUREL, BRIGADE, LONER, MINISTRY, PETRENKO, VARGA, ApiGraph

pytest_plugins = ("tests.api_fixtures",)  # the api_graph fixture


def _check_evidence(api_graph: ApiGraph, ev: dict) -> None:
    assert ev["article_id"] and ev["title"] and ev["url"] and ev["outlet"] and ev["published"]
    if ev["sentence"] is not None:
        text = api_graph.texts[ev["article_id"]]
        assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
        assert ev["sentence_start"] <= ev["start"] < ev["end"] <= ev["sentence_end"]


def test_neighbors_depth_one_has_every_edge_kind_with_evidence(client, api_graph: ApiGraph):
    resp = client.get(f"/v1/entities/{PETRENKO}/neighbors")
    assert resp.status_code == 200, resp.text
    sub = resp.json()
    nodes = {n["id"]: n for n in sub["nodes"]}
    assert {PETRENKO, VARGA, AUREL, MINISTRY} <= set(nodes)
    assert BRIGADE not in nodes  # two hops away
    assert nodes[AUREL]["lat"] == 46.5 and nodes[VARGA]["mentions"] >= 3
    edges = {(e["type"], e["source"], e["target"]): e for e in sub["edges"]}
    claim = edges[("CLAIM_ABOUT", PETRENKO, VARGA)]
    assert claim["weight"] == 2 and len(claim["claim_ids"]) == 2
    role = edges[("HAS_ROLE", PETRENKO, MINISTRY)]
    assert role["title"] == "spokesperson" and role["evidence"]
    co = edges[("CO_MENTIONED", PETRENKO, AUREL)]
    assert co["weight"] == 2
    for e in sub["edges"]:
        assert e["source"] in nodes and e["target"] in nodes
        assert e["evidence"], e
        for ev in e["evidence"]:
            _check_evidence(api_graph, ev)
    assert co["evidence"][0]["sentence"]  # both in one sentence: that sentence is the evidence


def test_neighbors_filters_limits_and_claim_nodes(client, api_graph: ApiGraph):
    two = client.get(f"/v1/entities/{PETRENKO}/neighbors", params={"depth": 2}).json()
    assert BRIGADE in {n["id"] for n in two["nodes"]}
    only_claims = client.get(f"/v1/entities/{PETRENKO}/neighbors",
                             params={"rel_types": "CLAIM_ABOUT"}).json()
    assert {e["type"] for e in only_claims["edges"]} == {"CLAIM_ABOUT"}
    places = client.get(f"/v1/entities/{VARGA}/neighbors", params={"types": "Place"}).json()
    assert {n["type"] for n in places["nodes"] if n["id"] != VARGA} == {"Place"}
    small = client.get(f"/v1/entities/{VARGA}/neighbors", params={"limit": 2, "depth": 2}).json()
    assert len(small["nodes"]) == 2 and small["truncated"] is True
    # The heaviest neighbor is kept: Port Aurel (4 shared articles, 9 claims about it).
    assert AUREL in {n["id"] for n in small["nodes"]}
    dated = client.get(f"/v1/entities/{VARGA}/neighbors",
                       params={"date_from": "2025-03-01", "rel_types": "CLAIM_ABOUT"}).json()
    edge = next(e for e in dated["edges"] if e["target"] == AUREL)
    assert edge["weight"] == 6  # only the March convoy claims
    with_claims = client.get(f"/v1/entities/{PETRENKO}/neighbors",
                             params={"include_claims": "true"}).json()
    claim_nodes = [n for n in with_claims["nodes"] if n["type"] == "Claim"]
    assert claim_nodes and all(n["content"] for n in claim_nodes)
    kinds = {e["type"] for e in with_claims["edges"]}
    assert {"SAID", "ABOUT"} <= kinds
    resp = client.get(f"/v1/entities/{PETRENKO}/neighbors", params={"depth": 4})
    assert resp.status_code == 422
    resp = client.get("/v1/entities/t5:nobody-qqq/neighbors")
    assert resp.status_code == 404


def test_neighbors_by_name_equal_neighbors_by_id(client, api_graph: ApiGraph):
    # An id's first level and the entity come in one read; a name is resolved first.
    for params in ({}, {"depth": 2}, {"date_from": "2020-01-01"}):
        by_id = client.get(f"/v1/entities/{PETRENKO}/neighbors", params=params)
        by_name = client.get("/v1/entities/Marko Petrenko/neighbors", params=params)
        assert by_id.status_code == by_name.status_code == 200, by_name.text
        assert by_id.json() == by_name.json()
        assert by_id.json()["nodes"][0]["id"] == PETRENKO
        assert len(by_id.json()["nodes"]) > 1


def test_path_between_witkoff_and_zelensky(client, seeded: Graph):
    resp = client.get("/v1/paths", params={"from": "Witkoff", "to": "Zelensky"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["source"]["name"] == "Steve Witkoff"
    assert body["target"]["name"] == "Volodymyr Zelensky"
    best = body["paths"][0]
    assert best["length"] == 1
    assert best["nodes"][0]["name"] == "Steve Witkoff"
    assert best["nodes"][-1]["name"] == "Volodymyr Zelensky"
    assert best["hops"][0]["evidence"][0]["article_id"]


def test_paths_with_evidence_k_and_no_path(client, api_graph: ApiGraph):
    body = client.get("/v1/paths", params={"from": BRIGADE, "to": "Ministry of Tidewater",
                                           "k": 3}).json()
    assert body["paths"], body
    lengths = [p["length"] for p in body["paths"]]
    assert lengths == sorted(lengths) and lengths[0] == 2
    sequences = [tuple(n["id"] for n in p["nodes"]) for p in body["paths"]]
    assert len(set(sequences)) == len(sequences)  # distinct paths through different entities
    for p in body["paths"]:
        assert p["nodes"][0]["id"] == BRIGADE and p["nodes"][-1]["id"] == MINISTRY
        for hop, (a, b) in zip(p["hops"], zip(p["nodes"], p["nodes"][1:], strict=False),
                               strict=True):
            assert (hop["source"], hop["target"]) == (a["id"], b["id"])
            assert hop["evidence"]
            for ev in hop["evidence"]:
                _check_evidence(api_graph, ev)
    one = client.get("/v1/paths", params={"from": BRIGADE, "to": MINISTRY, "max_hops": 1})
    assert one.json()["paths"] == []
    lonely = client.get("/v1/paths", params={"from": LONER, "to": VARGA}).json()
    assert lonely["paths"] == []
    missing = client.get("/v1/paths", params={"from": "t5:nobody-qqq", "to": VARGA})
    assert missing.status_code == 404


def test_relationship_between_two_entities(client, api_graph: ApiGraph):
    resp = client.get(f"/v1/entities/{PETRENKO}/relationship/{VARGA}")
    assert resp.status_code == 200, resp.text
    rel = resp.json()
    assert rel["a"]["id"] == PETRENKO and rel["b"]["id"] == VARGA
    assert rel["co_mention_articles"] == 2
    assert {e["article_id"] for e in rel["co_mentions"]} == {"t5-art-1", "t5-art-3"}
    for ev in rel["co_mentions"]:
        _check_evidence(api_graph, ev)
        assert "Varga" in ev["sentence"] and "Petrenko" in ev["sentence"]
    assert {c["cue"] for c in rel["claims_a_about_b"]} == {"accuse"}
    assert rel["claims_b_about_a"] == []
    roles = client.get(f"/v1/entities/{PETRENKO}/relationship/{MINISTRY}").json()["roles"]
    assert roles[0]["title"] == "spokesperson"


def test_timeline_buckets(client, api_graph: ApiGraph):
    resp = client.get("/v1/timeline", params={"entity": VARGA, "bucket": "month"})
    assert resp.status_code == 200, resp.text
    tl = resp.json()
    assert tl["entity"]["id"] == VARGA and tl["bucket"] == "month"
    by = {b["period"]: b for b in tl["buckets"]}
    assert list(by) == sorted(by)
    assert by["2025-03"]["claim_count"] == 6 and len(by["2025-03"]["claims"]) == 6
    assert by["2025-01"]["articles"] == 1 and by["2025-02"]["articles"] == 2
    # Petrenko's accusation is about Varga: it is on her timeline too.
    assert "accuse" in {c["cue"] for c in by["2025-01"]["claims"]}
    week = client.get("/v1/timeline", params={"entity": VARGA, "bucket": "week",
                                              "claims_per_bucket": 1}).json()
    periods = [b["period"] for b in week["buckets"]]
    assert "2025-03-03" in periods  # the Monday of the week of 2025-03-04..06
    assert all(len(b["claims"]) <= 1 for b in week["buckets"])
    march = next(b for b in week["buckets"] if b["period"] == "2025-03-03")
    assert march["claim_count"] == 4 and len(march["claims"]) == 1  # all counted, one listed
    assert march["claims"][0]["date"] == "2025-03-06"  # the newest of the bucket
    day = client.get("/v1/timeline", params={"entity": "Olena Varga", "bucket": "day"}).json()
    assert {"2025-03-01", "2025-03-06"} <= {b["period"] for b in day["buckets"]}
    resp = client.get("/v1/timeline", params={"entity": VARGA, "bucket": "year"})
    assert resp.status_code == 422


def test_search_type_ahead(client, seeded: Graph, api_graph: ApiGraph):
    resp = client.get("/v1/search", params={"q": "Zelenskyy"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["entities"][0]["name"] == "Volodymyr Zelensky"
    convoy = client.get("/v1/search", params={"q": "convoy"}).json()
    assert convoy["claims"] and all("convoy" in c["content"] for c in convoy["claims"])
    assert convoy["claims"][0]["evidence"]["sentence"]
    prefix = client.get("/v1/search", params={"q": "Aurel"}).json()
    assert prefix["entities"][0]["id"] == AUREL
