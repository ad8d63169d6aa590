"""The exact path search (graph/reads/path_search.py) against Neo4j's own answers on random small
graphs written through the real writer: for many pairs, k in 1..5 and max_hops 1..4, the paths
equal the k best of every simple path Neo4j enumerates (by length, strength, then ids), their
lengths equal those of Neo4j's ``SHORTEST k``, every path is valid, and "no path" agrees.

The top-K lists are made short (K = 3) so that most entities have full lists, as hubs do, and
each way of testing a length-3 pair (lists, seeks, expansion) is forced in turn."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from graph import toplists
from graph.driver import Graph
from graph.models import (
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    RelationRecord,
    SpeakerRef,
    StoredArticle,
    content_hash,
)
from graph.reads import evidence, path_search, paths
from graph.writer import Neo4jWriter

P = "pathq"
GRAPHS, ENTITIES, SMALL_K = 3, 16, 3
AGG = "CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE"
# Every simple and non-simple walk of at most 4 hops over the links a path may use.
ALL_PATHS = f"""
MATCH (a:Entity {{id: $a}}), (b:Entity {{id: $b}})
MATCH p = (a)((x:Entity)-[r:{AGG}]-(y:Entity) WHERE r:CO_MENTIONED OR r.solo){{1,4}}(b)
RETURN [n IN nodes(p) | n.id] AS ids"""
SHORTEST_5 = f"""
MATCH (a:Entity {{id: $a}}), (b:Entity {{id: $b}})
MATCH p = SHORTEST 5 (a)((x:Entity)-[r:{AGG}]-(y:Entity) WHERE r:CO_MENTIONED OR r.solo){{1,4}}(b)
WHERE length(p) <= $max_hops
RETURN [n IN nodes(p) | n.id] AS ids"""
# Forcing each length-3 strategy: (list, seek, edge) costs.
COSTS = [(1, 10**6, 10**6), (10**6, 1, 10**6), (10**6, 10**6, 1),
         (path_search.COST_LIST, path_search.COST_SEEK, path_search.COST_EDGE)]


def _types(i: int) -> EntityType:
    return (EntityType.PERSON if i < 8 else EntityType.ORGANIZATION if i < 12
            else EntityType.PLACE)


def _doc(aid: str, said: list[tuple[str, str]], *, claim: tuple[str, str] | None = None,
         role: tuple[str, str] | None = None,
         types: dict[str, EntityType]) -> tuple[StoredArticle, ExtractionResult]:
    """One sentence naming ``said`` (entity id, name); a claim (speaker, subject) or a role
    (person, organization) whose second entity the article need not mention."""
    text, ents = "", []
    for eid, name in said:
        ents.append((eid, name, len(text)))
        text += name + (" and " if eid != said[-1][0] else "")
    text += " said the talks failed."
    mentions = [EntityRecord(id=eid, type=types[eid], name=name, mentions=[Mention(
        start=pos, end=pos + len(name), text=name, sentence_start=0, sentence_end=len(text))])
        for eid, name, pos in ents]
    span = (0, len(text))
    claims, relations = [], []
    if claim:
        sp = dict(said)[claim[0]]
        claims.append(ClaimRecord(id=f"{aid}-c0", speaker=SpeakerRef(id=claim[0], name=sp,
                                                                      type="Person"),
                                  cue="say", content="the talks failed", content_span=span,
                                  sentence_span=span, quote_type=QuoteType.INDIRECT,
                                  about=[claim[1]]))
    if role:
        relations.append(RelationRecord(type="HAS_ROLE", source=role[0], target=role[1],
                                        title="envoy", span=(0, 5), sentence_span=span))
    art = StoredArticle(id=aid, text=text, published="2024-05-01", content_hash=content_hash(text))
    return art, ExtractionResult(id=aid, extractor_version="pathq", entities=mentions,
                                 claims=claims, relations=relations)


def _graph_articles(g: int, rng: random.Random) -> list[tuple[StoredArticle, ExtractionResult]]:
    """A random graph: three hubs linked to most entities, sparse links elsewhere; most links
    co-mentions (some also a claim), some only a claim or a role (``solo``), weights 1-3."""
    ids = [f"{P}{g}:e{i:02d}" for i in range(ENTITIES)]
    names = {e: f"Varn{g}x{i:02d}" for i, e in enumerate(ids)}
    types = {e: _types(i) for i, e in enumerate(ids)}
    out = [_doc(f"{P}{g}-own{i}", [(e, names[e])], types=types) for i, e in enumerate(ids)]
    hubs = {ids[0], ids[8], ids[12]}
    n = 0
    for i, u in enumerate(ids):
        for v in ids[i + 1:]:
            if rng.random() > (0.6 if u in hubs or v in hubs else 0.12):
                continue
            person = next((x for x in (u, v) if types[x] == EntityType.PERSON), None)
            other = v if person == u else u
            kind = rng.random()
            for _ in range(rng.randint(1, 3)):
                n += 1
                aid = f"{P}{g}-a{n}"
                if person and kind < 0.12:  # a claim alone: the subject is not mentioned
                    out.append(_doc(aid, [(person, names[person])], claim=(person, other),
                                    types=types))
                elif person and types[other] == EntityType.ORGANIZATION and kind < 0.22:
                    out.append(_doc(aid, [(person, names[person])], role=(person, other),
                                    types=types))
                else:
                    claim = (person, other) if person and kind > 0.8 else None
                    out.append(_doc(aid, [(u, names[u]), (v, names[v])], claim=claim,
                                    types=types))
    return out


@pytest.fixture(scope="module")
def small_k() -> Iterator[None]:
    mp = pytest.MonkeyPatch()
    mp.setattr(toplists, "K", SMALL_K)
    yield
    mp.undo()


@pytest.fixture(scope="module")
def random_graphs(graph: Graph, small_k: None) -> list[list[str]]:
    rng = random.Random(12)
    writer = Neo4jWriter(graph)
    out = []
    for g in range(GRAPHS):
        docs = _graph_articles(g, rng)
        for lo in range(0, len(docs), 10):
            chunk = docs[lo:lo + 10]
            writer([a for a, _ in chunk], [r for _, r in chunk])
        out.append([f"{P}{g}:e{i:02d}" for i in range(ENTITIES)])
    return out


def _strengths(graph: Graph) -> dict[frozenset[str], int]:
    rows = graph.read(f"""
        MATCH (x:Entity)-[r:{AGG}]-(y:Entity)
        WHERE x.id STARTS WITH $p AND x.id < y.id AND (r:CO_MENTIONED OR r.solo)
        RETURN x.id AS x, y.id AS y, sum(r.weight) AS w""", p=P)
    return {frozenset((r["x"], r["y"])): r["w"] for r in rows}


def _expected(walks: list[list[str]], strength: dict[frozenset[str], int], max_hops: int,
              k: int) -> list[list[str]]:
    simple = {tuple(w) for w in walks if len(set(w)) == len(w) and len(w) - 1 <= max_hops}
    ranked = sorted(simple, key=lambda s: (len(s), -sum(
        strength[frozenset(h)] for h in zip(s, s[1:], strict=False)), s))
    return [list(s) for s in ranked[:k]]


def test_search_equals_neo4j_on_random_graphs(graph: Graph, random_graphs: list[list[str]],
                                              monkeypatch: pytest.MonkeyPatch):
    strength = _strengths(graph)
    lists = graph.read("MATCH (t:TopNeighbours) WHERE t.entity_id STARTS WITH $p "
                       "RETURN count(CASE WHEN size(t.top_co) >= $k THEN 1 END) AS full",
                       p=P, k=SMALL_K)
    assert lists[0]["full"] >= 3 * GRAPHS  # hubs (and more) have full lists
    rng = random.Random(5)
    compared = shortest_compared = none = 0
    lengths_seen: set[int] = set()
    for ids in random_graphs:
        pairs = [(a, b) for a in ids for b in ids if a < b]
        for a, b in rng.sample(pairs, 30):
            walks = [r["ids"] for r in graph.read(ALL_PATHS, a=a, b=b)]
            for max_hops in range(1, 5):
                shortest = [r["ids"] for r in graph.read(SHORTEST_5, a=a, b=b,
                                                         max_hops=max_hops)]
                for k in range(1, 6):
                    costs = rng.choice(COSTS)
                    for name, value in zip(("COST_LIST", "COST_SEEK", "COST_EDGE"), costs,
                                           strict=True):
                        monkeypatch.setattr(path_search, name, value)
                    got = path_search.search(graph, a, b, max_hops, k)
                    want = _expected(walks, strength, max_hops, k)
                    assert got == want, (a, b, max_hops, k, costs)
                    for p in got:  # valid: simple, linked hop by hop, within the bound
                        assert p[0] == a and p[-1] == b and len(set(p)) == len(p)
                        assert 1 <= len(p) - 1 <= max_hops
                        assert all(frozenset(h) in strength for h in zip(p, p[1:],
                                                                         strict=False))
                        lengths_seen.add(len(p) - 1)
                    # Neo4j's SHORTEST k: no path exactly when it finds none; the same lengths
                    # when its k shortest walks are distinct simple paths.
                    assert bool(got) == bool(shortest)
                    top = shortest[:k]
                    if all(len(set(w)) == len(w) for w in top) and \
                            len({tuple(w) for w in top}) == len(top):
                        assert sorted(len(p) for p in got) == sorted(len(w) for w in top)
                        shortest_compared += 1
                    compared += 1
                    none += not got
    assert compared == GRAPHS * 30 * 20
    assert shortest_compared > compared * 0.8
    assert lengths_seen == {1, 2, 3, 4} and none > 0


def test_unknown_lists_fall_back_to_the_edges(graph: Graph, random_graphs: list[list[str]]):
    """A hub whose lists are missing (written before the lists existed) is read from its
    edges: the answers do not change."""
    ids = random_graphs[0]
    hub = ids[0]
    pairs = [(a, b) for a in ids for b in ids if a < b][:40]
    before = {(a, b, h): path_search.search(graph, a, b, h, 4) for a, b in pairs
              for h in (2, 3)}
    graph.write("MATCH (t:TopNeighbours {entity_id: $id}) "
                "SET t.saved = t.top_co, t.saved_w = t.top_co_w REMOVE t.top_co", id=hub)
    try:
        assert path_search._hood(graph.read(
            "UNWIND [$id] AS id OPTIONAL MATCH (t:TopNeighbours {entity_id: id}) "
            "RETURN id, true AS listed, 0 AS deg, t.top_co AS co, t.top_co_w AS co_w, "
            "t.top_out AS out, t.top_out_w AS out_w, t.top_in AS in, t.top_in_w AS in_w, "
            "t.top_rp AS rp, t.top_rp_w AS rp_w, t.top_ro AS ro, t.top_ro_w AS ro_w",
            id=hub)[0]).bound == float("inf")
        after = {(a, b, h): path_search.search(graph, a, b, h, 4) for a, b in pairs
                 for h in (2, 3)}
    finally:
        graph.write("MATCH (t:TopNeighbours {entity_id: $id}) "
                    "SET t.top_co = t.saved REMOVE t.saved, t.saved_w", id=hub)
    assert after == before
    assert sum(bool(v) for v in before.values()) > 20


def test_paths_endpoint_reads_the_search(graph: Graph, random_graphs: list[list[str]]):
    """The endpoint returns the search's paths; a claim hop's claims, read from the edges'
    pointers, are those the walk over the claims finds."""
    claim_hops = 0
    for ids in random_graphs:
        for a, b in ((ids[1], ids[14]), (ids[2], ids[9]), (ids[5], ids[13])):
            want = path_search.search(graph, a, b, 4, 5)
            got = paths.paths(graph, a, b, max_hops=4, k=5)
            assert [[n.id for n in p.nodes] for p in got.paths] == want
            for hop in (h for p in got.paths for h in p.hops):
                assert hop.evidence or hop.type == "HAS_ROLE"  # roles: as neighbourhoods show them
                if hop.type == "CLAIM_ABOUT":
                    walked = evidence.claim_ids_between(graph, [(hop.source, hop.target),
                                                                (hop.target, hop.source)])
                    assert hop.claim_ids == [*walked.get((hop.source, hop.target), []),
                                             *walked.get((hop.target, hop.source), [])]
                    claim_hops += 1
    assert claim_hops >= 3


def test_hood_from_lists_is_exact_where_it_says(monkeypatch: pytest.MonkeyPatch):
    """Pure: which strengths the lists prove, and the bound on the unlisted."""
    monkeypatch.setattr(toplists, "K", 2)
    row: dict[str, Any] = {"listed": True, "deg": 9,
                           "co": ["x", "y"], "co_w": [5, 4], "out": ["z"], "out_w": [7],
                           "in": ["z", "x"], "in_w": [2, 1], "rp": [], "rp_w": [],
                           "ro": [], "ro_w": []}
    hood = path_search._hood(row)
    # x, y: co-mentions, exact; z: a full co list might hide a co-mention with z (at most 4),
    # else its claims weigh 7 + 2.
    assert hood.known == {"x": 5, "y": 4} and hood.listed == {"z": 9}
    assert not hood.complete and hood.bound == max(4, 1)  # co's last; "in" (full) last 1
    row.update(co=["x"], co_w=[5])
    hood = path_search._hood(row)
    # Not co-mentioned with z (the co list is not full): claims out 7 + in 2, and "in" lists z.
    assert hood.known == {"x": 5, "z": 9} and hood.bound == 1
    assert path_search._hood({"listed": False, "deg": 0}).complete
    assert path_search._hood({"listed": False, "deg": 4}).bound == float("inf")
