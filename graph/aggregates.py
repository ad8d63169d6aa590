"""Write-time aggregates: weighted entity-to-entity edges and per-entity daily counts.

Reads must not aggregate a hub's tens of thousands of articles per request, so the writer keeps,
in the article's own transaction:

- ``CO_MENTIONED`` (lower id -> higher id): articles mentioning both;
- ``CLAIMED_ABOUT`` (speaker -> entity): claims by the speaker about or targeting the entity
  (``weight`` counts each claim once; ``about`` and ``target`` split it);
- ``HOLDS_ROLE`` (person -> organization): HAS_ROLE evidence edges;
- each with ``first``/``last`` day and one ``m<YYYY-MM>`` count per month, so date-filtered
  weights are exact at month granularity;
- ``(:EntityStats {entity_id})``: an entity's mentions, articles and claims (by or about it)
  in total and per day (``m<day>``, ``a<day>``, ``c<day>``), for timelines and profiles.

Idempotence comes from deltas, not from "add once" bookkeeping: an article's contribution is
read from its own edges before and after it is (re)written, and only the difference is applied.
A re-ingest of the same extraction applies nothing; a changed extraction moves exactly what
changed; a deletion subtracts everything the article contributed. The edges' evidence pointers
and one-kind-per-pair flags ride along (graph/agg_pointers.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import queries
from graph import agg_pointers, newest_claims, toplists
from graph.models import AggRel, ExtractionResult

UNDATED = "none"  # the day/month key of evidence without a date


def month_key(day: str) -> str:
    return "m" + (day[:7] or UNDATED)


@dataclass
class Contribution:
    """What some articles add to the aggregates, as counters keyed by (kind, a, b, day)."""

    pairs: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    about: Counter[tuple[str, str]] = field(default_factory=Counter)
    target: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (entity id, "m" | "a" | "c", day) -> mentions / articles / claims
    entities: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    # (a, b) -> evidence pointer candidates (graph/agg_pointers.py)
    co_ev: dict[tuple[str, str], set[agg_pointers.CoKey]] = field(default_factory=dict)
    claim_ev: dict[tuple[str, str], set[agg_pointers.ClaimKey]] = field(default_factory=dict)
    # (entity id, role) -> its claims' (sort key, id) (graph/newest_claims.py)
    newest: newest_claims.Lists = field(default_factory=dict)


def contribution(rows: Iterable[dict[str, Any]]) -> Contribution:
    """Fold rows of ``agg_contributions`` into counters (pure: tested without a database)."""
    out = Contribution()
    for art in rows:
        day = art["day"]
        ids = sorted({m["id"] for m in art["mentions"]})
        for m in art["mentions"]:
            out.entities[(m["id"], "m", day)] += m["n"]
            out.entities[(m["id"], "a", day)] += 1
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                out.pairs[(AggRel.CO_MENTIONED.value, a, b, day)] += 1
        for c in art["claims"]:
            about, target = set(c["about"]), set(c["target"])
            for e in {*c["speaker"], *about, *target}:
                out.entities[(e, "c", c["day"])] += 1
            for s in set(c["speaker"]):
                for o in (about | target) - {s}:
                    out.pairs[(AggRel.CLAIMED_ABOUT.value, s, o, c["day"])] += 1
                    out.about[(s, o)] += o in about
                    out.target[(s, o)] += o in target
        for p, o in art["roles"]:
            out.pairs[(AggRel.HOLDS_ROLE.value, p, o, day)] += 1
        agg_pointers.collect(out.co_ev, out.claim_ev, art)
        newest_claims.collect(out.newest, art["claims"])
    return out


def read_contribution(tx: Any, article_ids: Sequence[str]) -> Contribution:
    if not article_ids:
        return Contribution()
    return contribution(tx.run(queries.load("agg_contributions"), ids=list(article_ids)).data())


def _diff(new: Counter[Any], old: Counter[Any]) -> dict[Any, int]:
    return {k: d for k in new.keys() | old.keys() if (d := new[k] - old[k])}


def delta_rows(old: Contribution, new: Contribution) -> tuple[list[dict[str, Any]],
                                                               list[dict[str, Any]]]:
    """Rows for ``agg_apply_pairs`` and ``agg_apply_entities``, sorted so that concurrent
    writers lock shared edges in the same order."""
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}

    def row(kind: str, a: str, b: str) -> dict[str, Any]:
        return pairs.setdefault((kind, a, b), {
            "type": AggRel(kind).value, "a": a, "b": b, "weight": 0, "months": {},
            "added": [], "removed": [],
            "about": 0 if kind == AggRel.CLAIMED_ABOUT.value else None,
            "target": 0 if kind == AggRel.CLAIMED_ABOUT.value else None,
        })

    for (kind, a, b, day), d in _diff(new.pairs, old.pairs).items():
        r = row(kind, a, b)
        r["weight"] += d
        r["months"][month_key(day)] = r["months"].get(month_key(day), 0) + d
        if day:
            (r["added"] if d > 0 else r["removed"]).append(day)
    for name, new_c, old_c in (("about", new.about, old.about),
                               ("target", new.target, old.target)):
        for (a, b), d in _diff(new_c, old_c).items():
            row(AggRel.CLAIMED_ABOUT.value, a, b)[name] += d
    ev = {AggRel.CO_MENTIONED.value: (old.co_ev, new.co_ev),
          AggRel.CLAIMED_ABOUT.value: (old.claim_ev, new.claim_ev)}
    for kind, (old_ev, new_ev) in ev.items():  # a pointer candidate may move on its own
        for a, b in old_ev.keys() | new_ev.keys():
            if old_ev.get((a, b)) != new_ev.get((a, b)):
                row(kind, a, b)
    pair_rows = []
    for key in sorted(pairs):
        r = pairs[key]
        old_ev, new_ev = ev.get(key[0], ({}, {}))
        r.update(agg_pointers.pointer_fields(key[0], old_ev.get(key[1:], set()),
                                             new_ev.get(key[1:], set())))
        months = {k: v for k, v in r.pop("months").items() if v}
        added, removed = r.pop("added"), r.pop("removed")
        r.update(months=list(months), deltas=list(months.values()),
                 add_min=min(added, default=None), add_max=max(added, default=None),
                 rem_min=min(removed, default=None), rem_max=max(removed, default=None))
        pair_rows.append(r)
    ents: dict[str, dict[str, Any]] = {}
    totals = {"m": "mentions", "a": "articles", "c": "claims"}
    for (eid, kind, day), d in _diff(new.entities, old.entities).items():
        r = ents.setdefault(eid, {"id": eid, "keys": [], "deltas": [], "mentions": 0,
                                  "articles": 0, "claims": 0})
        r["keys"].append(kind + (day or UNDATED))
        r["deltas"].append(d)
        r[totals[kind]] += d
    return pair_rows, [ents[k] for k in sorted(ents)]


def apply(tx: Any, old: Contribution, new: Contribution, *, lists: bool = True,
          newest: bool = True) -> None:
    """Apply ``new - old`` to the aggregates inside the caller's transaction (and to the
    top-K neighbour lists unless ``lists`` is false: ``rebuild`` builds those at the end; and
    to the newest-claims lists unless ``newest`` is false: a judgement moves those once, after
    its change, graph/judgements.py)."""
    pair_rows, entity_rows = delta_rows(old, new)
    marked = apply_pairs(tx, pair_rows)
    stale = [r for r in marked if r["stale"]]
    if stale:
        tx.run(queries.load("agg_bounds"), rows=stale).consume()
    agg_pointers.refresh(tx, [r for r in marked if r["repoint"]],
                         [r for r in marked if r["solo"]])
    if entity_rows:
        tx.run(queries.load("agg_apply_entities"), rows=entity_rows).consume()
    if lists:
        toplists.update(tx, pair_rows)  # each entity's top-K neighbours (graph/toplists.py)
    if lists and newest:
        newest_claims.update(tx, old.newest, new.newest)  # graph/newest_claims.py


def apply_pairs(tx: Any, pair_rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run ``agg_apply_pairs`` for the claim and role rows and its co-mention-only twin
    ``agg_apply_co`` for the co-mention rows (the bulk, and 2-3x cheaper per row there); each
    part keeps the rows' sorted order. Returns the rows marked stale / repoint / solo."""
    co = AggRel.CO_MENTIONED.value
    marked: list[dict[str, Any]] = []
    for name, rows in (("agg_apply_pairs", [r for r in pair_rows if r["type"] != co]),
                       ("agg_apply_co", [r for r in pair_rows if r["type"] == co])):
        if rows:
            marked += tx.run(queries.load(name), rows=rows,
                             keep=agg_pointers.CLAIM_POINTERS).data()
    return marked


