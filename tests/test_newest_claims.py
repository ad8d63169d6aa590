"""Write-time newest-claims lists (graph/newest_claims.py) equal a full recount from the claims
after ingest, re-extraction (claims moved and re-dated), deletion, a judgement and a rebuild,
with N made small so that full lists and their recompute path are exercised; two writers at
once lose nothing; profiles and timelines read through the lists equal profiles and timelines
read by walking the claims; the migration builds the lists."""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import tests.test_aggregates as agg_tests
from graph import aggregates, judgements, newest_claims
from graph.driver import Graph
from graph.models import EntityType
from graph.reads import entities as reads_entities
from graph.reads import timeline as reads_timeline
from graph.schema import MIGRATIONS

P = "newc:"
PEOPLE = [(f"{P}p{i}", n) for i, n in enumerate(
    ["Aino Varga", "Pavel Korsak", "Lena Mork", "Idris Bako", "Hanne Vos", "Rui Tavar"])]
OTHERS = [(f"{P}o{i}", n, t) for i, (n, t) in enumerate([
    ("Northgate Council", EntityType.ORGANIZATION), ("Ashen Brigade", EntityType.GROUP),
    ("Corvel", EntityType.PLACE), ("Pelsk", EntityType.PLACE),
    ("Aid Mission", EntityType.ORGANIZATION), ("Marten Ridge", EntityType.PLACE)])]
# role -> Cypher pattern from the entity e to its claims c
PATTERNS = {"said": "(e)-[:SAID]->(c:Claim)", "about": "(e)<-[:ABOUT|TARGETS]-(c:Claim)"}


@pytest.fixture(scope="module", autouse=True)
def lists_at_full_n(graph: Graph) -> Iterator[None]:
    """Lists built here with a small N (other modules' entities too, one database per session)
    are rebuilt with the real N afterwards, or a later profile reads a list of 3 as complete."""
    yield
    newest_claims.build(graph, n=newest_claims.N)


