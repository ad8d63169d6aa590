"""Reads from the write-time aggregates answer exactly what a full recount answers: top-k
neighbours, shortest paths (a weak link included), timelines and profiles."""

from __future__ import annotations

import random

import pytest

import queries
from graph.driver import Graph
from graph.models import EntityRecord, EntityType, ExtractionResult, Mention, StoredArticle
from graph.models import content_hash as hash_of
from graph.reads import entities as reads_entities
from graph.reads import network, paths
from graph.reads import timeline as reads_timeline
from graph.writer import Neo4jWriter
from tests.test_aggregates import OTHERS, PEOPLE, P, _article


def _plain(art_id: str, day: str, names: list[tuple[str, str]]) -> tuple[StoredArticle,
                                                                         ExtractionResult]:
    """An article that only mentions a few places, one sentence each."""
    text, ents = "", []
    for eid, name in names:
        ents.append(EntityRecord(id=eid, type=EntityType.PLACE, name=name, mentions=[
            Mention(start=len(text), end=len(text) + len(name), text=name)]))
        text += f"{name} was quiet. "
    art = StoredArticle(id=art_id, text=text.strip(), published=day,
                        content_hash=hash_of(text.strip()))
    return art, ExtractionResult(id=art_id, extractor_version="aggt", entities=ents)


@pytest.fixture(scope="module")
def written(graph: Graph) -> Graph:
    rng = random.Random(31)
    pairs = [_article(i, rng) for i in range(40)]
    # A chain linked only through one weak co-mention each: X - Y (once), Y - Z (once), and a
    # hub-like Y seen with many others, so a capped search would drop the weak links.
    x, y, z = (f"{P}chain-x", "Ostrava Vale"), (f"{P}chain-y", "Brimhall"), \
        (f"{P}chain-z", "Quarrow")
    pairs += [_plain(f"{P}chain-1", "2024-02-02", [x, y]),
              _plain(f"{P}chain-2", "2024-03-03", [y, z])]
    pairs += [_plain(f"{P}chain-h{i}", "2024-03-05", [y, (f"{P}chain-f{i}", f"Fen {i}")])
              for i in range(30)]
    writer = Neo4jWriter(graph)
    for lo in range(0, len(pairs), 10):
        writer([a for a, _ in pairs[lo:lo + 10]], [r for _, r in pairs[lo:lo + 10]])
    return graph


def _recount_top(graph: Graph, eid: str, k: int, month: str | None = None) -> list[str]:
    rows = graph.read("""
        MATCH (e:Entity {id: $id})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(o:Entity)
        WHERE o <> e AND ($month IS NULL OR a.published STARTS WITH $month)
        WITH o, count(DISTINCT a) AS shared
        RETURN o.id AS id ORDER BY shared DESC, id LIMIT $k""", id=eid, k=k, month=month)
    return [r["id"] for r in rows]


@pytest.mark.parametrize("k", [1, 3, 6])
def test_neighbours_are_the_exact_top_k(written: Graph, k: int):
    for eid in [p for p, _ in PEOPLE] + [o[0] for o in OTHERS] + [f"{P}chain-y"]:
        got = network.neighbors(written, eid, rel_types=["CO_MENTIONED"], limit=k + 1)
        ranked = [e.target for e in got.edges]
        assert ranked == _recount_top(written, eid, k), eid
        assert all(e.evidence for e in got.edges)  # evidence for every returned edge
        dated = network.neighbors(written, eid, rel_types=["CO_MENTIONED"], limit=k + 1,
                                  date_from="2024-03", date_to="2024-03")
        assert [e.target for e in dated.edges] == _recount_top(written, eid, k, "2024-03")