def pointer_rows(c: Contribution) -> list[dict[str, Any]]:
    """Weightless ``agg_apply_pairs`` rows that only max-merge ``c``'s evidence pointer
    candidates (agg_pointers.backfill, for edges aggregated before pointers existed)."""
    rows = []
    for kind, cands in ((AggRel.CO_MENTIONED.value, c.co_ev),
                        (AggRel.CLAIMED_ABOUT.value, c.claim_ev)):
        for a, b in sorted(cands):
            rows.append({"type": kind, "a": a, "b": b, "weight": 0, "about": None,
                         "target": None, "months": [], "deltas": [], "add_min": None,
                         "add_max": None, "rem_min": None, "rem_max": None,
                         **agg_pointers.pointer_fields(kind, set(), cands[(a, b)])})
    return sorted(rows, key=lambda r: (r["type"], r["a"], r["b"]))


def prune(tx: Any, results: Sequence[ExtractionResult]) -> None:
    """Drop edges of re-extracted articles that the new extraction does not have."""
    rows = [{"id": r.id, "entity_ids": [e.id for e in r.entities],
             "claim_ids": [c.id for c in r.claims]} for r in results]
    if rows:
        tx.run(queries.load("agg_prune"), rows=rows).consume()


def delete_articles(graph: Any, article_ids: Sequence[str]) -> int:
    """Delete articles and their evidence, subtracting their contribution, in one transaction."""
    ids = sorted(set(article_ids))

    def work(tx: Any) -> int:
        old = read_contribution(tx, ids)
        n = tx.run(queries.load("agg_delete_articles"), ids=ids).single()
        apply(tx, old, Contribution())
        return int(n["n"]) if n else 0

    with graph.session() as session:
        return int(session.execute_write(work))


