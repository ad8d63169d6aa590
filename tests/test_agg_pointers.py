"""Evidence pointers and the one-kind-per-pair flag on aggregate edges (graph/agg_pointers.py)
equal a recount from the evidence after ingest, re-ingest, a re-extraction that takes the
pointed article or claim away, deletion, a rebuild and the migration's backfill; evidence read
through them equals the walk's; paths with the flag equal paths with the NOT EXISTS rule."""

from __future__ import annotations

import random
from typing import Any

import pytest

import queries
from graph import agg_pointers, aggregates
from graph.driver import Graph
from graph.models import (
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    GraphEdge,
    Mention,
    QuoteType,
    RelationRecord,
    SpeakerRef,
    StoredArticle,
    content_hash,
)
from graph.reads import evidence
from graph.schema import migrate
from tests.test_aggregates import OTHERS, PEOPLE, P, _article, _write

SOLO_P, SOLO_O, SOLO_Q = f"{P}solo-p", f"{P}solo-o", f"{P}solo-q"


def _recount(graph: Graph) -> dict[tuple[str, str, str], Any]:
    """Every pointer and flag of this module's entities, recomputed from the evidence."""
    want: dict[tuple[str, str, str], Any] = {}
    for r in graph.read("""
        MATCH (x:Entity)<-[mx:MENTIONS]-(a:Article)-[my:MENTIONS]->(y:Entity)
        WHERE x.id STARTS WITH $p AND x.id < y.id
        RETURN x.id AS a, y.id AS b, a.id AS id, coalesce(a.published, '') AS published,
               mx.sentence_starts AS sx, my.sentence_starts AS sy""", p=P):
        key = ("CO_MENTIONED", r["a"], r["b"])
        cand = (agg_pointers.shares_sentence(r["sx"], r["sy"]), r["published"], r["id"])
        want[key] = max(want.get(key, cand), cand)
    claims: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    for r in graph.read("""
        MATCH (x:Entity)-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(y:Entity)
        WHERE x.id STARTS WITH $p AND x <> y
        RETURN DISTINCT x.id AS a, y.id AS b, c.id AS id,
               coalesce(c.date, c.published, '') AS k""", p=P):
        claims.setdefault(("CLAIMED_ABOUT", r["a"], r["b"]), set()).add((r["k"], r["id"]))
    for key, cands in claims.items():
        want[key] = [i for _, i in agg_pointers.newest_claims(cands)]
    co = {frozenset(k[1:]) for k in want if k[0] == "CO_MENTIONED"}
    for r in graph.read("""
        MATCH (x:Entity)-[:HAS_ROLE]->(y:Entity) WHERE x.id STARTS WITH $p
        RETURN DISTINCT x.id AS a, y.id AS b""", p=P):
        want[("HOLDS_ROLE", r["a"], r["b"])] = None
    for key in [k for k in want if k[0] != "CO_MENTIONED"]:
        want[key + ("solo",)] = frozenset(key[1:]) not in co
    return want


def _stored(graph: Graph) -> dict[tuple[str, str, str], Any]:
    got: dict[tuple[str, str, str], Any] = {}
    # Each co-mention and claim edge carries its pair key (the readers' relationship index).
    assert not graph.read("""
        MATCH (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT]->(y:Entity)
        WHERE x.id STARTS WITH $p AND r.pair <> x.id + $sep + y.id RETURN r LIMIT 1""",
                          p=P, sep="\x1f")
    for r in graph.read("""
        MATCH (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]->(y:Entity)
        WHERE x.id STARTS WITH $p
        RETURN type(r) AS type, x.id AS a, y.id AS b, r.ev_shared AS s,
               r.ev_published AS pub, r.ev_article AS art, r.ev_claims AS claims,
               r.solo AS solo""", p=P):
        key = (r["type"], r["a"], r["b"])
        if r["type"] == "CO_MENTIONED":
            got[key] = (r["s"], r["pub"], r["art"]) if r["art"] is not None else None
        else:
            got[key] = r["claims"] if r["type"] == "CLAIMED_ABOUT" else None
            got[key + ("solo",)] = r["solo"]
    return got


def _assert_exact(graph: Graph) -> None:
    assert _stored(graph) == _recount(graph)