@pytest.fixture
def ours(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(agg_tests, "P", P)
    monkeypatch.setattr(agg_tests, "PEOPLE", PEOPLE)
    monkeypatch.setattr(agg_tests, "OTHERS", OTHERS)
    yield


_articles = agg_tests._articles
_write = functools.partial(agg_tests._write, batch=6)


def _ids(graph: Graph) -> list[str]:
    return [r["id"] for r in graph.read(
        "MATCH (e:Entity) WHERE e.id STARTS WITH $p RETURN e.id AS id ORDER BY id", p=P)]


def _recount(graph: Graph, n: int) -> dict[tuple[str, str], list[tuple[str, str]]]:
    out = {}
    for eid in _ids(graph):
        for role, pattern in PATTERNS.items():
            rows = graph.read(
                f"MATCH {pattern} WHERE e.id = $id WITH DISTINCT c "
                "WITH c, coalesce(c.date, c.published, '') AS k "
                "RETURN c.id AS id, k ORDER BY k DESC, id LIMIT $n", id=eid, n=n)
            if rows:
                out[(eid, role)] = [(r["k"], r["id"]) for r in rows]
    return out


def _stored(graph: Graph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    out = {}
    for r in graph.read("MATCH (l:NewestClaims) WHERE l.entity_id STARTS WITH $p "
                        "RETURN l.entity_id AS id, properties(l) AS p", p=P):
        for role in newest_claims.ROLES:
            ids, keys = r["p"].get(role), r["p"].get(role + "_k")
            assert ids is not None and keys is not None, (r["id"], role)
            if ids:
                out[(r["id"], role)] = list(zip(keys, ids, strict=True))
    return out


def _assert_exact(graph: Graph, n: int) -> None:
    want, got = _recount(graph, n), _stored(graph)
    assert want and got == want, {k: (want.get(k), got.get(k)) for k in {*want, *got}
                                  if want.get(k) != got.get(k)}


def test_merge_keeps_what_is_known_and_asks_for_a_recompute_otherwise():
    ids, keys = ["c1", "c2", "c3"], ["2024-03", "2024-02", "2024-02"]  # full at n=3
    merge = newest_claims.merge
    assert merge(ids, keys, set(), {("2024-04", "c9")}, 3) == (
        ["c9", "c1", "c2"], ["2024-04", "2024-03", "2024-02"])
    assert merge(ids, keys, set(), {("2024-02", "c0")}, 3) == (  # ties by id ascending
        ["c1", "c0", "c2"], ["2024-03", "2024-02", "2024-02"])
    assert merge(ids, keys, set(), {("2024-01", "c0")}, 3) == (ids, keys)  # below: no change
    assert merge(ids, keys, {("2024-01", "c8")}, set(), 3) == (ids, keys)  # unlisted left
    assert merge(ids, keys, {("2024-02", "c3")}, set(), 3) is None  # a listed one left
    # re-dated: the old pair leaves a full list, so what ranks below is unknown
    assert merge(ids, keys, {("2024-02", "c2")}, {("2024-05", "c2")}, 3) is None
    assert merge(["c1"], ["2024-03"], {("2024-03", "c1")}, {("2024-01", "c4")}, 3) == (
        ["c4"], ["2024-01"])  # not full: the list is every claim
    assert merge(None, None, set(), {("2024-01", "c4")}, 3) is None


def test_lists_follow_ingest_reextraction_deletion_judgement_and_rebuild(
        graph: Graph, ours: None, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(newest_claims, "N", 3)
    _write(graph, _articles(range(60), seed=5))
    _assert_exact(graph, 3)
    assert any(len(v) == 3 for v in _stored(graph).values())  # full lists

    # Re-ingest of the same extraction changes nothing; re-extraction drops entities and
    # moves dates (claims leave lists and are re-dated).
    _write(graph, _articles(range(0, 20), seed=5))
    _assert_exact(graph, 3)
    rng = random.Random(3)
    _write(graph, [agg_tests._article(i, random.Random(i), drop={PEOPLE[0][0], OTHERS[2][0]},
                                      day=rng.choice(agg_tests.DAYS)) for i in range(0, 60, 2)])
    _assert_exact(graph, 3)

    aggregates.delete_articles(graph, [f"{P}art{i}" for i in range(1, 60, 4)])
    _assert_exact(graph, 3)

    judgements.merge(graph, OTHERS[5][0], OTHERS[3][0], reason="same place", role="admin")
    _assert_exact(graph, 3)

    before = _stored(graph)
    aggregates.rebuild(graph, batch=11)
    assert _stored(graph) == before

    # A list lost outside the writer is recomputed by the next write that touches it.
    graph.write("MATCH (l:NewestClaims {entity_id: $id}) DELETE l", id=PEOPLE[1][0])
    _write(graph, _articles(range(60, 75), seed=9))
    _assert_exact(graph, 3)


def test_two_writers_at_once_lose_no_update(graph: Graph, ours: None,
                                            monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(newest_claims, "N", 3)
    _write(graph, _articles(range(200, 210), seed=4))
    newest_claims.build(graph)
    a, b = _articles(range(210, 250), seed=6), _articles(range(250, 290), seed=7)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda pairs: _write(graph, pairs, batch=2), [a, b]))
    _assert_exact(graph, 3)


def test_profiles_through_the_lists_equal_the_claim_walk(
        graph: Graph, ours: None, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(newest_claims, "N", 3)
    _write(graph, _articles(range(60), seed=8))
    newest_claims.build(graph, batch=4)
    ids = _ids(graph)

    def reads() -> list[object]:
        return [reads_entities.entity_profile(graph, eid, limit=limit)
                for eid in ids for limit in (2, 3, 5)]

    from_lists = reads()
    assert any(len(p.claims_by) == 3 for p in from_lists)
    assert any(len(p.claims_about) == 5 for p in from_lists)  # beyond N: walked
    graph.write("MATCH (l:NewestClaims) WHERE l.entity_id STARTS WITH $p DELETE l", p=P)
    assert reads() == from_lists  # every entity now read by walking its claims

    migration = next(m for m in MIGRATIONS if m.version == 9)
    assert migration.backfill is not None
    migration.backfill(graph)
    _assert_exact(graph, 3)
    assert reads() == from_lists


@pytest.mark.parametrize("from_days", [False, True])
def test_timelines_through_the_lists_equal_the_claim_walk(
        graph: Graph, ours: None, monkeypatch: pytest.MonkeyPatch, from_days: bool):
    """Full lists (N = 3) answer a timeline's newest buckets and leave the rest to the day
    scan or walk; lists shorter than N hold every claim (one read); a missing list is walked.
    Every variant lists exactly the claims of the timeline read without the lists."""
    monkeypatch.setattr(newest_claims, "N", 3)
    monkeypatch.setattr(reads_timeline, "TIMELINE_FROM_DAYS", -1 if from_days else 10**9)
    _write(graph, _articles(range(40), seed=9))
    newest_claims.build(graph, batch=4)
    ids = _ids(graph)
    shapes = [dict(bucket=b, claims_per_bucket=per, claim_cap=cap)
              for b in ("day", "week", "month") for per, cap in ((1, 5), (2, 6), (10, 100))]
    shapes.append(dict(bucket="day", date_from="2024-01-10", date_to="2024-03-20"))

    def reads() -> list[object]:
        return [reads_timeline.timeline(graph, eid, **kw) for eid in ids for kw in shapes]

    reads_made: list[str] = []
    read = Graph.read

    def counting(self: Graph, cypher: str, **params: object) -> list[dict[str, object]]:
        reads_made.append(cypher)
        return read(self, cypher, **params)

    answered: list[int] = []
    from_lists_of = reads_timeline._from_lists

    def spy(*args: object) -> dict[str, list[str]]:
        got = from_lists_of(*args)  # type: ignore[arg-type]
        answered.append(len(got))
        return got

    monkeypatch.setattr(Graph, "read", counting)
    monkeypatch.setattr(reads_timeline, "_from_lists", spy)
    from_lists = reads()
    assert sum(len(b.claims) for t in from_lists for b in t.buckets) > 0
    assert any(answered) and not all(answered)  # full lists answer some buckets, not all
    monkeypatch.setattr(reads_timeline, "USE_LISTS", False)
    assert reads() == from_lists
    monkeypatch.setattr(reads_timeline, "USE_LISTS", True)
    monkeypatch.setattr(newest_claims, "N", 1000)  # every list now reads as complete
    newest_claims.build(graph, batch=4)
    reads_made.clear()
    assert reads() == from_lists
    assert len(reads_made) == len(ids) * len(shapes)  # one read each
    graph.write("MATCH (l:NewestClaims) WHERE l.entity_id STARTS WITH $p DELETE l", p=P)
    assert reads() == from_lists
