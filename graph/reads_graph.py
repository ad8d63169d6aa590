"""Relationship reads: neighborhoods ready to draw, paths with evidence per hop, timelines,
and type-ahead search over entities and claims."""

from __future__ import annotations

from datetime import date
from typing import Any

import queries
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.models import (
    ClaimOut,
    EntityRef,
    Evidence,
    GraphEdge,
    GraphNode,
    PathOut,
    PathsOut,
    SearchOut,
    Subgraph,
    Timeline,
    TimelineBucket,
)
from graph.reads import claim_text_ids, claims_by_ids, lucene_phrase
from graph.reads_entities import (
    COMENTION_ARTICLE_CAP,
    comention_evidence,
    entities_by_ids,
    entity_from,
    resolve_entity,
)

EDGE_TYPES = ("CLAIM_ABOUT", "HAS_ROLE", "CO_MENTIONED")
EVIDENCE_PER_EDGE = 3


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
) -> Subgraph:
    """Breadth-first, one query per level; each level keeps the heaviest edges until the node
    limit is reached, so the answer is bounded whatever the degree of the entities."""
    rel_types = rel_types or list(EDGE_TYPES)
    bad = set(rel_types) - set(EDGE_TYPES)
    if bad:
        raise InvalidInput(f"unknown rel_types {sorted(bad)}; use {list(EDGE_TYPES)}")
    root = resolve_entity(graph, ref)
    root_node = entities_by_ids(graph, [root]).get(root)
    if root_node is None:
        raise NotFound(f"no entity with id {root!r}")
    nodes: dict[str, GraphNode] = {root: GraphNode(**root_node.model_dump(
        include={"id", "name", "type", "mentions", "lat", "lon", "country"}))}
    edges: dict[str, GraphEdge] = {}
    frontier, truncated = [root], False
    per_node = max(5, min(limit, 50))
    for _ in range(depth):
        rows = graph.read(
            queries.load("neighbors_step"), ids=frontier, rel_types=rel_types, types=types,
            date_from=date_from, date_to=date_to, per_node=per_node,
            article_cap=COMENTION_ARTICLE_CAP, evidence_cap=EVIDENCE_PER_EDGE,
        )
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
                                       type=r["type"], weight=r["weight"], title=r["title"],
                                       claim_ids=r["claim_ids"])
        frontier = nxt
        if not frontier:
            break
    claims = _attach_evidence(graph, list(edges.values()))
    if include_claims:
        _add_claim_nodes(nodes, edges, claims)
    return Subgraph(nodes=list(nodes.values()), edges=list(edges.values()), truncated=truncated)


def _attach_evidence(graph: Graph, edges: list[GraphEdge]) -> dict[str, ClaimOut]:
    claim_ids = [c for e in edges for c in e.claim_ids]
    claims = {c.id: c for c in claims_by_ids(graph, claim_ids)}
    pairs = [(e.source, e.target) for e in edges if e.type == "CO_MENTIONED"]
    co = comention_evidence(graph, pairs, per_pair=EVIDENCE_PER_EDGE)
    for e in edges:
        if e.type == "CLAIM_ABOUT":
            e.evidence = [claims[c].evidence for c in e.claim_ids if c in claims]
        elif e.type == "CO_MENTIONED":
            e.evidence = co.get((e.source, e.target), [])
    role_edges = [e for e in edges if e.type == "HAS_ROLE"]
    if role_edges:
        from graph.reads_entities import roles

        for e in role_edges:
            e.evidence = [r.evidence for r in roles(graph, e.source, other=e.target,
                                                    limit=EVIDENCE_PER_EDGE)]
    return claims


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


# --------------------------------------------------------------------------- paths


def _hop_kind(middle: dict[str, Any]) -> str:
    labels = middle.get("labels") or []
    return "CO_MENTIONED" if "Article" in labels else "CLAIM_ABOUT"


