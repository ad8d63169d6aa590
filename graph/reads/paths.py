"""Paths between two entities, each hop with its evidence."""

from __future__ import annotations

import queries
from graph.driver import Graph
from graph.models import EntityRef, GraphEdge, GraphNode, PathOut, PathsOut
from graph.reads import claims_by_ids, evidence
from graph.reads.entities import entities_by_ids, resolve_entity
from graph.reads.network import _edge_id

_KIND = {"CLAIMED_ABOUT": "CLAIM_ABOUT", "HOLDS_ROLE": "HAS_ROLE",
         "CO_MENTIONED": "CO_MENTIONED"}
# A hop is shown as its most specific link: a claim, else a role, else a co-mention.
_PRIORITY = ("CLAIM_ABOUT", "HAS_ROLE", "CO_MENTIONED")


def _search(graph: Graph, a: str, b: str, max_hops: int, k: int) -> list[list[str]]:
    """Up to k distinct entity sequences, shortest first (exact: SHORTEST over every
    aggregate edge, no neighbour cap)."""
    found: list[list[str]] = []
    for r in graph.read(queries.load("paths_shortest"), a=a, b=b, max_hops=max_hops):
        seq = r["ids"]
        if seq not in found and len(set(seq)) == len(seq):
            found.append(seq)
    return sorted(found, key=len)[:k]


def paths(graph: Graph, from_ref: str, to_ref: str, *, max_hops: int = 3,
          k: int = 3) -> PathsOut:
    """The shortest path and up to k short distinct entity-level paths, each hop with its
    evidence (the claims linking them, the role, or the articles and sentences both are in).

    Searched over the write-time aggregate edges (one per linked pair of entities), not over
    articles, so even between two hubs the exact search answers in interactive time."""
    a_id, b_id = resolve_entity(graph, from_ref), resolve_entity(graph, to_ref)
    ents = entities_by_ids(graph, [a_id, b_id])
    out = PathsOut(source=EntityRef(id=a_id, name=ents[a_id].name, type=ents[a_id].type),
                   target=EntityRef(id=b_id, name=ents[b_id].name, type=ents[b_id].type),
                   paths=[])
    if a_id == b_id:
        return out
    for seq in _search(graph, a_id, b_id, max_hops, k):
        out.paths.append(_path_out(graph, seq))
    return out


def _path_out(graph: Graph, seq: list[str]) -> PathOut:
    ents = entities_by_ids(graph, seq)
    nodes = [GraphNode(id=i, name=ents[i].name if i in ents else None,
                       type=ents[i].type if i in ents else "Entity",
                       mentions=ents[i].mentions if i in ents else 0,
                       lat=ents[i].lat if i in ents else None,
                       lon=ents[i].lon if i in ents else None) for i in seq]
    pairs = list(zip(seq, seq[1:], strict=False))
    links: dict[tuple[str, str], dict[str, int]] = {p: {} for p in pairs}
    for r in graph.read(queries.load("agg_edges_between"),
                        pairs=[{"a": a, "b": b} for a, b in pairs]):
        kinds = links[(r["a"], r["b"])]
        kinds[_KIND[r["type"]]] = kinds.get(_KIND[r["type"]], 0) + r["weight"]
    hops: list[GraphEdge] = []
    for src, dst in pairs:
        kinds = links[(src, dst)]
        kind = next((k for k in _PRIORITY if k in kinds), "CO_MENTIONED")
        hops.append(GraphEdge(id=_edge_id(kind, src, dst), source=src, target=dst, type=kind,
                              weight=kinds.get(kind, 1)))
    sizes = {n.id: n.mentions for n in nodes}
    for edge in hops:
        if edge.type == "CLAIM_ABOUT":  # claims either way along the hop
            ids = evidence.claim_ids_between(graph, [(edge.source, edge.target),
                                                     (edge.target, edge.source)])
            edge.claim_ids = [*ids.get((edge.source, edge.target), []),
                              *ids.get((edge.target, edge.source), [])]
            edge.evidence = [c.evidence for c in claims_by_ids(graph, edge.claim_ids)]
        else:
            evidence.attach(graph, [edge], sizes)
    return PathOut(length=len(hops), nodes=nodes, hops=hops)