def _solo_articles() -> list[tuple[StoredArticle, ExtractionResult]]:
    """Links without a co-mention: a role and a claim whose organization and subject the
    article does not mention (they are known from an earlier article)."""
    def plain(i: int, names: list[tuple[str, str, EntityType]]) -> tuple[StoredArticle,
                                                                           ExtractionResult]:
        text, ents = "", []
        for eid, name, kind in names:
            ents.append(EntityRecord(id=eid, type=kind, name=name, mentions=[Mention(
                start=len(text), end=len(text) + len(name), text=name,
                sentence_start=len(text), sentence_end=len(text) + len(name) + 11)]))
            text += f"{name} was quiet. "
        art = StoredArticle(id=f"{P}solo{i}", text=text.strip(), published="2024-04-0" + str(i),
                            content_hash=content_hash(text.strip()))
        return art, ExtractionResult(id=art.id, extractor_version="aggt", entities=ents)

    known = plain(1, [(SOLO_O, "Tarn Guild", EntityType.ORGANIZATION),
                      (SOLO_Q, "Wexby", EntityType.PLACE), (OTHERS[0][0], OTHERS[0][1],
                                                            EntityType.ORGANIZATION)])
    text = "Mira Holt said the talks failed."
    span = (0, len(text))
    art = StoredArticle(id=f"{P}solo2", text=text, published="2024-04-02",
                        content_hash=content_hash(text))
    res = ExtractionResult(
        id=art.id, extractor_version="aggt",
        entities=[EntityRecord(id=SOLO_P, type=EntityType.PERSON, name="Mira Holt", mentions=[
            Mention(start=0, end=9, text="Mira Holt", sentence_start=0, sentence_end=len(text))])],
        claims=[ClaimRecord(id=f"{P}solo2-c0", speaker=SpeakerRef(id=SOLO_P, name="Mira Holt",
                                                                  type="Person"),
                            cue="say", content="the talks failed", content_span=span,
                            sentence_span=span, quote_type=QuoteType.INDIRECT, about=[SOLO_Q])],
        relations=[RelationRecord(type="HAS_ROLE", source=SOLO_P, target=SOLO_O, title="envoy",
                                  span=(0, 9), sentence_span=span)])
    return [known, (art, res)]


@pytest.fixture(scope="module")
def written(graph: Graph) -> Graph:
    rng = random.Random(7)
    _write(graph, [_article(i, rng) for i in range(30)])
    solo = _solo_articles()
    _write(graph, solo[:1])
    _write(graph, solo[1:])
    return graph


def test_pointers_follow_ingest_reingest_reextract_delete_rebuild_and_backfill(written: Graph):
    graph = written
    stored = _stored(graph)
    assert any(k[0] == "CLAIMED_ABOUT" and len(v) == 3 for k, v in stored.items() if v)
    assert stored[("HOLDS_ROLE", SOLO_P, SOLO_O, "solo")] is True
    assert stored[("CLAIMED_ABOUT", SOLO_P, SOLO_Q, "solo")] is True
    assert any(v is False for k, v in stored.items() if k[-1] == "solo")
    _assert_exact(graph)

    rng = random.Random(7)
    _write(graph, [_article(i, rng) for i in range(30)][::-1], batch=11)  # the same again
    assert _stored(graph) == stored

    # Re-extraction that takes the pointed article out of a pair, and a pointed claim away.
    co_key, co_ptr = next((k, v) for k, v in sorted(stored.items())
                          if k[0] == "CO_MENTIONED" and v and k[1] in dict(PEOPLE))
    claim_key, claim_ptr = next((k, v) for k, v in sorted(stored.items())
                                if k[0] == "CLAIMED_ABOUT" and v and len(v) == 3)
    co_art = int(co_ptr[2].rsplit("art", 1)[1])
    claim_art = int(claim_ptr[0].split("art", 1)[1].split("-")[0])
    changed = [_article(co_art, random.Random(co_art), drop={co_key[1]}),
               _article(claim_art, random.Random(claim_art), drop={claim_key[1]})]
    _write(graph, changed, batch=1)
    after = _stored(graph)
    assert after.get(co_key) is None or after[co_key][2] != co_ptr[2]
    assert claim_ptr[0] not in (after.get(claim_key) or [])
    _assert_exact(graph)

    # A co-mention beside the role and the claim clears their flag; deleting it restores it.
    both = StoredArticle(id=f"{P}solo3", text="Mira Holt met Tarn Guild in Wexby.",
                         published="2024-04-03",
                         content_hash=content_hash("Mira Holt met Tarn Guild in Wexby."))
    _write(graph, [(both, ExtractionResult(id=both.id, extractor_version="aggt", entities=[
        EntityRecord(id=eid, type=t, name=n, mentions=[Mention(
            start=s, end=s + len(n), text=n, sentence_start=0, sentence_end=34)])
        for eid, n, t, s in ((SOLO_P, "Mira Holt", EntityType.PERSON, 0),
                             (SOLO_O, "Tarn Guild", EntityType.ORGANIZATION, 14),
                             (SOLO_Q, "Wexby", EntityType.PLACE, 28))]))])
    flags = _stored(graph)
    assert flags[("HOLDS_ROLE", SOLO_P, SOLO_O, "solo")] is False
    assert flags[("CLAIMED_ABOUT", SOLO_P, SOLO_Q, "solo")] is False
    _assert_exact(graph)

    # Deleting pointed articles recomputes their pairs' pointers.
    now = _stored(graph)
    doomed = sorted({v[2] for k, v in now.items() if k[0] == "CO_MENTIONED" and v})[:4]
    doomed += [f"{P}solo3"]
    aggregates.delete_articles(graph, doomed)
    assert _stored(graph)[("HOLDS_ROLE", SOLO_P, SOLO_O, "solo")] is True
    _assert_exact(graph)

    # The rebuild builds them, and the migration backfills a graph aggregated without them.
    before = _stored(graph)
    aggregates.rebuild(graph, batch=9)
    assert _stored(graph) == before
    graph.write("MATCH ()-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]->() "
                "REMOVE r.ev_article, r.ev_shared, r.ev_published, r.ev_claims, "
                "r.ev_claim_keys, r.solo, r.pair")
    graph.write("MATCH (m:SchemaMigration) WHERE m.version >= 7 DELETE m")  # 7 and later
    assert 7 in migrate(graph)
    assert _stored(graph) == before
    keys = graph.read("MATCH (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT]->(y:Entity) "
                      "RETURN r.pair = x.id + $sep + y.id AS ok, count(*) AS n", sep="\x1f")
    assert [r["ok"] for r in keys] == [True]


