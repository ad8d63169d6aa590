"""Paths between two entities, each hop with its evidence."""

from __future__ import annotations

from typing import Any

import queries
from graph.driver import Graph
from graph.models import EntityRef, GraphEdge, GraphNode, PathOut, PathsOut
from graph.reads import claims_by_ids
from graph.reads.entities import comention_evidence, entities_by_ids, resolve_entity, roles
from graph.reads.network import EDGE_TYPES, EVIDENCE_PER_EDGE, _edge_id

# Path search expands at most this many neighbors per entity (heaviest edges first).
PATH_FANOUT = 15


def _direct_kinds(graph: Graph, a: str, b: str) -> list[str]:
    row = graph.read(queries.load("path_direct"), a=a, b=b)
    if not row:
        return []
    r = row[0]
    kinds = []
    if r["x_about_y"] or r["y_about_x"]:
        kinds.append("CLAIM_ABOUT")
    if r["role"]:
        kinds.append("HAS_ROLE")
    if r["co_mentioned"]:
        kinds.append("CO_MENTIONED")
    return kinds


def _step(graph: Graph, ids: list[str]) -> list[dict[str, Any]]:
    """Bounded neighbors of a frontier (both directions of every edge kind)."""
    rows = graph.read(
        queries.load("neighbors_step"), ids=ids, rel_types=list(EDGE_TYPES), types=None,
        date_from=None, date_to=None, per_node=PATH_FANOUT, article_cap=100,
        evidence_cap=1, claim_cap=200,
    )
    rows.sort(key=lambda r: -r["weight"])
    return rows


def _search(graph: Graph, a: str, b: str, max_hops: int, k: int) -> list[list[str]]:
    """Bidirectional breadth-first search over entities; each side keeps one parent per node
    (its heaviest edge). Returns up to k entity sequences, shortest first, all distinct."""
    parents = {a: {a: ""}, b: {b: ""}}
    frontier = {a: [a], b: [b]}
    found: list[list[str]] = []
    if _direct_kinds(graph, a, b):
        found.append([a, b])
    depth = {a: 0, b: 0}
    while len(found) < k and depth[a] + depth[b] < max_hops:
        side = a if len(frontier[a]) <= len(frontier[b]) else b
        other = b if side == a else a
        if not frontier[side]:
            break
        nxt: list[str] = []
        for r in _step(graph, frontier[side]):
            here = r["source"] if r["source"] in frontier[side] else r["target"]
            there = r["target"] if here == r["source"] else r["source"]
            if there in parents[side]:
                continue
            parents[side][there] = here
            nxt.append(there)
        depth[side] += 1
        frontier[side] = nxt
        for meet in nxt:
            if meet in parents[other] and len(found) < k:
                path = _chain(parents[side], meet)[::-1] + _chain(parents[other], meet)[1:]
                path = path if path[0] == a else path[::-1]
                if len(path) - 1 <= max_hops and path not in found and len(set(path)) == len(
                    path
                ):
                    found.append(path)
    return sorted(found, key=len)


def _chain(parents: dict[str, str], node: str) -> list[str]:
    """node, its parent, ..., the search root."""
    out = [node]
    while parents[out[-1]]:
        out.append(parents[out[-1]])
    return out


def paths(graph: Graph, from_ref: str, to_ref: str, *, max_hops: int = 3,
          k: int = 3) -> PathsOut:
    """The shortest path and up to k short distinct entity-level paths, each hop with its
    evidence (the claims linking them, the role, or the articles and sentences both are in).

    A bounded bidirectional search (``PATH_FANOUT`` heaviest neighbors per entity) rather than
    an exhaustive one: between two hubs sharing thousands of articles an exhaustive shortest-path
    search over articles does not finish in interactive time."""
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
    hops: list[GraphEdge] = []
    for src, dst in zip(seq, seq[1:], strict=False):
        kinds = _direct_kinds(graph, src, dst)
        kind = kinds[0] if kinds else "CO_MENTIONED"
        edge = GraphEdge(id=_edge_id(kind, src, dst), source=src, target=dst, type=kind)
        if kind == "CLAIM_ABOUT":
            ids = [*graph.read(queries.load("claim_between"), a=src, b=dst,
                               limit=EVIDENCE_PER_EDGE)[0]["ids"],
                   *graph.read(queries.load("claim_between"), a=dst, b=src,
                               limit=EVIDENCE_PER_EDGE)[0]["ids"]]
            edge.claim_ids = ids
            edge.weight = len(ids)
            edge.evidence = [c.evidence for c in claims_by_ids(graph, ids)]
        elif kind == "HAS_ROLE":
            found = roles(graph, src, other=dst, limit=EVIDENCE_PER_EDGE)
            edge.title = found[0].title if found else None
            edge.evidence = [r.evidence for r in found]
        else:
            edge.evidence = comention_evidence(graph, [(src, dst)])[(src, dst)]
        hops.append(edge)
    return PathOut(length=len(hops), nodes=nodes, hops=hops)
