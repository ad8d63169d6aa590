"""Paths between two entities, each hop with its evidence."""

from __future__ import annotations

import queries
from graph.driver import Graph
from graph.models import EntityRef, GraphEdge, GraphNode, PathOut, PathsOut
from graph.reads import claims_by_ids, evidence, path_search
from graph.reads.entities import entities_by_ids, resolve_with_entities
from graph.reads.network import _edge_id
from graph.reads.path_search import SEP

_KIND = {"CLAIMED_ABOUT": "CLAIM_ABOUT", "HOLDS_ROLE": "HAS_ROLE",
         "CO_MENTIONED": "CO_MENTIONED"}
# A hop is shown as its most specific link: a claim, else a role, else a co-mention.
_PRIORITY = ("CLAIM_ABOUT", "HAS_ROLE", "CO_MENTIONED")


def paths(graph: Graph, from_ref: str, to_ref: str, *, max_hops: int = 3,
          k: int = 3) -> PathsOut:
    """The shortest path and up to k short distinct entity-level paths, each hop with its
    evidence (the claims linking them, the role, or the articles and sentences both are in).

    Searched over the write-time aggregate edges (one link per linked pair of entities), not
    over articles, meeting in the middle so that no hub is expanded blindly
    (graph/reads/path_search.py: exact; ties by strength, then ids)."""
    (a_id, b_id), ents = resolve_with_entities(graph, [from_ref, to_ref])
    out = PathsOut(source=EntityRef(id=a_id, name=ents[a_id].name, type=ents[a_id].type),
                   target=EntityRef(id=b_id, name=ents[b_id].name, type=ents[b_id].type),
                   paths=[])
    if a_id == b_id:
        return out
    out.paths = _paths_out(graph, path_search.search(graph, a_id, b_id, max_hops, k))
    return out


def _paths_out(graph: Graph, seqs: list[list[str]]) -> list[PathOut]:
    """Every path's nodes, hop kinds and evidence, in one round of batched queries."""
    if not seqs:
        return []
    ents = entities_by_ids(graph, list(dict.fromkeys(i for seq in seqs for i in seq)))
    pairs = list(dict.fromkeys(p for seq in seqs for p in zip(seq, seq[1:], strict=False)))
    links: dict[tuple[str, str], dict[str, int]] = {p: {} for p in pairs}
    pointers: dict[tuple[str, str], list[str] | None] = {}  # (speaker, entity) -> claim ids
    for r in graph.read(queries.load("paths_hops"), pairs=[
            {"a": a, "b": b, "co": SEP.join(sorted((a, b))), "ab": a + SEP + b,
             "ba": b + SEP + a} for a, b in pairs]):
        kinds = links[(r["a"], r["b"])]
        kinds[_KIND[r["type"]]] = kinds.get(_KIND[r["type"]], 0) + r["weight"]
        if r["type"] == "CLAIMED_ABOUT":
            pointers[(r["a"], r["b"]) if r["forward"] else (r["b"], r["a"])] = r["claims"]
    hops: dict[tuple[str, str], GraphEdge] = {}
    for src, dst in pairs:
        kinds = links[(src, dst)]
        kind = next((k for k in _PRIORITY if k in kinds), "CO_MENTIONED")
        hops[(src, dst)] = GraphEdge(id=_edge_id(kind, src, dst), source=src, target=dst,
                                     type=kind, weight=kinds.get(kind, 1))
    # Claims either way along a claim hop, from the edges' pointers (the walk where one is
    # missing); co-mentions and roles as in neighbourhoods.
    claim_hops = [e for e in hops.values() if e.type == "CLAIM_ABOUT"]
    ways = [p for e in claim_hops for p in ((e.source, e.target), (e.target, e.source))]
    ids = {p: pointers[p] for p in ways if pointers.get(p) is not None}
    ids.update(evidence.claim_ids_between(graph, [
        p for p in ways if p in pointers and pointers[p] is None]))
    for e in claim_hops:
        e.claim_ids = [*ids.get((e.source, e.target), []), *ids.get((e.target, e.source), [])]
    claims = {c.id: c for c in claims_by_ids(graph, [c for e in claim_hops for c in e.claim_ids])}
    for e in claim_hops:
        e.evidence = [claims[c].evidence for c in e.claim_ids if c in claims]
    evidence.attach(graph, [e for e in hops.values() if e.type != "CLAIM_ABOUT"],
                    {i: e.mentions for i, e in ents.items()})
    out = []
    for seq in seqs:
        nodes = [GraphNode(id=i, name=ents[i].name if i in ents else None,
                           type=ents[i].type if i in ents else "Entity",
                           mentions=ents[i].mentions if i in ents else 0,
                           lat=ents[i].lat if i in ents else None,
                           lon=ents[i].lon if i in ents else None) for i in seq]
        path_hops = [hops[p] for p in zip(seq, seq[1:], strict=False)]
        out.append(PathOut(length=len(path_hops), nodes=nodes, hops=path_hops))
    return out