def test_claim_edges_weigh_every_claim(written: Graph):
    speaker = PEOPLE[1][0]
    got = network.neighbors(written, speaker, rel_types=["CLAIM_ABOUT"], limit=50)
    want = {r["id"]: r["n"] for r in written.read("""
        MATCH (:Entity {id: $id})-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(o:Entity)
        WHERE o.id <> $id
        RETURN o.id AS id, count(DISTINCT c) AS n""", id=speaker)}
    out = {e.target: e.weight for e in got.edges if e.source == speaker}
    assert out == want
    assert all(e.claim_ids and e.evidence for e in got.edges)


def test_paths_find_weak_links_exactly(written: Graph):
    found = paths.paths(written, f"{P}chain-x", f"{P}chain-z", max_hops=3, k=3)
    assert found.paths[0].length == 2
    assert [n.id for n in found.paths[0].nodes] == [f"{P}chain-x", f"{P}chain-y", f"{P}chain-z"]
    assert all(h.evidence for h in found.paths[0].hops)
    seqs = [tuple(n.id for n in p.nodes) for p in found.paths]
    assert len(seqs) == len(set(seqs))
    assert not paths.paths(written, f"{P}chain-x", f"{P}chain-z", max_hops=1, k=3).paths


def test_timeline_and_profile_match_a_recount(written: Graph):
    eid = OTHERS[2][0]
    months = {r["m"]: (r["n"], r["a"]) for r in written.read("""
        MATCH (:Entity {id: $id})<-[m:MENTIONS]-(a:Article)
        RETURN substring(coalesce(a.published, ''), 0, 7) AS m, sum(m.count) AS n,
               count(a) AS a""", id=eid)}
    tl = reads_timeline.timeline(written, eid, bucket="month")
    assert {b.period: (b.mentions, b.articles) for b in tl.buckets if b.mentions} == months
    claims = written.read("""
        MATCH (e:Entity {id: $id})
        CALL (e) { MATCH (e)-[:SAID]->(c:Claim) RETURN c
                   UNION MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c }
        RETURN count(c) AS n""", id=eid)[0]["n"]
    assert sum(b.claim_count for b in tl.buckets) == claims
    assert all(len(b.claims) <= 10 for b in tl.buckets)
    day = reads_timeline.timeline(written, eid, bucket="day", date_from="2024-02-01",
                           date_to="2024-02-28")
    assert all("2024-02-01" <= b.period <= "2024-02-28" for b in day.buckets)
    prof = reads_entities.entity_profile(written, eid, limit=4)
    assert [c.entity.id for c in prof.co_mentioned] == _recount_top(written, eid, 4)
    assert {m.period: (m.mentions, m.articles) for m in prof.mentions_by_month} == months


def _newest_claims_by_period(graph: Graph, eid: str, bucket: str, per: int,
                             periods: int) -> dict[str, set[str]]:
    """Recount: every claim by or about the entity, newest ``per`` of its newest ``periods``."""
    rows = graph.read("""
        MATCH (e:Entity {id: $id})
        CALL (e) { MATCH (e)-[:SAID]->(c:Claim) RETURN c
                   UNION MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c }
        RETURN c.id AS id, coalesce(c.date, c.published, '') AS key""", id=eid)
    by: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        if r["key"]:
            period = reads_timeline._bucket(r["key"][:10], bucket)
            by.setdefault(period, []).append((r["key"], r["id"]))
    newest = sorted(by, reverse=True)[:periods]
    # newest first, ties by id (a stable sort by key over the id order)
    return {p: {i for _, i in sorted(sorted(by[p], key=lambda k: k[1]), key=lambda k: k[0],
                                     reverse=True)[:per]} for p in newest}


@pytest.mark.parametrize("from_days", [False, True])
def test_timeline_lists_the_newest_claims_of_its_newest_buckets(written: Graph, monkeypatch,
                                                               from_days: bool):
    """Whether the claims are read by walking the entity's claims or from the listed days'
    claims (an entity with many claims), each listed bucket holds its newest claims."""
    monkeypatch.setattr(reads_timeline, "TIMELINE_FROM_DAYS", -1 if from_days else 10**9)
    for eid, _ in PEOPLE[:3]:
        for bucket in ("day", "week", "month"):
            tl = reads_timeline.timeline(written, eid, bucket=bucket, claims_per_bucket=2,
                                  claim_cap=6)
            listed = {b.period: {c.id for c in b.claims} for b in tl.buckets if b.claims}
            assert listed == _newest_claims_by_period(written, eid, bucket, 2, 3)


