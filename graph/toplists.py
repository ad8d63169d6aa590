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
recomputed from the entity's edges of that kind. Growth alone never needs a recompute.
"""

from __future__ import annotations

from collections import defaultdict
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


def touched(pair_rows: Sequence[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(type, a, b) of every aggregate edge whose total weight an article changed."""
    return [(r["type"], r["a"], r["b"]) for r in pair_rows if r["weight"]]


def update(tx: Any, pair_rows: Sequence[dict[str, Any]], *, k: int | None = None) -> None:
    """Keep the lists of every entity whose edge weights ``pair_rows`` (the deltas
    ``agg_apply_pairs`` just applied, in this transaction) changed.

    Concurrency: Neo4j runs at read-committed isolation, so two ingest workers that both read a
    hub's list and write it back would lose one update. ``toplist_lock`` therefore takes the write
    lock on each TopNeighbours node (``SET`` of a lock property, in sorted id order so that workers
    queue in the same order) before reading its lists in the same transaction — Neo4j's
    documented way to avoid lost updates in Cypher — and the lock is held until commit. The edge
    weights themselves were already locked by ``agg_apply_pairs``'s writes. Deadlocks with other
    lock orders (edges, counts) are transient errors that ``execute_write`` retries."""
    k = k or K
    edges = touched(pair_rows)
    if not edges:
        return
    weights = {(r["type"], r["a"], r["b"]): int(r["weight"]) for r in tx.run(
        queries.load("toplist_weights"),
        rows=[{"type": t, "a": a, "b": b} for t, a, b in edges]).data()}
    changes: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    grow: dict[str, bool] = defaultdict(bool)
    for t, a, b in edges:
        w = weights.get((t, a, b), 0)
        ka, kb = ENDS[t]
        changes[a][ka][b] = w
        changes[b][kb][a] = w
        grow[a] |= w > 0
        grow[b] |= w > 0
    rows = [{"id": eid, "keys": [prop(kind) for kind in sorted(changes[eid])],
             "grow": grow[eid]} for eid in sorted(changes)]
    sets: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    recompute: dict[str, list[str]] = defaultdict(list)
    for r in tx.run(queries.load("toplist_lock"), rows=rows).data():
        if any(ids is None for ids in r["ids"]):
            # A node without lists (new, or recreated): build all of them from its edges, so
            # that an entity's lists are either all there or all missing.
            recompute[r["id"]] = list(KINDS)
            continue
        kinds = sorted(changes[r["id"]])
        for kind, ids, ws in zip(kinds, r["ids"], r["weights"], strict=True):
            new = merge(ids, ws, changes[r["id"]][kind], k)
            if new is None:
                recompute[r["id"]].append(kind)
            elif (new[0], new[1]) != (ids, ws):
                sets[r["id"]].update({prop(kind): new[0], prop(kind) + "_w": new[1]})
    if sets:
        tx.run(queries.load("toplist_set"), kinds=list(KINDS),
               rows=[{"id": i, "props": sets[i]} for i in sorted(sets)]).consume()
    if recompute:
        tx.run(queries.load("toplist_recompute"), k=k, kinds=list(KINDS),
               rows=[{"id": i, "kinds": recompute[i]} for i in sorted(recompute)]).consume()


def wipe(graph: Any) -> None:
    graph.run_auto(queries.load("toplist_wipe"))


def build(graph: Any, *, batch: int = 500, k: int | None = None, log: Any = None) -> int:
    """Build every entity's lists from its aggregate edges (the migration step for an existing
    graph, also run by ``aggregates.rebuild``), in batches of entities. Safe to re-run."""
    done, after = 0, ""
    while True:
        ids = [r["id"] for r in graph.read(
            "MATCH (e:Entity) WHERE e.id > $after RETURN e.id AS id ORDER BY e.id LIMIT $n",
            after=after, n=batch)]
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
