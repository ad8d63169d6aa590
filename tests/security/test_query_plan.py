"""The plan-based check on its own, with real EXPLAIN plans from the test Neo4j: the read shapes
analysts write are accepted (no false positives), and the allow-lists fail closed."""

from __future__ import annotations

import pytest

from graph.driver import Graph
from graph.errors import QueryRefused
from graph.query_plan import READ_OPERATORS, check_plan, procedure_name
from graph.reads.query import check_read_only

READS = [
    "MATCH (e:Entity {id: $id}) RETURN e.name AS name",
    "MATCH (e:Entity) WHERE e.name STARTS WITH 'Ol' RETURN e.name ORDER BY e.name SKIP 1 LIMIT 5",
    "MATCH (a:Entity)-[r]->(b) RETURN type(r) AS t, count(*) AS n ORDER BY n DESC",
    "MATCH (a:Entity) OPTIONAL MATCH (a)-[:HAS_ROLE]->(o) RETURN a.name, collect(o.name) AS orgs",
    "MATCH (a:Entity {id: $id}), (b:Entity) WHERE a <> b "
    "RETURN shortestPath((a)-[*..4]-(b)) AS p LIMIT 3",
    "MATCH p = SHORTEST 1 (a:Entity {id: $id})--+(b:Entity) RETURN length(p) AS hops LIMIT 3",
    "MATCH (a:Entity) WHERE EXISTS { MATCH (a)--(:Claim) } RETURN count(a) AS n",
    "MATCH (a:Entity) RETURN a.name, COUNT { (a)--() } AS degree ORDER BY degree DESC LIMIT 5",
    "MATCH (a:Entity) CALL (a) { MATCH (a)--(x) RETURN count(x) AS c } RETURN a.name, c LIMIT 5",
    "MATCH (a:Person) RETURN a.name AS n UNION MATCH (b:Organization) RETURN b.name AS n",
    "MATCH (a:Entity) RETURN [(a)--(x) | x.id][..3] AS near, "
    "CASE WHEN a.name IS NULL THEN 0 ELSE 1 END AS named",
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN DISTINCT e.type",
    "MATCH (n) RETURN count(n) AS nodes",
    "MATCH ()-[r]->() RETURN count(r) AS rels",
    "MATCH (a:Person|Organization) WITH a ORDER BY a.name LIMIT 3 RETURN a.name",
    "CALL db.index.fulltext.queryNodes('entity_names', 'Varga') YIELD node, score "
    "RETURN node.name, score",
    "CALL db.schema.visualization()",
    "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey",
]


@pytest.mark.parametrize("cypher", READS)
def test_ordinary_reads_are_accepted(graph: Graph, cypher: str):
    check_read_only(graph, cypher, {"id": "x", "ids": ["x"]}, timeout_s=10)


def test_an_unknown_operator_is_refused_by_name():
    plan = {"operatorType": "ProduceResults@neo4j", "args": {}, "children": [
        {"operatorType": "SomeFutureOperator@neo4j", "args": {}, "children": []}]}
    with pytest.raises(QueryRefused, match="SomeFutureOperator"):
        check_plan("r", plan, "neo4j")
    assert "SomeFutureOperator" not in READ_OPERATORS


def test_a_read_on_another_database_is_refused():
    plan = {"operatorType": "ProduceResults@other", "args": {}, "children": []}
    with pytest.raises(QueryRefused, match="other"):
        check_plan("r", plan, "neo4j")


def test_the_query_type_must_be_read_only():
    plan = {"operatorType": "ProduceResults@neo4j", "args": {}, "children": []}
    for query_type in ("rw", "w", "s", ""):
        with pytest.raises(QueryRefused, match="type"):
            check_plan(query_type, plan, "neo4j")


def test_procedure_names_come_from_the_plan_details():
    assert procedure_name("db.labels() :: (label :: STRING)") == "db.labels"
    assert procedure_name("dbms.listConfig($autostring_0) :: (name :: STRING)") == \
        "dbms.listConfig"
