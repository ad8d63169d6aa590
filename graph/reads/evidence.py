"""Evidence for aggregate edges, loaded only for the edges a read returns: the newest claims
linking a speaker and an entity, shared articles (and sentences) of a co-mention, the roles."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote

import queries
from graph.driver import Graph
from graph.models import ClaimOut, Evidence, GraphEdge, RoleOut
from graph.reads import claim_evidence_from_row, claim_from_row, claims_by_ids
from graph.reads.entities import _evidence, role_from_row

EVIDENCE_PER_EDGE = 3
# Co-mention evidence looks at this many articles of the smaller side of each pair.
EVIDENCE_ARTICLE_CAP = 10
# A neighbourhood shows this many evidence items per edge unless asked for more: its weight
# counts them all and ``evidence_more`` says where the rest are listed. Three per edge for the
# 50-100 edges of a hub's neighbourhood was most of the request's time (docs/api.md).
GRAPH_EVIDENCE_PER_EDGE = 1


def month_range(date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """Query parameters selecting the monthly counts ("m<YYYY-MM>") inside a date range.
    A partial date keeps its whole month (and "2024" its whole year); undated counts
    ("mnone") sort after every month, so a range never includes them."""
    return {
        "dated": bool(date_from or date_to),
        "m_from": "m" + date_from[:7] if date_from else "m0",
        "m_to": "m" + date_to[:7] + "\uffff" if date_to else "m9",
    }


def claim_ids_between(graph: Graph, pairs: list[tuple[str, str]],
                      limit: int = EVIDENCE_PER_EDGE) -> dict[tuple[str, str], list[str]]:
    if not pairs:
        return {}
    rows = graph.read(queries.load("claims_between_pairs"),
                      pairs=[{"a": a, "b": b} for a, b in dict.fromkeys(pairs)], limit=limit)
    return {(r["a"], r["b"]): r["ids"] for r in rows}


def comention(graph: Graph, pairs: list[tuple[str, str]], sizes: dict[str, int], *,
              per_pair: int = EVIDENCE_PER_EDGE,
              article_cap: int = EVIDENCE_ARTICLE_CAP) -> dict[tuple[str, str], list[Evidence]]:
    """Shared-article evidence per (a, b) pair, walking from the entity with fewer articles
    (``sizes``: entity id -> articles)."""
    out: dict[tuple[str, str], list[Evidence]] = {p: [] for p in pairs}
    if not pairs:
        return out
    walk = {p: p if sizes.get(p[0], 0) <= sizes.get(p[1], 0) else (p[1], p[0]) for p in pairs}
    rows = graph.read(queries.load("comention_evidence_from"),
                      pairs=[{"a": a, "b": b} for a, b in dict.fromkeys(walk.values())],
                      per_pair=per_pair, article_cap=article_cap)
    found: dict[tuple[str, str], list[Evidence]] = {}
    for r in rows:
        found.setdefault((r["a_id"], r["b_id"]), []).append(_evidence(r))
    for p, w in walk.items():
        out[p] = found.get(w, [])
    return out


@lru_cache(maxsize=8192)
def _quoted(entity_id: str) -> str:
    # A neighbourhood quotes the same few ids for each of its edges.
    return quote(entity_id, safe="")


def more_link(edge: GraphEdge) -> str:
    """Where the rest of an edge's evidence is listed, page by page: the speaker's claims about
    the entity for a claim edge, else everything connecting the two entities."""
    a, b = _quoted(edge.source), _quoted(edge.target)
    if edge.type == "CLAIM_ABOUT":
        return f"/v1/claims?speaker={a}&about={b}"
    return f"/v1/entities/{a}/relationship/{b}"


def _read(graph: Graph, query: str, pairs: list[dict[str, str]], per_edge: int,
          walk_cap: int | None, claim_whole: int = 0,
          claim_lean: bool = False) -> dict[str, list[dict[str, Any]]]:
    if not pairs:
        return {"claims": [], "co": [], "roles": []}
    # The co-mention's sentence is picked among a few shared articles (one where both occur in
    # one sentence when there is one): three per item wanted, at most EVIDENCE_ARTICLE_CAP.
    article_cap = walk_cap or max(per_edge, min(EVIDENCE_ARTICLE_CAP, 3 * per_edge))
    claim_ids = max(per_edge, EVIDENCE_PER_EDGE)
    return graph.read(queries.load(query), pairs=pairs, per_edge=per_edge,
                      article_cap=article_cap, claim_ids_per_edge=claim_ids,
                      claim_ids=claim_ids, claim_scan=walk_cap or claim_ids,
                      claim_whole=claim_whole, claim_lean=claim_lean)[0]


@lru_cache(maxsize=1)
def _first_level_query() -> str:
    """neighbors_d1_first.cypher followed by the evidence blocks of edge_evidence_ptr.cypher
    (between its ``>>>`` and ``<<<`` lines), so that one read answers both."""
    ptr = queries.load("edge_evidence_ptr")
    blocks = ptr[ptr.index("// >>> evidence blocks"):ptr.index("// <<< evidence blocks")]
    return (queries.load("neighbors_d1_first") + blocks
            + "RETURN root, rows, fallback, claims, co, roles, claim_rows\n")


def first_level(graph: Graph, entity_id: str, *, kinds: list[str], per_node: int, limit: int,
                k: int) -> dict[str, Any] | None:
    """A one-level neighbourhood's rows (the shape of network._step's), its entity and the
    pointer evidence of the edges it keeps (one item each, claims lean), in one read; ``None``
    when the lists cannot answer or no entity has that id (the caller reads apart)."""
    row = graph.read(_first_level_query(), id=entity_id, kinds=kinds, per_node=per_node,
                     limit=limit, k=k, per_edge=1, claim_ids=EVIDENCE_PER_EDGE,
                     claim_whole=1, claim_lean=True)[0]
    return None if row["fallback"] else row


def attach(graph: Graph, edges: list[GraphEdge], sizes: dict[str, int], *,
           per_edge: int = EVIDENCE_PER_EDGE, all_claims: bool = False,
           pointers: bool | None = None, walk_cap: int | None = None,
           whole_claims: bool = True, pre: dict[str, Any] | None = None
           ) -> dict[str, ClaimOut]:
    """Fill ``evidence`` (and ``claim_ids``, ``title``) of each edge with up to ``per_edge``
    items, and ``evidence_more`` when its weight counts more; return the claims fetched.
    A claim edge lists up to EVIDENCE_PER_EDGE ``claim_ids`` (ids are cheap) and the evidence of
    the first ``per_edge`` (of all of them with ``all_claims``).

    Co-mention evidence for one item per edge (the neighbourhood's default) and claim ids for up
    to EVIDENCE_PER_EDGE are read through the evidence pointers the writer keeps on each edge
    (graph/agg_pointers.py): the best shared article, the newest claims, with no walk over a
    hub's articles; ``pointers`` forces either way. More items, or a pair whose pointer is
    missing or dangling, walk the evidence: from the side with fewer articles, over its first
    few shared articles (``walk_cap`` of them, and of the claims, when given: an uncapped walk
    finds what the pointers hold). One round trip whatever the number
    of edges, the claims shown included (two when a pointer is missing or more items are
    wanted than the pointers hold: the walk, and the claims it found). Without
    ``whole_claims`` only the evidence of the claims read through the pointers is built (not
    returned), from rows holding only what the evidence shows: a caller that shows no claim
    saves reading and building each one whole. ``pre``: the pointer read, already made (by
    ``first_level``, for exactly these edges, one item each, claims lean)."""
    claim_pairs = list(dict.fromkeys((e.source, e.target) for e in edges
                                     if e.type == "CLAIM_ABOUT"))
    co_pairs = list(dict.fromkeys((e.source, e.target) for e in edges
                                  if e.type == "CO_MENTIONED"))
    role_pairs = list(dict.fromkeys((e.source, e.target) for e in edges if e.type == "HAS_ROLE"))
    if not (claim_pairs or co_pairs or role_pairs):
        return {}
    # Co-mentions are walked (and their offsets given) from the entity with fewer articles.
    walk = {p: p if sizes.get(p[0], 0) <= sizes.get(p[1], 0) else (p[1], p[0]) for p in co_pairs}
    pairs = [*({"kind": "claim", "a": a, "b": b} for a, b in claim_pairs),
             *({"kind": "co", "a": a, "b": b} for a, b in dict.fromkeys(walk.values())),
             *({"kind": "role", "a": a, "b": b} for a, b in role_pairs)]
    # Pointers hold one co-mention article and three claim ids per edge: read through them
    # what they cover (``pointers`` forces either way), walk the rest and any pair whose
    # pointer is missing or dangling. Roles ride along with the first query.
    by_ptr = {"co": per_edge == 1 if pointers is None else pointers,
              "claim": per_edge <= EVIDENCE_PER_EDGE if pointers is None else pointers}
    ptr = [p for p in pairs if by_ptr.get(p["kind"])]
    row = {"claims": [], "co": [], "roles": []}
    if ptr:
        ptr += [p for p in pairs if p["kind"] == "role"]
        # The claims shown (every listed id with ``all_claims``) come back whole with it.
        row = pre if pre is not None else _read(
            graph, "edge_evidence_ptr", ptr, per_edge, None,
            claim_whole=EVIDENCE_PER_EDGE if all_claims else per_edge,
            claim_lean=not whole_claims)
    have = {("claim", r["a"], r["b"]) for r in row["claims"]} | {
        ("co", r["a_id"], r["b_id"]) for r in row["co"]} | {
        ("role", p["a"], p["b"]) for p in ptr if p["kind"] == "role"}
    rest = _read(graph, "edge_evidence", [
        p for p in pairs if (p["kind"], p["a"], p["b"]) not in have], per_edge, walk_cap)
    rows = row.get("claim_rows", [])
    claims = {r["claim"]["id"]: claim_from_row(r) for r in rows} if whole_claims else {}
    shown = {} if whole_claims else {r["claim"]["id"]: claim_evidence_from_row(r) for r in rows}
    row = {k: row[k] + rest[k] for k in ("claims", "co", "roles")}
    ids = {(r["a"], r["b"]): r["ids"] for r in row["claims"]}
    wanted = [c for v in ids.values() for c in (v if all_claims else v[:per_edge])]
    # Only the claims of walked edges (a missing or dangling pointer) are fetched apart.
    claims.update((c.id, c) for c in claims_by_ids(
        graph, list(dict.fromkeys(c for c in wanted if c not in claims and c not in shown))))
    shown.update((i, c.evidence) for i, c in claims.items())
    co: dict[tuple[str, str], list[Evidence]] = {}
    for r in row["co"]:
        co.setdefault((r["a_id"], r["b_id"]), []).append(_evidence(r))
    held: dict[tuple[str, str], list[RoleOut]] = {}
    for r in row["roles"]:
        held.setdefault((r["a"], r["b"]), []).append(role_from_row(r))
    for e in edges:
        pair = (e.source, e.target)
        if e.type == "CLAIM_ABOUT":
            e.claim_ids = ids.get(pair, [])
            listed = e.claim_ids if all_claims else e.claim_ids[:per_edge]
            e.evidence = [shown[c] for c in listed if c in shown]
        elif e.type == "CO_MENTIONED":
            e.evidence = co.get(walk[pair], [])
        elif e.type == "HAS_ROLE":
            roles = held.get(pair, [])
            e.title = e.title or (roles[0].title if roles else None)
            e.evidence = [r.evidence for r in roles]
        else:
            continue
        if e.weight > len(e.evidence):
            e.evidence_more = more_link(e)
    return claims
