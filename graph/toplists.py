"""Write-time top-K neighbour lists: each entity's heaviest aggregate edges, per kind.

A neighbourhood read must not weigh every aggregate edge of a hub (thousands) per request, so
each entity's ``(:TopNeighbours {entity_id})`` node keeps, per edge kind, its ``K`` heaviest
neighbours as two parallel lists (Neo4j properties cannot hold maps):

- ``top_<kind>``: the other entities' ids; ``top_<kind>_w``: the aggregate weights;
- ordered by weight descending, then id ascending (the order ``queries/neighbors_agg.cypher``
  ranks by), so the first ``n`` entries are the exact top ``n`` for any ``n <= K``;
- kinds: ``co`` co-mentions (CO_MENTIONED, either direction), ``out`` claims it made
  (CLAIMED_ABOUT from it), ``in`` claims about it (CLAIMED_ABOUT to it), ``rp`` roles it holds
  (HOLDS_ROLE from it, as a person), ``ro`` roles held in it (HOLDS_ROLE to it, as an
  organization).

A list shorter than ``K`` holds every edge of its kind. A missing list (``null``) is unknown:
readers fall back to the edges, and the writer rebuilds it from the edges before using it. The
node exists only while the entity has an aggregate edge (deleted when all its lists are empty).

Not on the entity's EntityStats node: a hub's has thousands of per-day count properties, and
Neo4j (record format) walks a node's property chain to find one, so reading a list there took
~20-30 ms for a hub against ~4 ms for a node that holds the lists alone (25k-article graph).

Exactness at write time (``update``): a full list's last entry is a boundary every edge outside
the list ranks below. After an article changes some weights, the entries that still rank at or
above that boundary are known exactly; if there are at least ``K`` of them they are the new list,
otherwise (a listed weight fell or went away: re-extraction, deletion, a judgement) the list is
recomputed from the entity's edges of that kind. Growth alone never needs a recompute. The new
weights come from the lists too: an edge's weight before the delta is listed at one of its two
ends, or is 0 where a list shorter than ``K`` does not list it; only an edge that rises between
two full lists listing neither end is read from the graph. A new node starts with empty lists
(its entity had no aggregate edge), which the sum of its edges' weights confirms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import queries
from graph.models import AggRel

K = 60  # entries kept per entity and kind: above the API's largest per-entity fan-out (50)

KINDS = ("co", "out", "in", "rp", "ro")
# Edge type of each kind, and the kind seen from the edge's start (a) and end (b) entity.
ENDS: dict[str, tuple[str, str]] = {
    AggRel.CO_MENTIONED.value: ("co", "co"),
    AggRel.CLAIMED_ABOUT.value: ("out", "in"),
    AggRel.HOLDS_ROLE.value: ("rp", "ro"),
}


def prop(kind: str) -> str:
    return "top_" + kind


def _rank(weight: int, other: str) -> tuple[int, str]:
    return (-weight, other)


def merge(ids: list[str] | None, weights: list[int] | None, changed: dict[str, int],
          k: int) -> tuple[list[str], list[int]] | None:
    """The new list after the weights in ``changed`` (other id -> new weight, 0 when the edge is
    gone) moved, or ``None`` when it cannot be known from the list alone (recompute).
    Pure: tested without a database."""
    if ids is None or weights is None:
        return None
    full = len(ids) >= k
    boundary = _rank(weights[-1], ids[-1]) if full and ids else None
    entries = {o: w for o, w in zip(ids, weights, strict=True) if o not in changed}
    entries.update({o: w for o, w in changed.items() if w > 0})
    ranked = sorted(entries.items(), key=lambda e: _rank(e[1], e[0]))
    if boundary is not None:
        # Edges outside a full list rank below its last entry: only what ranks at or above it
        # is known to be complete.
        ranked = [e for e in ranked if _rank(e[1], e[0]) <= boundary]
        if len(ranked) < k:
            return None
    ranked = ranked[:k]
    return [o for o, _ in ranked], [w for _, w in ranked]


def update(tx: Any, pair_rows: Sequence[dict[str, Any]], *, k: int | None = None) -> None:
    """Keep the lists of every entity whose edge weights ``pair_rows`` (the deltas
    ``agg_apply_pairs`` just applied, in this transaction) changed.

    Concurrency: Neo4j runs at read-committed isolation, so two ingest workers that both read a
    hub's list and write it back would lose one update. ``toplist_lock`` therefore takes the write
    lock on each TopNeighbours node (``SET`` of a lock property, in sorted id order so that workers
    queue in the same order) before reading its lists in the same transaction — Neo4j's
    documented way to avoid lost updates in Cypher — and the lock is held until commit. The edge
    weights themselves were already locked by ``agg_apply_pairs``'s writes, so the locked lists
    hold every edge's weight from before this transaction's deltas. Deadlocks with other lock
    orders (edges, counts) are transient errors that ``execute_write`` retries."""
    k = k or K
    edges = [(r["type"], r["a"], r["b"], int(r["weight"])) for r in pair_rows if r["weight"]]
    if not edges:
        return
    kinds: dict[str, set[str]] = defaultdict(set)
    grow: dict[str, bool] = defaultdict(bool)
    for t, a, b, d in edges:
        kinds[a].add(ENDS[t][0])
        kinds[b].add(ENDS[t][1])
        grow[a] |= d > 0
        grow[b] |= d > 0
    rows = [{"id": eid, "keys": [prop(kind) for kind in sorted(kinds[eid])], "grow": grow[eid]}
            for eid in sorted(kinds)]
    lists: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
    rebuild: set[str] = set()
    created: dict[str, int] = {}
    for r in tx.run(queries.load("toplist_lock"), rows=rows).data():
        if r["created"]:
            # No node, so no aggregate edge before this transaction: its lists start empty.
            created[r["id"]] = r["held"]
            for kind in KINDS:
                lists[(r["id"], kind)] = ([], [])
        elif any(ids is None for ids in r["ids"]):
            rebuild.add(r["id"])  # a node without lists (written before migration 6)
        else:
            for kind, ids, ws in zip(sorted(kinds[r["id"]]), r["ids"], r["weights"],
                                     strict=True):
                lists[(r["id"], kind)] = (ids, ws)
    rising: Counter[str] = Counter()
    for _, a, b, d in edges:
        rising[a] += max(d, 0)
        rising[b] += max(d, 0)
    for eid, held in created.items():
        if held != rising[eid]:
            # Edges this transaction did not write (lists lost outside the writer): neither
            # its lists nor the weights they would give are known; rebuilt from the edges.
            rebuild.add(eid)
            for kind in KINDS:
                lists.pop((eid, kind), None)
    weights, unknown = _new_weights(edges, lists, k)
    if unknown:  # both ends' lists are full and neither lists the other: ask the edges
        for r in tx.run(queries.load("toplist_weights"), rows=[
                {"type": t, "a": a, "b": b} for t, a, b in unknown]).data():
            weights[(r["type"], r["a"], r["b"])] = int(r["weight"])
    changes: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for t, a, b, _ in edges:
        w = weights.get((t, a, b), 0)
        changes[(a, ENDS[t][0])][b] = w
        changes[(b, ENDS[t][1])][a] = w
    sets: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    recompute: dict[str, list[str]] = defaultdict(list)
    for (eid, kind), (ids, ws) in lists.items():
        new = merge(ids, ws, changes.get((eid, kind), {}), k)
        if new is None:
            recompute[eid].append(kind)
        elif new != (ids, ws) or eid in created:
            sets[eid].update({prop(kind): new[0], prop(kind) + "_w": new[1]})
    for eid in rebuild:
        recompute[eid] = list(KINDS)
    if sets:
        tx.run(queries.load("toplist_set"), kinds=list(KINDS),
               rows=[{"id": i, "props": sets[i]} for i in sorted(sets)]).consume()
    if recompute:
        tx.run(queries.load("toplist_recompute"), k=k, kinds=list(KINDS),
               rows=[{"id": i, "kinds": recompute[i]} for i in sorted(recompute)]).consume()


def _new_weights(edges: list[tuple[str, str, str, int]],
                 lists: dict[tuple[str, str], tuple[list[str], list[int]]], k: int
                 ) -> tuple[dict[tuple[str, str, str], int], list[tuple[str, str, str]]]:
    """Each changed edge's weight after its delta: the weight before is in either end's list
    (listed there, or 0 when a list shorter than K does not list it); only when both ends' lists
    are full and neither lists the other is it unknown."""
    listed = {key: dict(zip(ids, ws, strict=True)) for key, (ids, ws) in lists.items()}
    out: dict[tuple[str, str, str], int] = {}
    unknown: list[tuple[str, str, str]] = []
    for t, a, b, d in edges:
        old = None
        for key, other in (((a, ENDS[t][0]), b), ((b, ENDS[t][1]), a)):
            got = listed.get(key)
            if got is not None and (other in got or len(got) < k):
                old = got.get(other, 0)
                break
        if old is not None:
            out[(t, a, b)] = old + d
        elif d > 0:  # a fall outside both full lists changes neither
            unknown.append((t, a, b))
    return out, unknown


def wipe(graph: Any) -> None:
    graph.run_auto(queries.load("toplist_wipe"))


def build(graph: Any, *, batch: int = 500, k: int | None = None, log: Any = None) -> int:
    """Build every entity's lists from its aggregate edges (the migration step for an existing
    graph, also run by ``aggregates.rebuild``), in batches of entities. Safe to re-run."""
    done, after = 0, ""
    while True:
        ids = [r["id"] for r in graph.read(queries.load("toplist_entity_ids"), after=after,
                                           n=batch)]
        if not ids:
            return done

        def work(tx: Any, ids: list[str] = ids) -> None:
            tx.run(queries.load("toplist_recompute"), k=k or K, kinds=list(KINDS),
                   rows=[{"id": i, "kinds": list(KINDS)} for i in ids]).consume()

        with graph.session() as session:
            session.execute_write(work)
        done += len(ids)
        after = ids[-1]
        if log:
            log(f"top-k lists: {done} entities")
