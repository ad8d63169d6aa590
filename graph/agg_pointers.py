"""Evidence pointers and the one-kind-per-pair flag on the write-time aggregate edges.

A neighbourhood shows one evidence item per edge; finding it by walking a hub's articles per
edge was most of the request (docs/api.md, Benchmark). So each aggregate edge keeps, written in
the article's own transaction by graph/aggregates.py:

- ``CO_MENTIONED``: ``ev_article`` (with ``ev_shared``, ``ev_published``), the best shared
  article: the greatest (both entities in one sentence, published, article id);
- ``CLAIMED_ABOUT``: ``ev_claims`` (with their ``ev_claim_keys``), the ids of the
  ``CLAIM_POINTERS`` newest claims by (coalesce(date, published, '') descending, id);
- ``CLAIMED_ABOUT`` and ``HOLDS_ROLE``: ``solo``, no ``CO_MENTIONED`` between the same two
  entities, so the path search can keep one edge kind per pair with a predicate it inlines
  (``r:CO_MENTIONED OR r.solo``) instead of a NOT EXISTS per expanded edge.

Adding is a max-merge, so a re-ingest of the same extraction changes nothing. When an article's
old contribution held a pointer that its new one does not renew, that one pair's pointer is
recomputed from its evidence (re-extraction and deletion: rare).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import queries
from graph.models import AggRel

CLAIM_POINTERS = 3  # = graph/reads/evidence.py EVIDENCE_PER_EDGE: the claim ids an edge lists

# A co-mention candidate: (both in one sentence, published or '', article id); a claim
# candidate: (coalesce(date, published, ''), claim id).
CoKey = tuple[bool, str, str]
ClaimKey = tuple[str, str]
Pair = tuple[str, str]


def shares_sentence(a: Iterable[int] | None, b: Iterable[int] | None) -> bool:
    """Whether two mention lists share a sentence (starts < 0 mark a mention without one)."""
    other = set(b or ())
    return any(s >= 0 and s in other for s in a or ())


def collect(co: dict[Pair, set[CoKey]], claims: dict[Pair, set[ClaimKey]],
            art: dict[str, Any]) -> None:
    """Add one ``agg_contributions`` row's candidates (pure: tested without a database)."""
    starts: dict[str, list[int]] = {}
    for m in art["mentions"]:
        starts.setdefault(m["id"], []).extend(m.get("s") or [])
    ids = sorted(starts)
    published = art.get("published") or ""
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            co.setdefault((a, b), set()).add(
                (shares_sentence(starts[a], starts[b]), published, art["id"]))
    for c in art["claims"]:
        if c.get("id") is None:
            continue
        for s in set(c["speaker"]):
            for o in {*c["about"], *c["target"]} - {s}:
                claims.setdefault((s, o), set()).add((c.get("key") or "", c["id"]))


def newest_claims(keys: Iterable[ClaimKey], n: int = CLAIM_POINTERS) -> list[ClaimKey]:
    """The order the claim list uses: key descending, then id ascending."""
    return sorted(sorted(keys, key=lambda k: k[1]), key=lambda k: k[0], reverse=True)[:n]


def pointer_fields(kind: str, old: set[Any], new: set[Any]) -> dict[str, Any]:
    """``ev`` (the new candidates worth merging, best first) and ``ev_drop`` (ids of candidates
    the old contribution had and the new one lacks) for one ``agg_apply_pairs`` row."""
    gone = old - new
    if kind == AggRel.CO_MENTIONED.value:
        ev = [{"s": s, "p": p, "id": i} for s, p, i in sorted(new, reverse=True)[:1]]
        return {"ev": ev, "ev_drop": sorted({k[2] for k in gone})}
    if kind == AggRel.CLAIMED_ABOUT.value:
        ev = [{"k": k, "id": i} for k, i in newest_claims(new)]
        return {"ev": ev, "ev_drop": sorted({k[1] for k in gone})}
    return {"ev": [], "ev_drop": []}


def refresh(tx: Any, stale: list[dict[str, Any]], solo: list[dict[str, Any]]) -> None:
    """Recompute the pointers ``agg_apply_pairs`` found stale, then the ``solo`` flags of the
    pairs whose co-mention edge or claim/role edge was created or deleted."""
    if stale:
        tx.run(queries.load("agg_pointers_recount"), rows=stale,
               claims=CLAIM_POINTERS).consume()
    if solo:
        pairs = sorted({tuple(sorted((r["a"], r["b"]))) for r in solo})
        tx.run(queries.load("agg_solo"), pairs=[{"a": a, "b": b} for a, b in pairs]).consume()


def backfill(graph: Any, *, batch: int = 500, log: Any = None) -> dict[str, int]:
    """Pointers and flags for a graph aggregated before they existed (migration 7): the
    ``solo`` flags in one batched statement, then each batch of articles' candidates
    max-merged into the edges (weights untouched). Safe to re-run."""
    from graph import aggregates

    graph.run_auto(queries.load("agg_solo_backfill"))

    def work(tx: Any, ids: list[str]) -> None:
        # Weightless rows: agg_apply_pairs only max-merges their candidates.
        rows = aggregates.pointer_rows(aggregates.read_contribution(tx, ids))
        if rows:
            tx.run(queries.load("agg_apply_pairs"), rows=rows, keep=CLAIM_POINTERS).consume()

    done = aggregates.each_article_batch(graph, work, batch=batch, log=log,
                                         what="evidence pointers")
    return {"articles": done}