def test_a_name_that_is_also_an_alias_resolves_to_the_entity_mentioned_most(graph: Graph):
    """'Russia' is the country's name and, after a bad extraction, also an alias of a company
    ('Tui Russia'): both match exactly, and the lookup must not pick by id order."""
    graph.write(
        "MERGE (p:Entity:Place {id: 'place:zz-vardia'}) SET p.name = 'Vardia', "
        "p.aliases = ['Vardia'], p.alias_text = ['Vardia'] "
        "MERGE (o:Entity:Person {id: 'person:zz-acme-vardia'}) SET o.name = 'Acme Vardia', "
        "o.aliases = ['Vardia', 'Acme Vardia'], o.alias_text = ['Vardia', 'Acme Vardia'] "
        "MERGE (s:EntityStats {entity_id: 'place:zz-vardia'}) SET s.mentions = 40, "
        "s.articles = 12, s.claims = 0 "
        "MERGE (t:EntityStats {entity_id: 'person:zz-acme-vardia'}) SET t.mentions = 1, "
        "t.articles = 1, t.claims = 0")
    graph.write("CALL db.awaitIndexes(60)")
    try:
        assert reads_entities.resolve_entity(graph, "Vardia") == "place:zz-vardia"
        assert reads_entities.resolve_entity(graph, "Acme Vardia") == "person:zz-acme-vardia"
    finally:
        graph.write("MATCH (n) WHERE n.id IN ['place:zz-vardia', 'person:zz-acme-vardia'] "
                    "OR n.entity_id IN ['place:zz-vardia', 'person:zz-acme-vardia'] "
                    "DETACH DELETE n")


def test_a_one_level_neighbourhood_is_one_read_equal_to_level_then_evidence(
        written: Graph, monkeypatch):
    """By id, undated, unfiltered, one evidence item per edge: the level, the node cut and the
    evidence come in one read (evidence.first_level), equal to the level read then the
    evidence read; by name, or with claims shown, the reads stay apart."""
    from graph.reads import evidence

    ids = [r["id"] for r in written.read(
        "MATCH (e:Entity) WHERE e.id STARTS WITH $p RETURN e.id AS id ORDER BY id", p=P)]
    made: list[str] = []
    read = Graph.read

    def counting(self: Graph, cypher: str, **params: object) -> list[dict[str, object]]:
        made.append(cypher)
        return read(self, cypher, **params)

    def reads() -> list[object]:
        return [network.neighbors(written, eid, depth=1, limit=limit, rel_types=rel)
                for eid in ids for limit in (3, 8, 50)
                for rel in (None, ["CLAIM_ABOUT", "HAS_ROLE"])]

    monkeypatch.setattr(Graph, "read", counting)
    one = reads()
    first = queries.load("neighbors_d1_first")
    # one read each (plus a walk where another module's deletions left a pointer dangling)
    assert sum(c.startswith(first) for c in made) == len(one)
    assert queries.load("neighbors_top") not in made
    assert any(g.truncated for g in one) and any(e.evidence for g in one for e in g.edges)
    monkeypatch.setattr(evidence, "first_level", lambda *a, **k: None)
    made.clear()
    assert reads() == one
    assert made.count(queries.load("neighbors_top")) == len(one)  # level, then evidence
    assert not any(c.startswith(first) for c in made)
    name = written.read("MATCH (e:Entity {id: $id}) RETURN e.name AS n", id=ids[0])[0]["n"]
    assert network.neighbors(written, name).nodes[0].id == ids[0]
