"""Each entity's newest claims, per role, kept exact by the writer (no walk at read time).

An entity profile lists the newest ``N`` claims by an entity and the newest ``N`` about or
targeting it; for a hub that meant ordering thousands of claims per request (docs/api.md,
Benchmark). So each entity with claims has a ``(:NewestClaims {entity_id})`` node holding, per
role, the ids of its ``N`` newest claims and their sort keys as parallel lists (Neo4j
properties cannot hold maps):

- ``said`` / ``said_k``: claims it made (``(e)-[:SAID]->(c)``);
- ``about`` / ``about_k``: claims about or targeting it (``(c)-[:ABOUT|TARGETS]->(e)``);
- ordered as the profile orders: ``coalesce(date, published, '')`` descending, then id, so the
  first ``n`` entries are the exact newest ``n`` for any ``n <= N``; a list shorter than ``N``
  holds every claim of its role.

Kept in the article's own transaction (``graph/aggregates.py`` apply), the way
``graph/agg_pointers.py`` keeps the per-pair pointers: an article's old and new contributions
are diffed as (sort key, claim id) pairs per entity and role; new pairs are merged in and the
list cut to ``N``; a pair that leaves is dropped. Only when a pair that leaves was listed in a
full list (deletion, re-extraction that moves or re-dates a claim, a judgement) is the list
recomputed from the entity's claims. A node exists only while its entity has claims (deleted
when both lists are empty). A missing node or list is unknown: readers walk the claims (none,
or not built yet), the writer recomputes it (a new entity's is one article's worth of claims).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import queries
from graph import agg_pointers

N = 20  # = the profile's default and largest-by-default list (graph/reads/entities.py)
ROLES = ("said", "about")

ClaimKey = agg_pointers.ClaimKey  # (coalesce(date, published, ''), claim id)
Lists = dict[tuple[str, str], set[ClaimKey]]  # (entity id, role) -> claims of some articles


def collect(out: Lists, claims: Iterable[dict[str, Any]]) -> None:
    """Add one ``agg_contributions`` row's claims (pure: tested without a database)."""
    for c in claims:
        if c.get("id") is None:
            continue
        key = (c.get("key") or "", c["id"])
        for s in set(c["speaker"]):
            out.setdefault((s, "said"), set()).add(key)
        for o in {*c["about"], *c["target"]}:
            out.setdefault((o, "about"), set()).add(key)


def merge(ids: list[str] | None, keys: list[str] | None, gone: set[ClaimKey],
          added: set[ClaimKey], n: int) -> tuple[list[str], list[str]] | None:
    """The new list after ``gone`` left and ``added`` arrived, or ``None`` when it cannot be
    known from the list alone (a listed claim left a full list: recompute). Pure."""
    if ids is None or keys is None:
        return None
    listed = list(zip(keys, ids, strict=True))
    kept = [e for e in listed if e not in gone]
    if len(listed) >= n and len(kept) < len(listed):
        return None  # what ranked just below the full list is unknown
    ranked = agg_pointers.newest_claims({*kept, *added}, n)
    return [i for _, i in ranked], [k for k, _ in ranked]


def update(tx: Any, old: Lists, new: Lists, *, n: int | None = None) -> None:
    """Move the lists of every (entity, role) whose claims differ between ``old`` and ``new``
    (an article's contribution before and after this transaction's writes).

    Concurrency as in graph/toplists.py: ``newest_lock`` takes the write lock on each entity's
    node (SET, entities in id order) before reading its lists, so two writers never both merge
    into the same list they read (a lost update); the lock is held until commit. Deadlocks
    with other lock orders are transient errors that ``execute_write`` retries."""
    n = n or N
    changes: dict[tuple[str, str], tuple[set[ClaimKey], set[ClaimKey]]] = {}
    for key in old.keys() | new.keys():
        o, w = old.get(key, set()), new.get(key, set())
        if o != w:
            changes[key] = (o - w, w - o)
    if not changes:
        return
    ids = sorted({eid for eid, _ in changes})
    sets: list[dict[str, Any]] = []
    recompute: list[dict[str, Any]] = []
    for r in tx.run(queries.load("newest_lock"), ids=ids).data():
        props: dict[str, Any] = {}
        redo: list[str] = []
        for role in ROLES:
            if (r["id"], role) not in changes and not r["created"]:
                continue
            gone, added = changes.get((r["id"], role), (set(), set()))
            got = None if r["created"] else merge(r[role], r[role + "_k"], gone, added, n)
            if got is None:
                redo.append(role)
            elif got != (r[role], r[role + "_k"]):
                props.update({role: got[0], role + "_k": got[1]})
        if redo:  # both roles at once: a set that empties one list could delete the node
            recompute.append({"id": r["id"], "roles": list(ROLES)})
        elif props:
            sets.append({"id": r["id"], "props": props})
    if sets:
        tx.run(queries.load("newest_set"), rows=sets).consume()
    if recompute:
        tx.run(queries.load("newest_recompute"), rows=recompute, n=n).consume()


def build(graph: Any, *, batch: int = 500, n: int | None = None, log: Any = None) -> int:
    """Every entity's lists from its claims (migration 9), in batches of entities, each in a
    write transaction of its own. Safe to re-run."""
    n = n or N
    done, after = 0, ""
    while True:
        ids = [r["id"] for r in graph.read(queries.load("newest_entity_ids"), after=after,
                                           n=batch)]
        if not ids:
            return done

        def work(tx: Any, ids: list[str] = ids) -> None:
            tx.run(queries.load("newest_lock"), ids=ids).consume()
            tx.run(queries.load("newest_recompute"), n=n,
                   rows=[{"id": i, "roles": list(ROLES)} for i in ids]).consume()

        with graph.session() as session:
            session.execute_write(work)
        done += len(ids)
        after = ids[-1]
        if log:
            log(f"newest claims: {done} entities")


def wipe(graph: Any) -> None:
    graph.run_auto(queries.load("newest_wipe"))
