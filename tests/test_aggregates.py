"""Write-time aggregates equal a full recount after ingest, re-ingest, re-extraction, deletion
and a rebuild (the migration step). Entities carry their own id prefix so the recount covers
exactly this module's articles, whatever else the session's database holds."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import pytest

from graph import aggregates
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
from graph.writer import Neo4jWriter

P = "aggt:"
PEOPLE = [(f"{P}p{i}", n) for i, n in enumerate(["Ilona Brask", "Tomas Brenner", "Oleh Danyl",
                                                  "Sara Lindqvist", "Daniel Osei"])]
OTHERS = [(f"{P}o{i}", n, t) for i, (n, t) in enumerate([
    ("Harbour Council", EntityType.ORGANIZATION), ("Sallow Brigade", EntityType.GROUP),
    ("Velmora", EntityType.PLACE), ("Dunsk", EntityType.PLACE),
    ("Relief Agency", EntityType.ORGANIZATION), ("Kestrel Front", EntityType.GROUP)])]
DAYS = ["2024-01-03", "2024-01-28", "2024-02-14", "2024-03-01", "2024-03-30", None]


def _article(i: int, rng: random.Random, drop: set[str] | None = None,
             day: str | None = "keep") -> tuple[StoredArticle, ExtractionResult]:
    """An article built sentence by sentence, so every mention offset is real."""
    people = rng.sample(PEOPLE, rng.randint(1, 3))
    others = rng.sample(OTHERS, rng.randint(1, 3))
    published = rng.choice(DAYS) if day == "keep" else day
    parts: list[str] = []
    pos = 0
    mentions: dict[str, list[Mention]] = defaultdict(list)
    names = {eid: name for eid, name in people} | {eid: name for eid, name, _ in others}
    drop = drop or set()

    def sentence(chunks: list[tuple[str, str | None]]) -> tuple[int, int]:
        nonlocal pos
        start = pos
        for text, eid in chunks:
            if eid and eid not in drop:
                mentions[eid].append(Mention(start=pos, end=pos + len(text), text=text,
                                             sentence_start=start, sentence_end=start))
            parts.append(text)
            pos += len(text)
        end = pos
        for ms in mentions.values():
            for m in ms:
                if m.sentence_end == start and m.sentence_start == start:
                    m.sentence_end = end
        parts.append(" ")
        pos += 1
        return start, end

    claims, relations = [], []
    for j, (pid, pname) in enumerate(people):
        if pid in drop:
            continue
        about = [o[0] for o in rng.sample(others, rng.randint(1, len(others)))]
        about = [a for a in about if a not in drop]
        target = rng.choice([p for p, _ in people if p != pid and p not in drop] or [None])
        ss, se = sentence([(pname, pid), (" accused ", None),
                           (names[target] if target else "nobody", target),
                           (" over ", None), *[(names[a] + " ", a) for a in about], (".", None)])
        claims.append(ClaimRecord(
            id=f"{P}art{i}-c{j}", speaker=SpeakerRef(id=pid, name=pname, type="Person"),
            cue="accuse", content="over " + " ".join(names[a] for a in about),
            content_span=(ss, se), sentence_span=(ss, se), quote_type=QuoteType.INDIRECT,
            about=about, target=target, date=rng.choice([None, "2024-02-20"])))
        if rng.random() < 0.5:
            org = others[0][0]
            if org not in drop:
                ss, se = sentence([(pname, pid), (" is the envoy of ", None),
                                   (names[org], org), (".", None)])
                relations.append(RelationRecord(type="HAS_ROLE", source=pid, target=org,
                                                title="envoy", span=(ss, ss + 5),
                                                sentence_span=(ss, se)))
    if rng.random() < 0.4:
        about = others[-1][0]
        ss, se = sentence([("An official said that fighting reached ", None),
                           (names[about], about), (".", None)])
        claims.append(ClaimRecord(
            id=f"{P}art{i}-anon", speaker=SpeakerRef(
                id=f"{P}anon{i}", name="an official", type="AnonymousSource", anonymous=True),
            cue="say", content="fighting reached", content_span=(ss, se),
            sentence_span=(ss, se), quote_type=QuoteType.INDIRECT,
            about=[] if about in drop else [about]))
    sentence([(names[o[0]], o[0]) for o in others] + [(" waited.", None)])
    text = "".join(parts).rstrip()
    types = {eid: EntityType.PERSON for eid, _ in people} | {eid: t for eid, _, t in others}
    art = StoredArticle(id=f"{P}art{i}", text=text, title=f"Article {i}", source="Test Wire",
                        published=published, content_hash=content_hash(text))
    ents = [EntityRecord(id=eid, type=types[eid], name=names[eid], mentions=ms)
            for eid, ms in mentions.items()]
    return art, ExtractionResult(id=art.id, extractor_version="aggt", entities=ents,
                                 claims=claims, relations=relations)


def _recount(graph: Graph) -> tuple[dict[tuple[str, str, str], dict[str, Any]],
                                    dict[str, dict[str, int]]]:
    """Every aggregate recomputed from the evidence edges, in Cypher."""
    rows = graph.read("""
        MATCH (x:Entity)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(y:Entity)
        WHERE x.id STARTS WITH $p AND x.id < y.id
        RETURN 'CO_MENTIONED' AS type, x.id AS a, y.id AS b,
               substring(coalesce(a.published, ''), 0, 10) AS day, 0 AS about, 0 AS target
        UNION ALL
        MATCH (x:Entity)-[:SAID]->(c:Claim)-[r:ABOUT|TARGETS]->(y:Entity)
        WHERE x.id STARTS WITH $p AND x <> y
        WITH x, y, c, collect(type(r)) AS kinds
        RETURN 'CLAIMED_ABOUT' AS type, x.id AS a, y.id AS b,
               substring(coalesce(c.date, c.published, ''), 0, 10) AS day,
               toInteger('ABOUT' IN kinds) AS about, toInteger('TARGETS' IN kinds) AS target
        UNION ALL
        MATCH (x:Entity)-[h:HAS_ROLE]->(y:Entity) WHERE x.id STARTS WITH $p
        MATCH (a:Article {id: h.article_id})
        RETURN 'HOLDS_ROLE' AS type, x.id AS a, y.id AS b,
               substring(coalesce(a.published, ''), 0, 10) AS day, 0 AS about, 0 AS target
    """, p=P)
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        e = pairs.setdefault((r["type"], r["a"], r["b"]), {"weight": 0, "months": {},
                                                            "days": []})
        e["weight"] += 1
        m = aggregates.month_key(r["day"])
        e["months"][m] = e["months"].get(m, 0) + 1
        if r["day"]:
            e["days"].append(r["day"])
        if r["type"] == "CLAIMED_ABOUT":
            e["about"] = e.get("about", 0) + r["about"]
            e["target"] = e.get("target", 0) + r["target"]
    for e in pairs.values():
        days = e.pop("days")
        e["first"], e["last"] = min(days, default=None), max(days, default=None)
    ents: dict[str, dict[str, int]] = defaultdict(dict)
    for r in graph.read("""
        MATCH (e:Entity)<-[m:MENTIONS]-(a:Article) WHERE e.id STARTS WITH $p
        WITH e, substring(coalesce(a.published, ''), 0, 10) AS d, m, a
        WITH e, CASE d WHEN '' THEN 'none' ELSE d END AS d, sum(m.count) AS n, count(a) AS k
        RETURN e.id AS id, collect(['m' + d, n]) + collect(['a' + d, k]) AS kv
        UNION ALL
        MATCH (e:Entity) WHERE e.id STARTS WITH $p
        CALL (e) {
          MATCH (e)-[:SAID]->(c:Claim) RETURN c
          UNION
          MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c
        }
        WITH e, c, substring(coalesce(c.date, c.published, ''), 0, 10) AS d
        WITH e, 'c' + CASE d WHEN '' THEN 'none' ELSE d END AS k, count(c) AS n
        RETURN e.id AS id, collect([k, n]) AS kv
    """, p=P):
        for k, v in r["kv"]:
            ents[r["id"]][k] = v
    return pairs, dict(ents)


def _stored(graph: Graph) -> tuple[dict[tuple[str, str, str], dict[str, Any]],
                                   dict[str, dict[str, int]]]:
    pairs = {}
    for r in graph.read("""
        MATCH (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]->(y:Entity)
        WHERE x.id STARTS WITH $p
        RETURN type(r) AS type, x.id AS a, y.id AS b, properties(r) AS props""", p=P):
        props = r["props"]
        e = {"weight": props["weight"], "first": props.get("first"), "last": props.get("last"),
             "months": {k: v for k, v in props.items()
                        if k.startswith("m") and (k[1:2].isdigit() or k == "mnone")}}
        if r["type"] == "CLAIMED_ABOUT":
            e["about"], e["target"] = props["about"], props["target"]
        pairs[(r["type"], r["a"], r["b"])] = e
    ents = {}
    for r in graph.read("MATCH (s:EntityStats) WHERE s.entity_id STARTS WITH $p "
                        "RETURN s.entity_id AS id, properties(s) AS props", p=P):
        props = r["props"]
        per_day = {k: v for k, v in props.items() if k[:1] in "mac" and
                   (k[1:2].isdigit() or k[1:] == "none")}
        assert props["mentions"] == sum(v for k, v in per_day.items() if k[0] == "m")
        assert props["articles"] == sum(v for k, v in per_day.items() if k[0] == "a")
        assert props["claims"] == sum(v for k, v in per_day.items() if k[0] == "c")
        if per_day:
            ents[r["id"]] = per_day
    return pairs, ents


def _assert_exact(graph: Graph) -> None:
    want_pairs, want_ents = _recount(graph)
    got_pairs, got_ents = _stored(graph)
    assert got_pairs == want_pairs
    assert got_ents == want_ents


def _articles(ids: range, seed: int) -> list[tuple[StoredArticle, ExtractionResult]]:
    """Generated articles for ``ids`` (the lists' and newest-claims tests use it too)."""
    rng = random.Random(seed)
    return [_article(i, rng) for i in ids]


@pytest.fixture(scope="module")
def corpus() -> list[tuple[StoredArticle, ExtractionResult]]:
    rng = random.Random(12)
    return [_article(i, rng) for i in range(40)]


def _write(graph: Graph, pairs: list[tuple[StoredArticle, ExtractionResult]],
           batch: int = 7) -> None:
    writer = Neo4jWriter(graph)
    for lo in range(0, len(pairs), batch):
        chunk = pairs[lo:lo + batch]
        writer([a for a, _ in chunk], [r for _, r in chunk])


def test_aggregates_follow_ingest_reingest_reextract_delete_and_rebuild(graph: Graph, corpus):
    _write(graph, corpus)
    pairs, _ = _stored(graph)
    assert any(k[0] == "CO_MENTIONED" and v["weight"] > 3 for k, v in pairs.items())
    assert any(k[0] == "CLAIMED_ABOUT" and v["target"] for k, v in pairs.items())
    assert any(k[0] == "HOLDS_ROLE" for k in pairs)
    _assert_exact(graph)

    _write(graph, corpus[::-1], batch=11)  # the same extraction again: nothing moves
    assert _stored(graph)[0] == pairs
    _assert_exact(graph)

    # Re-extraction: one entity no longer found, dates moved, fewer claims.
    rng = random.Random(99)
    changed = [_article(i, random.Random(i), drop={PEOPLE[0][0], OTHERS[2][0]},
                        day=rng.choice(DAYS)) for i in range(0, 40, 3)]
    _write(graph, changed, batch=5)
    _assert_exact(graph)
    gone = graph.read("MATCH (a:Article {id: $id})-[:MENTIONS]->(e:Entity) RETURN e.id AS id",
                      id=changed[0][0].id)
    assert PEOPLE[0][0] not in {r["id"] for r in gone}

    # Deleting articles subtracts them, boundary days included.
    newest = graph.read("MATCH (a:Article) WHERE a.id STARTS WITH $p AND a.published IS NOT NULL "
                        "RETURN a.id AS id ORDER BY a.published DESC, a.id LIMIT 3", p=P)
    doomed = [r["id"] for r in newest] + [f"{P}art{i}" for i in (1, 2, 5, 8)]
    assert aggregates.delete_articles(graph, doomed) == len(set(doomed))
    assert not graph.read("MATCH (a:Article) WHERE a.id IN $ids RETURN a", ids=doomed)
    _assert_exact(graph)

    # The migration step rebuilds the same aggregates from the evidence alone.
    before = _stored(graph)
    aggregates.rebuild(graph, batch=9)
    assert _stored(graph) == before


def test_contribution_counts_each_claim_once_per_pair():
    c = aggregates.contribution([{
        "id": "x", "day": "2024-05-02",
        "mentions": [{"id": "a", "n": 2}, {"id": "b", "n": 1}, {"id": "c", "n": 1}],
        "claims": [{"day": "2024-05-01", "speaker": ["a"], "about": ["b", "a"],
                    "target": ["b"]}],
        "roles": [["a", "c"]],
    }])
    assert c.pairs[("CLAIMED_ABOUT", "a", "b", "2024-05-01")] == 1
    assert ("CLAIMED_ABOUT", "a", "a", "2024-05-01") not in c.pairs
    assert (c.about[("a", "b")], c.target[("a", "b")]) == (1, 1)
    assert sum(v for k, v in c.pairs.items() if k[0] == "CO_MENTIONED") == 3
    assert c.entities[("a", "m", "2024-05-02")] == 2
    assert c.entities[("b", "c", "2024-05-01")] == 1
    old, new = c, aggregates.Contribution()
    pair_rows, ent_rows = aggregates.delta_rows(old, new)
    assert all(r["weight"] < 0 for r in pair_rows)
    assert {r["id"] for r in ent_rows} == {"a", "b", "c"}
