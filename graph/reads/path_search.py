"""Exact k-shortest paths between two entities without expanding hubs blindly.

A breadth-first search (Neo4j's ``SHORTEST``) from a tail entity reaches a hub in one hop and
then reads its ~20k aggregate edges: between two tail entities linked through two hubs
(a - H1 - H2 - b) that was 100-400 ms on the 100k-article graph. Paths here are at most 4 hops,
so the search meets in the middle instead, one length at a time:

- length 1: the pair index (``queries/paths_links.cypher``: relationship-index seeks);
- length 2: common neighbours; a tail entity's whole neighbourhood comes from its write-time
  top-K lists (``graph/toplists.py``: a list shorter than K is complete). Between two hubs only
  the listed candidates are weighed (seeks) and the best are proven by the lists' bounds
  (the threshold algorithm); otherwise both neighbourhoods are read and intersected;
- length 3: ``a - x - y - b`` for x in N(a), y in N(b): a pair is tested from whichever end has a
  complete list, and only pairs of two hubs by seeks;
- length 4: ``a - x - m - y - b``: the neighbourhoods of N(a) and N(b) joined on m.

Graph searched: one link per pair of entities with any aggregate edge (co-mention, claim either
way, role), as the ``SHORTEST`` search walked it; its strength is the co-mention's weight, else
the total weight of the claim and role edges (the ``solo`` ones). Paths are simple (no entity
twice). Order, and which paths are kept when more tie than are wanted: fewer hops first, then
the greatest total strength, then the entity ids in order. The search stops at the first length
at which k paths are found, and reads only what that length needs.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import queries
from graph import toplists
from graph.driver import Graph

SOLO_KINDS = ("out", "in", "rp", "ro")  # graph/toplists.py: claims made/received, roles
SEP = "\x1f"  # the `pair` key's separator (queries/agg_apply_pairs.cypher)
# Rough server cost, in microseconds, of reading one entity's lists, one pair's seeks and one
# edge of an expansion, decoding included (measured on the 100k-article graph); they choose how
# length 3 is tested.
COST_LIST, COST_SEEK, COST_EDGE = 150, 45, 5
TA_BATCH = 64  # length 2 between two hubs: candidates weighed in the first round of seeks
Path = tuple[str, ...]


@dataclass
class Hood:
    """What is known of an entity's neighbourhood: ``known`` strengths are exact; ``complete``
    when every neighbour is in ``known``; else any neighbour outside ``known`` has a strength of
    at most ``bound``, and ``listed`` holds the listed neighbours whose strength needs a seek,
    with an upper bound of it."""

    known: dict[str, int] = field(default_factory=dict)
    listed: dict[str, float] = field(default_factory=dict)
    complete: bool = True
    bound: float = 0.0
    deg: int = 0  # aggregate edges: what reading them all would cost


def _hood(row: dict) -> Hood:
    """A Hood from one ``paths_lists`` row (pure: tested without a database)."""
    if not row["listed"]:
        if row.get("deg"):  # edges but no lists (never kept): read the edges
            return Hood(complete=False, bound=float("inf"), deg=row["deg"])
        return Hood()  # no aggregate edge at all
    lists = {k: (row[k], row[k + "_w"]) for k in ("co", *SOLO_KINDS)}
    if any(ids is None or ws is None for ids, ws in lists.values()):
        # Lists unknown (graph/toplists.py): the edges are read instead.
        return Hood(complete=False, bound=float("inf"), deg=row["deg"])
    full = {k: len(ids) >= toplists.K for k, (ids, _) in lists.items()}
    co = dict(zip(*lists["co"], strict=True))
    solo: dict[str, int] = {}
    listed_in: dict[str, set[str]] = {}
    for kind in SOLO_KINDS:
        for other, w in zip(*lists[kind], strict=True):
            solo[other] = solo.get(other, 0) + w
            listed_in.setdefault(other, set()).add(kind)
    hood = Hood(known=dict(co), complete=not any(full.values()), deg=row["deg"])
    full_solo = {k for k in SOLO_KINDS if full[k]}
    # An edge missing from a full list weighs at most that list's last entry.
    last = {k: lists[k][1][-1] if full[k] else 0 for k in lists}
    for other, w in solo.items():
        if other in co:
            continue
        # Without a co-mention (its list is not full and lacks it) the strength is the solo
        # edges' total, exact when every full solo list lists it too.
        unlisted = full_solo - listed_in[other]
        if not full["co"] and not unlisted:
            hood.known[other] = w
        else:
            hood.listed[other] = max(last["co"], w + sum(last[k] for k in unlisted))
    if not hood.complete:
        hood.bound = max(last["co"], sum(last[k] for k in full_solo))
    return hood


class Search:
    """One search between ``a`` and ``b``; caches what it reads."""

    def __init__(self, graph: Graph, a: str, b: str) -> None:
        self.graph, self.a, self.b = graph, a, b
        self.hoods: dict[str, Hood] = {}
        self.links: dict[tuple[str, str], int | None] = {}

    # -- reads ---------------------------------------------------------------------------
    def lists(self, ids: Iterable[str]) -> None:
        todo = sorted({i for i in ids if i not in self.hoods})
        for start in range(0, len(todo), 500):
            for r in self.graph.read(queries.load("paths_lists"), ids=todo[start:start + 500]):
                self.hoods[r["id"]] = _hood(r)

    def full(self, ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """Complete neighbourhoods: from the lists, else from the edges."""
        ids = list(dict.fromkeys(ids))
        self.lists(ids)
        todo = [i for i in ids if not self.hoods[i].complete]
        for start in range(0, len(todo), 50):
            got = {i: Hood() for i in todo[start:start + 50]}
            for r in self.graph.read(queries.load("paths_expand"), ids=todo[start:start + 50]):
                got[r["id"]].known = dict(zip(r["ids"], r["ws"], strict=True))
            self.hoods.update(got)
        return {i: self.hoods[i].known for i in ids}

    def link(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Strength of each pair's link (None: not linked), by index seeks."""
        todo = sorted({(min(p), max(p)) for p in pairs if p[0] != p[1]} - self.links.keys())
        for start in range(0, len(todo), 2000):
            chunk = todo[start:start + 2000]
            self.links.update(dict.fromkeys(chunk))
            rows = [{"u": u, "v": v, "uv": u + SEP + v, "vu": v + SEP + u} for u, v in chunk]
            for r in self.graph.read(queries.load("paths_links"), pairs=rows):
                self.links[(r["u"], r["v"])] = int(r["w"])

    def strength(self, u: str, v: str) -> int | None:
        """A pair's strength from what was read: the lists, the edges or the seeks."""
        for x, y in ((u, v), (v, u)):
            hood = self.hoods.get(x)
            if hood is not None:
                if y in hood.known:
                    return hood.known[y]
                if hood.complete:
                    return None
        return self.links[(min(u, v), max(u, v))]

    def needs_seek(self, u: str, v: str) -> bool:
        for x, y in ((u, v), (v, u)):
            hood = self.hoods.get(x)
            if hood is not None and (y in hood.known or hood.complete):
                return False
        return (min(u, v), max(u, v)) not in self.links

    def weigh(self, pairs: list[tuple[str, str]]) -> list[int | None]:
        self.link([p for p in pairs if self.needs_seek(*p)])
        return [self.strength(u, v) for u, v in pairs]

    # -- lengths -------------------------------------------------------------------------
    def length1(self) -> list[tuple[int, Path]]:
        (w,) = self.weigh([(self.a, self.b)])
        return [] if w is None else [(w, (self.a, self.b))]

    def length2(self, need: int) -> list[tuple[int, Path]]:
        a, b = self.a, self.b
        ha, hb = self.hoods[a], self.hoods[b]
        if ha.complete or hb.complete:
            side = ha if ha.complete and (not hb.complete or len(ha.known) <= len(hb.known)) \
                else hb
            cands = [x for x in side.known if x not in (a, b)]
            return self._middle(cands)
        # Two hubs: the threshold algorithm over their lists. A candidate's strength is at
        # most what the lists say (exact where listed, else the other list's bound); seek the
        # most promising ones until the best `need` beat every bound left.
        cands = {*ha.known, *ha.listed, *hb.known, *hb.listed} - {a, b}

        def ub(hood: Hood, x: str) -> float:
            if x in hood.known:
                return hood.known[x]
            return hood.listed.get(x, hood.bound)

        pending = sorted(cands, key=lambda x: (-(ub(ha, x) + ub(hb, x)), x))
        found: list[tuple[int, Path]] = []
        unlisted = ha.bound + hb.bound
        size = TA_BATCH
        while True:
            exact = [x for x in pending if x in ha.known and x in hb.known]
            found += [(ha.known[x] + hb.known[x], (a, x, b)) for x in exact]
            pending = [x for x in pending if x not in exact]
            best = heapq.nsmallest(need, found, key=_rank)
            left = max([unlisted, *(ub(ha, x) + ub(hb, x) for x in pending[:1])])
            if len(best) == need and best[-1][0] > left:
                return best
            if not pending:
                break
            batch, pending = pending[:size], pending[size:]
            found += self._middle(batch)
            size *= 4  # few rounds: each is a round trip
        self.full([a, b])
        return self._middle([x for x in self.hoods[a].known if x != b])

    def _middle(self, cands: list[str]) -> list[tuple[int, Path]]:
        a, b = self.a, self.b
        pairs = [(a, x) for x in cands] + [(x, b) for x in cands]
        ws = self.weigh(pairs)
        n = len(cands)
        return [(wa + wb, (a, x, b)) for x, wa, wb in zip(cands, ws[:n], ws[n:], strict=True)
                if wa is not None and wb is not None]

    def sides(self) -> tuple[dict[str, int], dict[str, int]]:
        """N(a) without b and N(b) without a, complete, with strengths."""
        hoods = self.full([self.a, self.b])
        return ({x: w for x, w in hoods[self.a].items() if x != self.b},
                {y: w for y, w in hoods[self.b].items() if y != self.a})

    def length3(self, need: int) -> list[tuple[int, Path]]:
        """``a - x - y - b``: each pair (x in N(a), y in N(b)) is tested from a complete list at
        either end, else by a seek, else by expanding y; the cheapest way by COST_*."""
        na, nb = self.sides()
        flip = len(nb) > len(na)  # read the smaller side's lists first
        small, other = (na, nb) if flip else (nb, na)
        self.lists(small)
        lo = [y for y in small if self.hoods[y].complete]
        hi = [y for y in small if not self.hoods[y].complete]
        found: dict[tuple[str, str], int] = {}  # (y in small, x in other) -> strength
        for y in lo:
            for x, w in self.hoods[y].known.items():
                if x in other:
                    found[(y, x)] = w
        seeks = COST_SEEK * len(other) * len(hi)
        expand = COST_EDGE * sum(self.hoods[y].deg for y in hi)
        read = COST_LIST * len(other)
        if hi and read < min(seeks, expand):
            self.lists(other)  # then only the pairs of two full lists need seeks
            for x in other:
                if self.hoods[x].complete:
                    for y, w in self.hoods[x].known.items():
                        if y in hi:
                            found[(y, x)] = w
            pairs = [(y, x) for y in hi for x in other
                     if not self.hoods[x].complete and x != y]
            for p, w in zip(pairs, self.weigh(pairs), strict=True):
                if w is not None:
                    found[p] = w
        elif hi and expand < seeks:
            for y, hood in self.full(hi).items():
                for x, w in hood.items():
                    if x in other:
                        found[(y, x)] = w
        elif hi:
            self._seek_best(found, hi, other, small, need)
        out = []
        for (y, x), w in found.items():
            out.append((small[y] + w + other[x], self._path3(y, x, flip)))
        return out

    def _path3(self, y: str, x: str, flip: bool) -> Path:
        # (y in the smaller side, x in the other); flip: the smaller side is N(a).
        return (self.a, y, x, self.b) if flip else (self.a, x, y, self.b)

    def _seek_best(self, found: dict[tuple[str, str], int], hi: list[str],
                   other: dict[str, int], small: dict[str, int], need: int) -> None:
        """The pairs (y in hi, x in other) by seeks, most promising first (the threshold
        algorithm again: a pair y's lists do not weigh is at most their bound), until the best
        `need` paths found beat every pair left; those left are not added."""
        def ub(y: str, x: str) -> float:
            hood = self.hoods[y]
            return hood.known.get(x, hood.listed.get(x, hood.bound))

        pending = []
        for y in hi:
            for x in other:
                if x == y:
                    continue
                if x in self.hoods[y].known:
                    found[(y, x)] = self.hoods[y].known[x]
                else:
                    pending.append((small[y] + ub(y, x) + other[x], y, x))
        pending.sort(key=lambda p: (-p[0], p[1], p[2]))
        size = TA_BATCH
        while pending:
            best = heapq.nsmallest(need, (small[y] + w + other[x] for (y, x), w in
                                          found.items()), key=lambda v: -v)
            if len(best) == need and best[-1] > pending[0][0]:
                return
            batch, pending = pending[:size], pending[size:]
            size *= 4
            pairs = [(y, x) for _, y, x in batch]
            for pair, w in zip(pairs, self.weigh(pairs), strict=True):
                if w is not None:
                    found[pair] = w

    def length4(self) -> Iterator[tuple[int, Path]]:
        a, b = self.a, self.b
        na, nb = self.sides()
        hoods = self.full([*na, *nb])
        via_b: dict[str, list[tuple[str, int]]] = {}
        for y in nb:
            for m, w in hoods[y].items():
                if m not in (a, b):
                    via_b.setdefault(m, []).append((y, w))
        for x in na:
            for m, w in hoods[x].items():
                for y, w2 in via_b.get(m, ()):
                    if y != x:
                        yield na[x] + w + w2 + nb[y], (a, x, m, y, b)


def _rank(item: tuple[int, Path]) -> tuple[int, Path]:
    return -item[0], item[1]


def search(graph: Graph, a: str, b: str, max_hops: int, k: int) -> list[list[str]]:
    """Up to k distinct simple entity sequences from a to b of at most max_hops hops: the
    shortest first, ties by strength then ids (module docstring)."""
    if a == b or k < 1:
        return []
    s = Search(graph, a, b)
    s.lists([a, b])
    found: list[tuple[int, Path]] = []
    for length in range(1, min(max_hops, 4) + 1):
        need = k - len(found)
        if length == 1:
            got: Iterable[tuple[int, Path]] = s.length1()
        elif length == 2:
            got = s.length2(need)
        elif length == 3:
            got = s.length3(need)
        else:
            got = s.length4()
        found += heapq.nsmallest(need, got, key=_rank)
        if len(found) >= k:
            break
    return [list(p) for _, p in found]
