"""Analysts' Cypher: read-only, time-, memory- and row-limited.

Two locks, either of which refuses a write. First Neo4j plans the query with EXPLAIN (nothing
runs) and graph/query_plan.py accepts it only when the plan is a read on this database made of
known read operators and allowed procedures; the reason of a refusal is returned (403). Then it
runs in a READ transaction, where Neo4j itself refuses any write that got past the first lock,
under a per-transaction timeout, the server's transaction memory limit, and a row cap applied
while streaming.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.driver import Graph, connection_params
from graph.errors import InvalidInput
from graph.models import CypherOut
from graph.query_plan import ALLOWED_PROCEDURES, check_plan
from graph.query_sandbox import run_in_child
from graph.settings import Settings

__all__ = ["ALLOWED_PROCEDURES", "Sandbox", "check_read_only", "jsonable", "run_read_only"]


def check_read_only(graph: Graph, cypher: str, params: dict[str, Any], *,
                    timeout_s: float) -> None:
    """Raise QueryRefused when the query could write or administer; InvalidInput when empty
    or when Neo4j cannot parse it."""
    if not cypher.strip():
        raise InvalidInput("empty query")
    query_type, plan = graph.explain(cypher, params, timeout_s=timeout_s)
    check_plan(query_type, plan, graph.database)


def jsonable(value: Any) -> Any:
    """Driver values to JSON: temporal values as ISO strings, points as coordinates."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "srid"):
        return {"srid": value.srid, "coordinates": list(value)}
    return str(value)


@dataclass(frozen=True)
class Sandbox:
    """Where and how a child process runs the query (graph/query_sandbox.py)."""

    uri: str
    auth: tuple[str, str]
    max_bytes: int
    memory_bytes: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Sandbox:
        uri, auth = connection_params(settings)
        return cls(uri, auth, settings.query_max_bytes, settings.query_memory_bytes)


def run_read_only(graph: Graph, cypher: str, params: dict[str, Any], *, timeout_s: float,
                  row_limit: int, sandbox: Sandbox | None = None) -> CypherOut:
    """Check, then run. The API always passes a ``sandbox``: the query then runs in a child
    process killed at its deadline, with its result bounded in bytes and memory. Without one
    (library use, tests of the locks) it runs in this process, bounded by rows and the server's
    timeout only."""
    check_read_only(graph, cypher, params, timeout_s=timeout_s)
    if sandbox is None:
        rows, truncated = graph.read_limited(cypher, params, timeout_s=timeout_s,
                                             row_limit=row_limit, convert=jsonable)
    else:
        rows, truncated = run_in_child(
            sandbox.uri, sandbox.auth, graph.database, cypher, params, timeout_s=timeout_s,
            row_limit=row_limit, max_bytes=sandbox.max_bytes, memory_bytes=sandbox.memory_bytes)
    columns = list(rows[0].keys()) if rows else []
    return CypherOut(columns=columns, rows=rows, truncated=truncated)