def rebuild(graph: Any, *, batch: int = 500, log: Any = None, lists: bool = True) -> int:
    """Build every aggregate from scratch (the migration step for an existing graph): drop
    what is there, then add each batch of articles' contribution, then (``lists``) build the
    top-K neighbour lists from the finished edges. Safe to re-run."""
    graph.run_auto(queries.load("agg_wipe_edges"))
    graph.run_auto(queries.load("agg_wipe_stats"))
    toplists.wipe(graph)
    done = each_article_batch(
        graph, lambda tx, ids: apply(tx, Contribution(), read_contribution(tx, ids), lists=False),
        batch=batch, log=log, what="aggregates")
    if lists:
        toplists.build(graph, log=log)
        newest_claims.build(graph, log=log)
    return done


def each_article_batch(graph: Any, work: Any, *, batch: int = 500, log: Any = None,
                       what: str = "articles") -> int:
    """Run ``work(tx, ids)`` in a write transaction of its own for each batch of article ids,
    in id order (the migrations' backfills walk a big graph this way); return the count."""
    done, after = 0, ""
    while True:
        ids = [r["id"] for r in graph.read(queries.load("agg_article_ids"), after=after,
                                           limit=batch)]
        if not ids:
            return done
        with graph.session() as session:
            session.execute_write(work, ids)
        done += len(ids)
        after = ids[-1]
        if log:
            log(f"{what}: {done} articles")
