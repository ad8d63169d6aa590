"""Is an analyst's Cypher a plain read? Decided from Neo4j's own plan, not from the text.

The query is planned with ``EXPLAIN`` (nothing runs) and accepted only when

* the summary's query type is ``r`` (read only: not ``rw``, ``w`` or ``s``), and
* every operator of the plan tree is on ``READ_OPERATORS`` and runs on the queried database
  (``@neo4j``; administration commands plan as ``AdministrationCommand@system``), and
* every ``ProcedureCall`` names, as resolved by the planner, a procedure on
  ``ALLOWED_PROCEDURES``.

Parsing is Neo4j's: comments, quotes, backticks (``CALL `dbms`.`listConfig`()``) and unusual
spacing cannot hide a clause from a check that reads the plan. What is refused by construction:
writes and schema changes, ``LOAD CSV`` (operator ``LoadCSV``), ``SHOW …`` and ``TERMINATE …``
commands (``Show*``/``Terminate*`` operators), administration (users, roles, databases),
``CALL {…} IN TRANSACTIONS``, ``USE`` of another database, and every procedure not listed.
An operator this list does not know (a new Neo4j version, an Enterprise-only operator) is refused
with its name: the list fails closed.
"""

from __future__ import annotations

from typing import Any

from graph.errors import QueryRefused

# Read-only operators of the Neo4j 5 planner (Cypher manual, "Operators"). Names are compared
# without the "@database" suffix.
READ_OPERATORS = frozenset({
    # leaves: scans and seeks
    "AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
    "SubtractionNodeByLabelsScan", "NodeByIdSeek", "NodeByElementIdSeek",
    "NodeIndexSeek", "NodeUniqueIndexSeek", "MultiNodeIndexSeek", "AssertingMultiNodeIndexSeek",
    "NodeIndexSeekByRange", "NodeUniqueIndexSeekByRange", "NodeIndexContainsScan",
    "NodeIndexEndsWithScan", "NodeIndexScan", "NodeCountFromCountStore",
    "RelationshipCountFromCountStore", "Argument", "ArgumentTracker", "EmptyRow",
    *(f"{d}{op}" for d in ("Directed", "Undirected") for op in (
        "AllRelationshipsScan", "RelationshipTypeScan", "UnionRelationshipTypesScan",
        "RelationshipByIdSeek", "RelationshipByElementIdSeek", "RelationshipIndexSeek",
        "RelationshipUniqueIndexSeek", "RelationshipIndexSeekByRange",
        "RelationshipUniqueIndexSeekByRange", "RelationshipIndexContainsScan",
        "RelationshipIndexEndsWithScan", "RelationshipIndexScan")),
    # expansion and paths
    "Expand(All)", "Expand(Into)", "OptionalExpand(All)", "OptionalExpand(Into)",
    "VarLengthExpand(All)", "VarLengthExpand(Into)", "VarLengthExpand(Pruning)",
    "VarLengthExpand(Pruning,BFS)", "BFSPruningVarExpand", "ShortestPath",
    "StatefulShortestPath(All)", "StatefulShortestPath(Into)", "Trail", "Repeat(Trail)",
    "ProjectEndpoints", "AssertSameNode", "AssertSameRelationship",
    "TriadicSelection", "TriadicBuild", "TriadicFilter",
    # row operations
    "ProduceResults", "Projection", "Filter", "Limit", "ExhaustiveLimit", "Skip", "Sort",
    "PartialSort", "Top", "Top1WithTies", "PartialTop", "Distinct", "OrderedDistinct",
    "EagerAggregation", "OrderedAggregation", "Unwind", "PartitionedUnwind", "Eager",
    "EmptyResult", "CacheProperties", "NullifyMetadata", "Optional", "ProcedureCall",
    # joins, unions, subqueries
    "Apply", "SemiApply", "AntiSemiApply", "LetSemiApply", "LetAntiSemiApply",
    "SelectOrSemiApply", "SelectOrAntiSemiApply", "LetSelectOrSemiApply",
    "LetSelectOrAntiSemiApply", "ConditionalApply", "AntiConditionalApply", "RollUpApply",
    "CartesianProduct", "NodeHashJoin", "NodeLeftOuterHashJoin", "NodeRightOuterHashJoin",
    "ValueHashJoin", "Union", "OrderedUnion", "Anti",
})

# Procedures an analyst may call: full-text queries and schema introspection, all read-only.
# Compared with the planner's resolved name, so quoting and case tricks change nothing.
ALLOWED_PROCEDURES = frozenset({
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships", "db.labels",
    "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
})


def _operators(plan: dict[str, Any]) -> list[dict[str, Any]]:
    out, todo = [], [plan]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(node.get("children") or [])
    return out


def procedure_name(details: str) -> str:
    """``db.labels() :: (label :: STRING)`` -> ``db.labels`` (the planner's resolved name)."""
    return details.split("(", 1)[0].strip()


def check_plan(query_type: str, plan: dict[str, Any], database: str) -> None:
    """Raise QueryRefused unless the planned query only reads ``database``."""
    for node in _operators(plan):
        name, _, db = str(node.get("operatorType", "")).partition("@")
        if db and db != database:
            raise QueryRefused(
                f"only read queries on the '{database}' database are allowed: "
                f"'{name}' runs on '{db}'",
                detail={"operator": name, "database": db},
            )
        if name not in READ_OPERATORS:
            raise QueryRefused(
                f"only read queries are allowed: the plan operator '{name}' is refused",
                detail={"operator": name},
            )
        if name == "ProcedureCall":
            proc = procedure_name(str((node.get("args") or {}).get("Details", "")))
            if proc not in ALLOWED_PROCEDURES:
                raise QueryRefused(
                    f"procedure '{proc}' is not allowed",
                    detail={"procedure": proc, "allowed": sorted(ALLOWED_PROCEDURES)},
                )
    if query_type != "r":
        raise QueryRefused(
            f"only read queries are allowed: Neo4j plans this query as type '{query_type}'",
            detail={"query_type": query_type},
        )
