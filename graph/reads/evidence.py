"""Evidence for aggregate edges, loaded only for the edges a read returns: the newest claims
linking a speaker and an entity, shared articles (and sentences) of a co-mention, the roles."""

from __future__ import annotations

from typing import Any

import queries
from graph.driver import Graph
from graph.models import ClaimOut, Evidence, GraphEdge, RoleOut
from graph.reads import claims_by_ids
from graph.reads.entities import _evidence, role_from_row

EVIDENCE_PER_EDGE = 3
# Co-mention evidence looks at this many articles of the smaller side of each pair.
EVIDENCE_ARTICLE_CAP = 10


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


def attach(graph: Graph, edges: list[GraphEdge], sizes: dict[str, int]) -> dict[str, ClaimOut]:
    """Fill ``evidence`` (and ``claim_ids``, ``title``) of each edge; return the claims."""
    ids = claim_ids_between(graph, [(e.source, e.target) for e in edges
                                    if e.type == "CLAIM_ABOUT"])
    claims = {c.id: c for c in claims_by_ids(graph, [c for v in ids.values() for c in v])}
    co = comention(graph, [(e.source, e.target) for e in edges if e.type == "CO_MENTIONED"],
                   sizes)
    role_pairs = list(dict.fromkeys((e.source, e.target) for e in edges if e.type == "HAS_ROLE"))
    found: dict[tuple[str, str], list[RoleOut]] = {}
    if role_pairs:
        for r in graph.read(queries.load("roles_between_pairs"), limit=EVIDENCE_PER_EDGE,
                            pairs=[{"a": a, "b": b} for a, b in role_pairs]):
            found.setdefault((r["a"], r["b"]), []).append(role_from_row(r))
    for e in edges:
        if e.type == "CLAIM_ABOUT":
            e.claim_ids = ids.get((e.source, e.target), [])
            e.evidence = [claims[c].evidence for c in e.claim_ids if c in claims]
        elif e.type == "CO_MENTIONED":
            e.evidence = co.get((e.source, e.target), [])
        elif e.type == "HAS_ROLE":
            held = found.get((e.source, e.target), [])
            e.title = e.title or (held[0].title if held else None)
            e.evidence = [r.evidence for r in held]
    return claims