def _edges(graph: Graph) -> tuple[list[GraphEdge], dict[str, int]]:
    edges = []
    for r in graph.read("""
        MATCH (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT]->(y:Entity) WHERE x.id STARTS WITH $p
        RETURN type(r) AS type, x.id AS a, y.id AS b, r.weight AS w ORDER BY a, b, type""",
                        p=P):
        kind = "CLAIM_ABOUT" if r["type"] == "CLAIMED_ABOUT" else "CO_MENTIONED"
        # Both orientations of a co-mention: the walk side is the smaller entity either way.
        for a, b in ((r["a"], r["b"]), (r["b"], r["a"])) if kind == "CO_MENTIONED" else (
                (r["a"], r["b"]),):
            edges.append(GraphEdge(id=f"{kind}:{a}:{b}", source=a, target=b, type=kind,
                                   weight=r["w"]))
    sizes = {r["id"]: r["n"] for r in graph.read(
        "MATCH (e:Entity) WHERE e.id STARTS WITH $p RETURN e.id AS id, "
        "COUNT { (e)<-[:MENTIONS]-() } AS n", p=P)}
    return edges, sizes


def _evidence_of(graph: Graph, edges: list[GraphEdge], sizes: dict[str, int],
                 **kw: Any) -> list[dict[str, Any]]:
    fresh = [e.model_copy(deep=True) for e in edges]
    evidence.attach(graph, fresh, sizes, per_edge=1, **kw)
    return [e.model_dump() for e in fresh]


def test_evidence_through_pointers_equals_the_walk(written: Graph):
    graph = written
    edges, sizes = _edges(graph)
    assert len(edges) > 50
    walked = _evidence_of(graph, edges, sizes, pointers=False, walk_cap=100_000)
    assert _evidence_of(graph, edges, sizes) == walked  # the default reads the pointers
    co_pairs = [{"kind": "co", "a": e.source, "b": e.target} for e in edges
                if e.type == "CO_MENTIONED"]
    assert len(evidence._read(graph, "edge_evidence_ptr", co_pairs, 1, None)["co"]) == len(
        co_pairs)  # every pair was answered by its pointer, none by the fallback walk
    assert any(e["evidence"] and e["evidence"][0]["sentence"] for e in walked)
    assert any(len(e["claim_ids"]) == 3 for e in walked)
    # A dangling or missing pointer falls back to the walk for that pair alone.
    co = next(e for e in edges if e.type == "CO_MENTIONED")
    cl = next(e for e in edges if e.type == "CLAIM_ABOUT" and e.weight > 1)
    graph.write("MATCH (x:Entity {id: $a})-[r:CO_MENTIONED]-(y:Entity {id: $b}) "
                "SET r.ev_article = 'gone'", a=co.source, b=co.target)
    graph.write("MATCH (x:Entity {id: $a})-[r:CLAIMED_ABOUT]->(y:Entity {id: $b}) "
                "REMOVE r.ev_claims", a=cl.source, b=cl.target)
    try:
        assert _evidence_of(graph, edges, sizes, walk_cap=100_000) == walked
    finally:
        graph.run_auto(queries.load("agg_pointers_recount"), claims=3, rows=[
            {"type": "CO_MENTIONED", "a": min(co.source, co.target),
             "b": max(co.source, co.target)},
            {"type": "CLAIMED_ABOUT", "a": cl.source, "b": cl.target}])
    _assert_exact(graph)


