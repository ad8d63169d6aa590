"""A graph fingerprint of a set of articles: a sorted dump of their nodes, relationships and
properties, without timestamps (and with set-valued alias lists sorted), so two ingests of the
same input can be compared whatever the workers, the order or the crashes in between."""

from __future__ import annotations

import json
from typing import Any

from graph.driver import Graph

_SET_VALUED = {"aliases"}


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in props.items():
        if k == "at" or k.endswith("_at"):
            continue  # timestamps differ between any two runs
        if k in _SET_VALUED and isinstance(v, list):
            v = sorted(v)
        elif k == "alias_text" and isinstance(v, str):
            v = sorted(v.split(" | "))
        out[k] = v
    return out


def fingerprint(graph: Graph, article_ids: list[str]) -> list[str]:
    """Every node the articles reach in one or two hops (their claims, entities, decisions),
    and every relationship among those, as sorted JSON lines."""
    rows = graph.read(
        "UNWIND $ids AS id MATCH (a:Article {id: id}) "
        "OPTIONAL MATCH (c:Claim {article_id: id}) "
        "OPTIONAL MATCH (d:ResolutionDecision {article_id: id}) "
        "WITH collect(DISTINCT a) + collect(DISTINCT c) + collect(DISTINCT d) AS core "
        "UNWIND core AS n MATCH (n)-[r]-(x) "
        "RETURN DISTINCT elementId(r) AS rid, type(r) AS type, properties(r) AS props, "
        "startNode(r).id AS src, endNode(r).id AS dst, "
        "labels(startNode(r)) AS sl, properties(startNode(r)) AS sp, "
        "labels(endNode(r)) AS dl, properties(endNode(r)) AS dp", ids=article_ids)
    lines: set[str] = set()
    for r in rows:
        lines.add(json.dumps(["rel", r["src"], r["type"], r["dst"], _clean(r["props"])],
                             sort_keys=True, default=str))
        for labels, props in ((r["sl"], r["sp"]), (r["dl"], r["dp"])):
            lines.add(json.dumps(["node", sorted(labels), _clean(props)], sort_keys=True,
                                 default=str))
    arts = graph.read("UNWIND $ids AS id MATCH (a:Article {id: id}) "
                      "RETURN labels(a) AS l, properties(a) AS p", ids=article_ids)
    lines.update(json.dumps(["node", sorted(a["l"]), _clean(a["p"])], sort_keys=True,
                            default=str) for a in arts)
    return sorted(lines)


def forget(graph: Graph, article_ids: list[str]) -> None:
    """Delete the articles, their claims and decisions, and the entities only they mention,
    so the same input can be ingested again from scratch (other tests' data stay)."""
    graph.write(
        "UNWIND $ids AS id MATCH (a:Article {id: id}) "
        "OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity) "
        "WITH collect(DISTINCT a) AS arts, collect(DISTINCT e) AS ents "
        "FOREACH (a IN arts | DETACH DELETE a) "
        "WITH ents UNWIND ents AS e "
        "OPTIONAL MATCH (e)<-[:MENTIONS]-(other:Article) "
        "WITH e, count(other) AS n WHERE n = 0 DETACH DELETE e", ids=article_ids)
    graph.write("UNWIND $ids AS id MATCH (c:Claim {article_id: id}) DETACH DELETE c",
                ids=article_ids)
    graph.write("UNWIND $ids AS id MATCH (d:ResolutionDecision {article_id: id}) "
                "DETACH DELETE d", ids=article_ids)
