"""Relationship reads: neighborhoods ready to draw and type-ahead search over
entities and claims (paths are in ``graph.reads.paths``)."""

from __future__ import annotations

from typing import Any

import queries
from graph import toplists
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.models import (
    ClaimOut,
    Evidence,
    GraphEdge,
    GraphNode,
    SearchOut,
    Subgraph,
)
from graph.reads import (
    claim_text_ids,
    claims_by_ids,
    evidence,
    lucene_phrase,
)
from graph.reads.entities import entity_from, resolve_with_entities

EDGE_TYPES = ("CLAIM_ABOUT", "HAS_ROLE", "CO_MENTIONED")
EVIDENCE_PER_EDGE = evidence.EVIDENCE_PER_EDGE


def _node(e: dict[str, Any], mentions: int) -> GraphNode:
    return GraphNode(id=e["id"], name=e.get("name"), type=e.get("type") or "Entity",
                     mentions=mentions, lat=e.get("lat"), lon=e.get("lon"),
                     country=e.get("country"))


def _edge_id(kind: str, source: str, target: str) -> str:
    return f"{kind}:{source}->{target}"


def neighbors(
    graph: Graph, ref: str, *, depth: int = 1, types: list[str] | None = None,
    rel_types: list[str] | None = None, date_from: str | None = None,
    date_to: str | None = None, limit: int = 50, include_claims: bool = False,
    evidence_per_edge: int = evidence.GRAPH_EVIDENCE_PER_EDGE,
) -> Subgraph:
    """Breadth-first over the write-time aggregate edges, one query per level; each level keeps
    the heaviest edges (exact weights: every edge of a hub is weighed, none sampled) until the
    node limit is reached. Evidence is loaded for the returned edges only, up to
    ``evidence_per_edge`` items each (``evidence_more`` links to the rest). Date filters count
    whole months (the aggregates' granularity)."""
    rel_types = rel_types or list(EDGE_TYPES)
    bad = set(rel_types) - set(EDGE_TYPES)
    if bad:
        raise InvalidInput(f"unknown rel_types {sorted(bad)}; use {list(EDGE_TYPES)}")
    per_node = max(5, min(limit, 50))
    dates = evidence.month_range(date_from, date_to)
    # An id's first level and the entity itself come in one read; a name is resolved first.
    first: list[dict[str, Any]] | None = None
    found_root: list[dict[str, Any]] = []
    pre: dict[str, Any] | None = None  # the evidence, read with the first level
    if not dates.get("dated"):
        if depth == 1 and types is None and evidence_per_edge == 1 and not include_claims:
            # The common neighbourhood (the page's first click): level and evidence in one
            # read; a missing list or a name instead of an id reads them apart.
            pre = evidence.first_level(
                graph, ref, kinds=[k for t in rel_types for k, _ in _KINDS[t]],
                per_node=per_node, limit=limit, k=toplists.K)
            if pre is not None:
                first, found_root = pre["rows"], pre["root"]
        if first is None:
            first = _step(graph, [ref], rel_types, types, per_node, dates, root=found_root)
    if found_root:
        root_node = entity_from(found_root[0]["entity"], found_root[0]["mentions"])
    else:
        first = None
        (root,), found = resolve_with_entities(graph, [ref])
        if found.get(root) is None:
            raise NotFound(f"no entity with id {root!r}")
        root_node = found[root]
    root = root_node.id
    nodes: dict[str, GraphNode] = {root: GraphNode(**root_node.model_dump(
        include={"id", "name", "type", "mentions", "lat", "lon", "country"}))}
    edges: dict[str, GraphEdge] = {}
    frontier, truncated = [root], False
    for level in range(depth):
        # Deeper levels share what is left of the node budget: fewer edges per entity.
        room = max(1, limit - len(nodes))
        fan = per_node if level == 0 else max(3, min(per_node, room // len(frontier) + 2))
        rows = first if level == 0 and first is not None else _step(
            graph, frontier[:room], rel_types, types, fan, dates)
        rows.sort(key=lambda r: (-r["weight"], r["type"], r["source"], r["target"]))
        nxt: list[str] = []
        for r in rows:
            other = r["other"]
            if other["id"] not in nodes:
                if len(nodes) >= limit:
                    truncated = True
                    continue
                nodes[other["id"]] = _node(other, r["other_mentions"])
                nxt.append(other["id"])
            eid = _edge_id(r["type"], r["source"], r["target"])
            mirror = _edge_id(r["type"], r["target"], r["source"])
            if r["type"] == "CO_MENTIONED" and mirror in edges:
                continue  # co-mention is symmetric: one edge per pair
            if eid not in edges:
                edges[eid] = GraphEdge(id=eid, source=r["source"], target=r["target"],
                                       type=r["type"], weight=r["weight"])
        frontier = nxt
        if not frontier:
            break
    claims = evidence.attach(graph, list(edges.values()),
                             {i: n.mentions for i, n in nodes.items()},
                             per_edge=evidence_per_edge, all_claims=include_claims,
                             whole_claims=include_claims, pre=pre)
    if include_claims:
        _add_claim_nodes(nodes, edges, claims)
    return Subgraph(nodes=list(nodes.values()), edges=list(edges.values()), truncated=truncated)


# List kinds (graph/toplists.py) answering each edge type: (kind, the entity is the source).
_KINDS = {"CO_MENTIONED": (("co", True),), "CLAIM_ABOUT": (("out", True), ("in", False)),
          "HAS_ROLE": (("rp", True), ("ro", False))}


def _step(graph: Graph, ids: list[str], rel_types: list[str], types: list[str] | None,
          per_node: int, dates: dict[str, Any], *,
          root: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One expansion level: each entity's heaviest ``per_node`` edges of each type. Undated, from
    the write-time top-K lists (O(K) per entity, not O(degree)); an entity whose list cannot
    answer exactly (missing, or full and fewer than ``per_node`` left after the type filter)
    and date-filtered reads weigh the edges themselves (``neighbors_agg``). Same rows either
    way: ranked by weight, then the other entity's id; roles in both directions together.
    ``root`` (undated only): gets the first entity of ``ids`` as entities_by_ids reads it
    (``{"entity", "mentions"}``), nothing when no entity has that id."""
    if dates.get("dated"):
        return graph.read(queries.load("neighbors_agg"), ids=ids, rel_types=rel_types,
                          types=types, per_node=per_node, **dates)
    kinds = [k for t in rel_types for k, _ in _KINDS[t]]
    got: dict[tuple[str, str], list[dict[str, Any]]] = {}
    scan: set[str] = set()
    for r in graph.read(queries.load("neighbors_top"), ids=ids, kinds=kinds, types=types,
                        per_node=per_node, root=ids[0] if root is not None else None):
        if root is not None and r["root"] and not root:
            root.extend(r["root"])
        if r["missing"] or (r["listed"] >= toplists.K and len(r["got"]) < per_node):
            scan.add(r["id"])
        got[(r["id"], r["kind"])] = r["got"]
    rows: list[dict[str, Any]] = []
    for eid in dict.fromkeys(ids):
        if eid in scan:
            continue
        for t in rel_types:
            mine: list[dict[str, Any]] = []
            for kind, outgoing in _KINDS[t]:
                for g in got.get((eid, kind), []):
                    o = g["other"]["id"]
                    mine.append({"source": eid if outgoing else o,
                                 "target": o if outgoing else eid, "type": t,
                                 "weight": g["weight"], "other": g["other"],
                                 "other_mentions": g["mentions"]})
            if t == "HAS_ROLE":  # one ranking over both directions, as neighbors_agg does
                mine.sort(key=lambda m: (-m["weight"], m["other"]["id"]))
                mine = mine[:per_node]
            rows.extend(mine)
    if scan:
        rows += graph.read(queries.load("neighbors_agg"), ids=[i for i in ids if i in scan],
                           rel_types=rel_types, types=types, per_node=per_node, **dates)
    return rows


def _add_claim_nodes(nodes: dict[str, GraphNode], edges: dict[str, GraphEdge],
                     claims: dict[str, ClaimOut]) -> None:
    """Claims as nodes of their own: speaker -SAID-> claim -ABOUT-> entity."""
    for e in [e for e in edges.values() if e.type == "CLAIM_ABOUT"]:
        for cid in e.claim_ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            ev = claim.evidence
            if cid not in nodes:
                nodes[cid] = GraphNode(id=cid, name=f"{claim.speaker.name} {claim.cue}",
                                       type="Claim", content=claim.content)
            said = _edge_id("SAID", e.source, cid)
            edges.setdefault(said, GraphEdge(id=said, source=e.source, target=cid,
                                             type="SAID", evidence=[ev]))
            about = _edge_id("ABOUT", cid, e.target)
            edges.setdefault(about, GraphEdge(id=about, source=cid, target=e.target,
                                              type="ABOUT", evidence=[ev]))


# --------------------------------------------------------------------------- search


def search(graph: Graph, q: str, *, limit: int = 8) -> SearchOut:
    """Type-ahead: the best entities (aliases known) and claims for a few typed characters."""
    if not q.strip():
        return SearchOut(entities=[], claims=[])
    rows = graph.read(queries.load("search_entities"), q=q.strip(), lucene=lucene_phrase(q),
                      limit=limit)
    entities = [entity_from(r["entity"], r["mentions"], r["score"]) for r in rows]
    claims = claims_by_ids(graph, claim_text_ids(graph, q, limit=limit))
    return SearchOut(entities=entities, claims=claims)


__all__ = ["EDGE_TYPES", "Evidence", "neighbors", "search"]