def test_paths_with_the_flag_equal_paths_with_not_exists(written: Graph):
    graph = written
    old_rule = "WHERE r:CO_MENTIONED OR NOT EXISTS { (x)-[:CO_MENTIONED]-(y) }"
    ents = [e for e, _ in PEOPLE] + [e for e, _, _ in OTHERS] + [SOLO_P, SOLO_O, SOLO_Q]
    compared = 0
    for name in ("paths_shortest", "paths_shortest_many_h4"):
        new_q = queries.load(name)
        assert "r.solo" in new_q
        old_q = new_q.replace("WHERE r:CO_MENTIONED OR r.solo", old_rule)
        for a in ents[:6] + [SOLO_P]:
            for b in ents[-5:]:
                if a == b:
                    continue
                got = sorted(r["ids"] for r in graph.read(new_q, a=a, b=b, max_hops=4))
                want = sorted(r["ids"] for r in graph.read(old_q, a=a, b=b, max_hops=4))
                # SHORTEST k picks any of the paths tied at its longest length: the lengths
                # match, and so do the paths shorter than that.
                assert sorted(map(len, got)) == sorted(map(len, want))
                top = max(map(len, got), default=0)
                assert [p for p in got if len(p) < top] == [p for p in want if len(p) < top]
                compared += bool(got)
    assert compared > 10
    # The solo edges are walked: Mira Holt reaches Wexby only through her claim.
    direct = graph.read(queries.load("paths_shortest"), a=SOLO_P, b=SOLO_Q, max_hops=3)
    assert [SOLO_P, SOLO_Q] in [r["ids"] for r in direct]


def test_path_plan_filters_in_the_search(written: Graph):
    """The flag is inlined into the SHORTEST search; the NOT EXISTS rule was not (it filtered
    each enumerated path afterwards)."""
    def details(cypher: str) -> str:
        with written.session() as session:
            plan = session.run("EXPLAIN " + cypher, a=SOLO_P, b=SOLO_Q, max_hops=3).consume().plan
        out: list[str] = []

        def walk(p: dict[str, Any]) -> None:
            if p["operatorType"].startswith("StatefulShortestPath"):
                out.append(str(p.get("args", {}).get("Details", "")))
            for c in p.get("children", []):
                walk(c)

        walk(plan)
        return "\n".join(out)

    new = details(queries.load("paths_shortest"))
    assert "inlined predicates: r:CO_MENTIONED OR cache[r.solo]" in new
    assert "non-inlined" not in new
    old = details(queries.load("paths_shortest").replace(
        "r:CO_MENTIONED OR r.solo", "r:CO_MENTIONED OR NOT EXISTS { (x)-[:CO_MENTIONED]-(y) }"))
    assert "non-inlined predicates" in old


def test_pointer_fields_are_a_max_merge_and_a_drop_list():
    co: dict[Any, set[Any]] = {}
    claims: dict[Any, set[Any]] = {}
    agg_pointers.collect(co, claims, {
        "id": "art1", "published": "2024-05-02T10:00",
        "mentions": [{"id": "a", "s": [0, 40]}, {"id": "b", "s": [40]}, {"id": "c", "s": [-1]}],
        "claims": [{"id": "c1", "key": "2024-05-01", "speaker": ["a"], "about": ["b", "a"],
                    "target": ["c"]}]})
    assert co[("a", "b")] == {(True, "2024-05-02T10:00", "art1")}
    assert co[("a", "c")] == {(False, "2024-05-02T10:00", "art1")}
    assert claims == {("a", "b"): {("2024-05-01", "c1")}, ("a", "c"): {("2024-05-01", "c1")}}
    keys = {("2024-05-01", "z"), ("2024-05-01", "y"), ("2024-06-01", "x"), ("", "w")}
    assert agg_pointers.newest_claims(keys) == [("2024-06-01", "x"), ("2024-05-01", "y"),
                                                ("2024-05-01", "z")]
    f = agg_pointers.pointer_fields("CO_MENTIONED", {(True, "2024", "old")},
                                    {(False, "2025", "new"), (True, "2023", "keep")})
    assert f == {"ev": [{"s": True, "p": "2023", "id": "keep"}], "ev_drop": ["old"]}
    # A re-ingest of the same extraction moves no pointer, so it writes no row.
    c = aggregates.contribution([{"id": "x", "day": "2024-05-02", "published": "2024-05-02",
                                  "mentions": [{"id": "a", "n": 1, "s": [0]},
                                               {"id": "b", "n": 1, "s": [0]}],
                                  "claims": [], "roles": []}])
    assert aggregates.delta_rows(c, c) == ([], [])
    rows, _ = aggregates.delta_rows(aggregates.Contribution(), c)
    assert rows[0]["ev"] == [{"s": True, "p": "2024-05-02", "id": "x"}]
