"""What the faster reads keep and add (docs/api.md "Benchmark"), against the real Neo4j: rows
converted without ``Record.data()`` equal its output, bounded evidence per edge still covers
every edge and says where the rest is, a timeline says when it lists fewer claims than it
counts, and the path queries picked by k and max_hops answer alike."""

from __future__ import annotations

from graph.driver import Graph, record_dict
from graph.reads import path_search
from tests.api_fixtures import AUREL, BRIGADE, MINISTRY, PETRENKO, VARGA, ApiGraph

pytest_plugins = ("tests.api_fixtures",)  # the api_graph fixture


def test_rows_equal_record_data_with_and_without_graph_types(graph: Graph):
    with graph.session() as s:
        plain = list(s.run("RETURN 1 AS n, 'x' AS s, [1, {a: [2, null]}] AS l, "
                           "{m: {k: 'v'}, f: 1.5, b: true} AS m, date('2025-01-02') AS d, "
                           "point({x: 1, y: 2}) AS p"))
        nodes = list(s.run("CREATE (a:ReadShapeProbe {k: 1})-[r:PROBES]->(b:ReadShapeProbe) "
                           "WITH a, r, b RETURN a, [r] AS rels, {n: b} AS m"))
        s.run("MATCH (n:ReadShapeProbe) DETACH DELETE n").consume()
    for rec in plain + nodes:
        assert record_dict(rec) == rec.data()
    assert record_dict(plain[0]) is not None and type(record_dict(nodes[0])["a"]) is dict


def test_neighbour_evidence_is_bounded_and_links_to_the_rest(client, api_graph: ApiGraph):
    one = client.get(f"/v1/entities/{VARGA}/neighbors").json()
    edges = {(e["type"], e["source"], e["target"]): e for e in one["edges"]}
    aurel = edges[("CLAIM_ABOUT", VARGA, AUREL)]  # nine claims about Port Aurel
    assert aurel["weight"] == 9 and len(aurel["evidence"]) == 1
    assert len(aurel["claim_ids"]) == 3  # the ids (cheap) as before; the evidence of one
    assert aurel["evidence_more"] == f"/v1/claims?speaker={VARGA.replace(':', '%3A')}" \
                                     f"&about={AUREL.replace(':', '%3A')}"
    for e in one["edges"]:
        assert e["evidence"], e  # every edge keeps its evidence
        assert (e["evidence_more"] is not None) == (e["weight"] > len(e["evidence"]))
    # The link answers: the rest of that edge's claims, page by page.
    rest = client.get(aurel["evidence_more"] + "&limit=20").json()["items"]
    assert len(rest) == 9 and aurel["claim_ids"][0] in {c["id"] for c in rest}
    co = next(e for e in one["edges"] if e["type"] == "CO_MENTIONED" and e["evidence_more"])
    assert client.get(co["evidence_more"]).status_code == 200
    three = client.get(f"/v1/entities/{VARGA}/neighbors",
                       params={"evidence_per_edge": 3}).json()
    aurel3 = next(e for e in three["edges"] if e["id"] == aurel["id"])
    assert len(aurel3["evidence"]) == 3 and aurel3["claim_ids"] == aurel["claim_ids"]
    assert client.get(f"/v1/entities/{VARGA}/neighbors",
                      params={"evidence_per_edge": 0}).status_code == 422


def test_claim_nodes_are_listed_for_every_claim_id(client, api_graph: ApiGraph):
    sub = client.get(f"/v1/entities/{VARGA}/neighbors",
                     params={"include_claims": "true", "rel_types": "CLAIM_ABOUT"}).json()
    claim_nodes = {n["id"] for n in sub["nodes"] if n["type"] == "Claim"}
    for e in sub["edges"]:
        if e["type"] == "CLAIM_ABOUT":
            assert set(e["claim_ids"]) <= claim_nodes
            assert len(e["evidence"]) == len(e["claim_ids"])


def test_timeline_says_when_it_lists_fewer_claims_than_it_counts(client, api_graph: ApiGraph):
    full = client.get("/v1/timeline", params={"entity": VARGA, "bucket": "day"}).json()
    assert full["capped"] is False and full["cap_note"] is None
    capped = client.get("/v1/timeline", params={"entity": VARGA, "bucket": "day",
                                                "claims_per_bucket": 2, "claim_cap": 2}).json()
    listed = [b["period"] for b in capped["buckets"] if b["claims"]]
    counted = [b["period"] for b in capped["buckets"] if b["claim_count"]]
    assert len(listed) == 1 and listed[0] == max(counted)  # the newest day with claims
    assert capped["capped"] is True and "/v1/claims?about=" in capped["cap_note"]
    assert [b["claim_count"] for b in capped["buckets"]] == \
        [b["claim_count"] for b in full["buckets"]]  # every claim still counted
    assert client.get("/v1/timeline", params={"entity": VARGA,
                                              "claim_cap": 501}).status_code == 422


def test_path_queries_for_more_paths_and_hops_agree(graph: Graph, api_graph: ApiGraph):
    few = path_search.search(graph, BRIGADE, MINISTRY, 3, 3)
    many = path_search.search(graph, BRIGADE, MINISTRY, 3, 10)
    deep = path_search.search(graph, BRIGADE, MINISTRY, 4, 3)
    assert few and few == many[:len(few)] and few == deep[:len(few)]
    assert all(len(seq) - 1 <= 3 for seq in many) and all(len(s) - 1 <= 4 for s in deep)
    assert path_search.search(graph, BRIGADE, MINISTRY, 1, 3) == []
    assert [PETRENKO, VARGA] in path_search.search(graph, PETRENKO, VARGA, 4, 10)
