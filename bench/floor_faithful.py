"""Faithful floors of the endpoints the API answers in several reads: the API's own Cypher
(the same queries, the same parameters, as many round trips), driven with the least Python
that decides what to read next, and no response models, no JSON, no HTTP.

Each function returns the size of its answer, in the unit ``api_size`` counts in the API's
response (edges, listed claims, evidence items...), so that bench/queries.py can check that a
floor answers the API's question and not a smaller one (``check_sizes``)."""

from __future__ import annotations

from typing import Any

import queries
from graph import toplists
from graph.reads import evidence, path_search, timeline
from graph.reads.network import _KINDS, EDGE_TYPES, _step
from graph.reads.path_search import SEP


def _neighbours(graph: Any, root: str, depth: int, limit: int) -> int:
    """graph/reads/network.py neighbors() (undated, every edge type, default evidence): one
    level and its evidence in one read (evidence.first_level); two levels from the top-K lists,
    then each returned edge's evidence through the pointers."""
    per_node = max(5, min(limit, 50))
    rel_types, dates = list(EDGE_TYPES), evidence.month_range(None, None)
    found: list[dict[str, Any]] = []
    # One level: the level and the evidence in one read, as the API reads them.
    pre = evidence.first_level(graph, root, kinds=[k for t in rel_types for k, _ in _KINDS[t]],
                               per_node=per_node, limit=limit, k=toplists.K) if depth == 1 else None
    if pre is not None:
        first, found = pre["rows"], pre["root"]
    else:
        first = _step(graph, [root], rel_types, None, per_node, dates, root=found)
    nodes: dict[str, int] = {root: found[0]["mentions"] if found else 0}
    edges: dict[tuple[str, str, str], None] = {}
    frontier = [root]
    for level in range(depth):
        room = max(1, limit - len(nodes))
        fan = per_node if level == 0 else max(3, min(per_node, room // len(frontier) + 2))
        rows = first if level == 0 else _step(graph, frontier[:room], rel_types, None, fan,
                                              dates)
        rows.sort(key=lambda r: (-r["weight"], r["type"], r["source"], r["target"]))
        nxt = []
        for r in rows:
            oid = r["other"]["id"]
            if oid not in nodes:
                if len(nodes) >= limit:
                    continue
                nodes[oid] = r["other_mentions"]
                nxt.append(oid)
            if r["type"] == "CO_MENTIONED" and ("CO_MENTIONED", r["target"], r["source"]) in edges:
                continue
            edges[(r["type"], r["source"], r["target"])] = None
        frontier = nxt
        if not frontier:
            break
    if pre is not None:
        return len(edges)
    pairs = []
    for kind, a, b in edges:
        if kind == "CO_MENTIONED" and nodes.get(a, 0) > nodes.get(b, 0):
            a, b = b, a  # walked from the entity with fewer articles
        pairs.append({"kind": {"CLAIM_ABOUT": "claim", "CO_MENTIONED": "co",
                               "HAS_ROLE": "role"}[kind], "a": a, "b": b})
    evidence._read(graph, "edge_evidence_ptr", pairs, 1, None, claim_whole=1)
    return len(edges)


def neighbors_d1(graph: Any, p: dict[str, Any]) -> int:
    return _neighbours(graph, p["id"], 1, 50)


def neighbors_d2(graph: Any, p: dict[str, Any]) -> int:
    return _neighbours(graph, p["id"], 2, 100)


def timeline_claims(graph: Any, p: dict[str, Any]) -> int:
    """graph/reads/timeline.py: the counts and lists in one read, the bucketing, then the
    listed days' claims (or none, when the lists held them all)."""
    row = graph.read(queries.load("timeline_head"), id=p["id"],
                     stored=timeline.newest_claims.N)[0]
    buckets, days = timeline._buckets(row["counts"], p["bucket"], None, None)
    counts = {k: b["claim_count"] for k, b in buckets.items()}
    listed = timeline._list_claims(graph, p["id"], counts, days, 10,
                                   timeline.TIMELINE_CLAIM_CAP, row, build=lambda r: r)
    return sum(len(v) for v in listed.values())


def relationship(graph: Any, p: dict[str, Any]) -> int:
    """graph/reads/entities.py relationship() by ids: the claims, weight and roles in one read,
    then up to 20 shared articles' sentences, walked from the entity with fewer articles."""
    row = graph.read(queries.load("relationship"), a=p["id"], b=p["other"], limit=20)[0]
    sizes = {r["entity"]["id"]: r["mentions"] for r in row["entities"]}
    a, b = p["id"], p["other"]
    if sizes.get(a, 0) > sizes.get(b, 0):
        a, b = b, a
    co = graph.read(queries.load("comention_evidence_from"), pairs=[{"a": a, "b": b}],
                    per_pair=20, article_cap=200)
    return len(co) + len(row["ab_ids"]) + len(row["ba_ids"]) + len(row["roles"])


def paths(graph: Any, p: dict[str, Any]) -> int:
    """graph/reads/paths.py: the search, then the hops' kinds, claims (through the pointers) and
    evidence (three items a hop, walked)."""
    seqs = path_search.search(graph, p["id"], p["other"], p["max_hops"], p["k"])
    if not seqs:
        return 0
    ids = list(dict.fromkeys(i for seq in seqs for i in seq))
    sizes = {r["entity"]["id"]: r["mentions"]
             for r in graph.read(queries.load("entities_by_ids"), ids=ids)}
    hops = list(dict.fromkeys(h for seq in seqs for h in zip(seq, seq[1:], strict=False)))
    kinds: dict[tuple[str, str], set[str]] = {h: set() for h in hops}
    claim_ids: list[str] = []
    for r in graph.read(queries.load("paths_hops"), pairs=[
            {"a": a, "b": b, "co": SEP.join(sorted((a, b))), "ab": a + SEP + b,
             "ba": b + SEP + a} for a, b in hops]):
        kinds[(r["a"], r["b"])].add(r["type"])
        claim_ids += r["claims"] or []
    if claim_ids:
        graph.read(queries.load("claims_by_ids"), ids=list(dict.fromkeys(claim_ids)))
    pairs = []
    for (a, b), k in kinds.items():
        if "CLAIMED_ABOUT" in k:
            continue
        if "HOLDS_ROLE" in k:
            pairs.append({"kind": "role", "a": a, "b": b})
        else:
            lo, hi = (a, b) if sizes.get(a, 0) <= sizes.get(b, 0) else (b, a)
            pairs.append({"kind": "co", "a": lo, "b": hi})
    if pairs:
        evidence._read(graph, "edge_evidence", pairs, evidence.EVIDENCE_PER_EDGE, None)
    return sum(len(seq) - 1 for seq in seqs)


def api_size(name: str, body: dict[str, Any]) -> int:
    """The size of an API response in the unit of its faithful floor's answer."""
    if name.startswith("neighbors"):
        return len(body["edges"])
    if name == "timeline":
        return sum(len(b.get("claims", [])) for b in body["buckets"])
    if name == "relationship":
        return sum(len(body[k]) for k in ("co_mentions", "claims_a_about_b",
                                            "claims_b_about_a", "roles"))
    if name == "paths":
        return sum(len(p["hops"]) for p in body["paths"])
    if name == "entity_profile":
        return sum(len(body[k]) for k in ("claims_by", "claims_about", "co_mentioned",
                                            "roles"))
    if name == "claims_by_speaker":
        return len(body["items"])
    raise KeyError(name)
