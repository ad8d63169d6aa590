"""Schema migrations and the batched writer against the real Neo4j."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from graph.driver import Graph
from graph.models import (
    ArticleIn,
    ClaimRecord,
    EntityRecord,
    ExtractionResult,
    Mention,
    RelationRecord,
    SpeakerRef,
)
from graph.schema import LATEST, MIGRATIONS, current_version, migrate
from graph.writer import Neo4jWriter
from ingest.articles import prepare


def test_migrations_are_versioned_and_idempotent(graph: Graph):
    assert current_version(graph) == LATEST
    assert migrate(graph) == []  # nothing new to apply
    names = {r["name"] for r in graph.read("SHOW INDEXES YIELD name RETURN name")}
    assert {"entity_names", "claim_text", "claim_id_unique", "entity_id_unique"} <= names
    cons = graph.read("SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes AS l")
    labels = {x for r in cons for x in r["l"]}
    assert {"Article", "Claim", "Person", "Place", "AnonymousSource", "Source"} <= labels


def _record(text: str) -> ExtractionResult:
    i = text.index("Dmitry Peskov")
    c = text.index("the call")
    return ExtractionResult(
        id="unit-writer-1",
        extractor_version="test",
        entities=[
            EntityRecord(id="person:test-peskov", type="Person", name="Dmitry Peskov",
                         aliases=["Peskov"], mentions=[Mention(start=i, end=i + 13,
                                                               text="Dmitry Peskov")],
                         resolution={"method": "alias", "score": 0.93, "matched": "Peskov"}),
            EntityRecord(id="org:test-kremlin", type="Organization", name="Kremlin",
                         mentions=[Mention(start=0, end=7, text="Kremlin")]),
        ],
        claims=[
            ClaimRecord(id="claim-unit-1", cue="say", content="the call would happen",
                        speaker=SpeakerRef(id="person:test-peskov", name="Dmitry Peskov",
                                           type="Person"),
                        content_span=(c, c + 21), sentence_span=(0, len(text)),
                        quote_type="indirect", about=["org:test-kremlin"]),
            ClaimRecord(id="claim-unit-2", cue="say", content="talks continue",
                        speaker=SpeakerRef(id="anon:unit-1", name="an official",
                                           type="AnonymousSource", anonymous=True,
                                           description="an official"),
                        content_span=(0, 5), sentence_span=(0, len(text)),
                        quote_type="indirect"),
        ],
        relations=[RelationRecord(type="HAS_ROLE", source="person:test-peskov",
                                  target="org:test-kremlin", title="spokesperson",
                                  span=(0, i + 13), sentence_span=(0, len(text)))],
    )


def test_writer_is_idempotent_and_keeps_evidence(graph: Graph):
    text = "Kremlin spokesperson Dmitry Peskov said the call would happen."
    art = prepare(ArticleIn(id="unit-writer-1", text=text, source="AFP"))
    writer = Neo4jWriter(graph)
    count = "MATCH (n) WHERE n.id STARTS WITH 'claim-unit' OR n.id STARTS WITH 'person:test' " \
            "OR n.id = 'unit-writer-1' RETURN count(n) AS n"
    writer([art], [_record(art.text)])
    first = graph.read(count)[0]["n"]
    writer([art], [_record(art.text)])
    assert graph.read(count)[0]["n"] == first == 4
    row = graph.read(
        "MATCH (p:Person {id:'person:test-peskov'})-[:SAID]->(c:Claim)-[:REPORTED_IN]->(a) "
        "RETURN c.sentence AS s, c.content_start AS cs, c.content_end AS ce, a.text AS t"
    )[0]
    assert row["t"][row["cs"]:row["ce"]] == "the call would happen"
    assert row["s"] == text
    role = graph.read("MATCH (:Person {id:'person:test-peskov'})-[r:HAS_ROLE]->(o) "
                      "RETURN r.title AS t, o.name AS o")
    assert role == [{"t": "spokesperson", "o": "Kremlin"}]
    dec = graph.read("MATCH (d:ResolutionDecision)-[:RESOLVED]->(:Entity {id:'person:test-peskov'})"
                     " RETURN d.method AS m, d.score AS s, d.at IS NOT NULL AS has_time")
    assert dec == [{"m": "alias", "s": 0.93, "has_time": True}]
    # The anonymous source is its own node and never an Entity.
    anon = graph.read("MATCH (s:AnonymousSource {id:'anon:unit-1'}) "
                      "RETURN s:Entity AS entity, s:Person AS person")
    assert anon == [{"entity": False, "person": False}]


def test_processes_starting_at_once_on_a_new_database_migrate_it_once(graph: Graph):
    """Two workers started together on a new database used to race: one died on "an
    equivalent index already exists" or a deadlock. The backfill must run exactly once."""
    # Schema names come from the database itself (DDL takes no parameters).
    for row in graph.read("SHOW CONSTRAINTS YIELD name"):
        graph.write(f"DROP CONSTRAINT `{row['name']}`")
    for row in graph.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
        graph.write(f"DROP INDEX `{row['name']}`")
    graph.write("MATCH (m:SchemaMigration) DELETE m")
    assert current_version(graph) == 0

    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda _: migrate(graph), range(4)))

    assert current_version(graph) == LATEST
    backfilled = [m.version for m in MIGRATIONS if m.backfill is not None]
    for v in backfilled:
        assert sum(v in applied for applied in runs) == 1, runs
    rows = graph.read("MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v")
    assert [r["v"] for r in rows] == [m.version for m in MIGRATIONS]