def _entity_hops(raw_nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> list[dict]:
    """Collapse a raw path (entity, article or claim, entity, ...) into entity-to-entity hops."""
    hops: list[dict[str, Any]] = []
    i = 0
    while i < len(rels):
        a = raw_nodes[i]
        if rels[i]["type"] == "HAS_ROLE":
            hops.append({"from": a, "to": raw_nodes[i + 1], "kind": "HAS_ROLE", "via": None})
            i += 1
            continue
        if i + 1 >= len(rels):
            return []  # a path cannot end on an article or a claim
        middle, b = raw_nodes[i + 1], raw_nodes[i + 2]
        if "Entity" not in (b.get("labels") or []) and "AnonymousSource" not in (
            b.get("labels") or []
        ):
            return []  # claim -> article -> ... is not an entity hop
        hops.append({"from": a, "to": b, "kind": _hop_kind(middle), "via": middle})
        i += 2
    return hops


def paths(graph: Graph, from_ref: str, to_ref: str, *, max_hops: int = 3,
          k: int = 3) -> PathsOut:
    """The shortest path and up to k shortest distinct entity-level paths, each hop with its
    evidence (the article both are in, the claim linking them, or the role)."""
    a_id, b_id = resolve_entity(graph, from_ref), resolve_entity(graph, to_ref)
    ents = entities_by_ids(graph, [a_id, b_id])
    out = PathsOut(source=EntityRef(id=a_id, name=ents[a_id].name, type=ents[a_id].type),
                   target=EntityRef(id=b_id, name=ents[b_id].name, type=ents[b_id].type),
                   paths=[])
    if a_id == b_id:
        return out
    rows = graph.read(queries.load("paths_shortest"), from_id=a_id, to_id=b_id,
                      max_rels=2 * max_hops)
    seen: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for r in rows:
        hops = _entity_hops(r["nodes"], r["rels"])
        if not hops or len(hops) > max_hops:
            continue
        key = tuple(h["from"]["id"] for h in hops) + (hops[-1]["to"]["id"],)
        if key not in seen and len(seen) < k:
            seen[key] = hops
    for key, hops in seen.items():
        out.paths.append(_path_out(graph, key, hops))
    return out


def _path_out(graph: Graph, key: tuple[str, ...], hops: list[dict[str, Any]]) -> PathOut:
    ents = entities_by_ids(graph, list(key))
    nodes = [GraphNode(id=i, name=ents[i].name if i in ents else None,
                       type=ents[i].type if i in ents else "Entity",
                       mentions=ents[i].mentions if i in ents else 0,
                       lat=ents[i].lat if i in ents else None,
                       lon=ents[i].lon if i in ents else None) for i in key]
    edges: list[GraphEdge] = []
    for h in hops:
        src, dst = h["from"]["id"], h["to"]["id"]
        edge = GraphEdge(id=_edge_id(h["kind"], src, dst), source=src, target=dst,
                         type=h["kind"])
        if h["kind"] == "CLAIM_ABOUT":
            edge.claim_ids = [h["via"]["id"]]
            edge.evidence = [c.evidence for c in claims_by_ids(graph, edge.claim_ids)]
        elif h["kind"] == "CO_MENTIONED":
            edge.evidence = comention_evidence(graph, [(src, dst)])[(src, dst)]
        else:
            from graph.reads_entities import roles

            found = roles(graph, src, other=dst, limit=EVIDENCE_PER_EDGE)
            edge.title = found[0].title if found else None
            edge.evidence = [r.evidence for r in found]
        edges.append(edge)
    return PathOut(length=len(hops), nodes=nodes, hops=edges)


# --------------------------------------------------------------------------- timeline


def _bucket(day: str, bucket: str) -> str:
    if bucket == "day" or not day:
        return day[:10]
    if bucket == "month":
        return day[:7]
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return day[:10]
    return date.fromordinal(d.toordinal() - d.weekday()).isoformat()  # the week's Monday


def timeline(graph: Graph, ref: str, *, bucket: str = "month", date_from: str | None = None,
             date_to: str | None = None, claims_per_bucket: int = 10,
             claim_cap: int = 500) -> Timeline:
    """Mentions and claims over time (statement date, else publication date), bucketed."""
    if bucket not in ("day", "week", "month"):
        raise InvalidInput("bucket must be day, week or month")
    entity_id = resolve_entity(graph, ref)
    rows = graph.read(queries.load("timeline"), id=entity_id, date_from=date_from,
                      date_to=date_to, claim_cap=claim_cap)
    if not rows:
        raise NotFound(f"no entity with id {entity_id!r}")
    row = rows[0]
    buckets: dict[str, TimelineBucket] = {}
    for d in row["days"]:
        b = buckets.setdefault(_bucket(d["day"], bucket), TimelineBucket(period=""))
        b.mentions += d["mentions"]
        b.articles += d["articles"]
    wanted: dict[str, list[str]] = {}
    for c in row["claims"]:
        period = _bucket(c["day"], bucket)
        b = buckets.setdefault(period, TimelineBucket(period=""))
        b.claim_count += 1
        if len(wanted.setdefault(period, [])) < claims_per_bucket:
            wanted[period].append(c["id"])
    fetched = {c.id: c for c in claims_by_ids(graph, [i for ids in wanted.values() for i in ids])}
    for period, b in buckets.items():
        b.period = period
        b.claims = [fetched[i] for i in wanted.get(period, []) if i in fetched]
    e = row["entity"]
    return Timeline(entity=EntityRef(**e), bucket=bucket,  # type: ignore[arg-type]
                    buckets=sorted(buckets.values(), key=lambda b: b.period))


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


__all__ = ["Evidence", "neighbors", "paths", "search", "timeline"]
