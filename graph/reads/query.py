"""Analysts' Cypher: read-only, time-, memory- and row-limited.

Two locks, either of which refuses a write. First Neo4j plans the query with EXPLAIN (nothing
runs) and graph/query_plan.py accepts it only when the plan is a read on this database made of
known read operators and allowed procedures; the reason of a refusal is returned (403). Then it
runs in a READ transaction, where Neo4j itself refuses any write that got past the first lock,
under a per-transaction timeout, the server's transaction memory limit, and a row cap applied
while streaming.
"""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from graph.errors import InvalidInput
from graph.models import CypherOut
from graph.query_plan import ALLOWED_PROCEDURES, check_plan

__all__ = ["ALLOWED_PROCEDURES", "check_read_only", "run_read_only"]


def check_read_only(graph: Graph, cypher: str, params: dict[str, Any], *,
                    timeout_s: float) -> None:
    """Raise QueryRefused when the query could write or administer; InvalidInput when empty
    or when Neo4j cannot parse it."""
    if not cypher.strip():
        raise InvalidInput("empty query")
    query_type, plan = graph.explain(cypher, params, timeout_s=timeout_s)
    check_plan(query_type, plan, graph.database)


def _jsonable(value: Any) -> Any:
    """Driver values to JSON: temporal values as ISO strings, points as coordinates."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "srid"):
        return {"srid": value.srid, "coordinates": list(value)}
    return str(value)


def run_read_only(graph: Graph, cypher: str, params: dict[str, Any], *, timeout_s: float,
                  row_limit: int) -> CypherOut:
    check_read_only(graph, cypher, params, timeout_s=timeout_s)
    rows, truncated = graph.read_limited(cypher, params, timeout_s=timeout_s,
                                         row_limit=row_limit)
    columns = list(rows[0].keys()) if rows else []
    return CypherOut(columns=columns, rows=[_jsonable(r) for r in rows], truncated=truncated)
