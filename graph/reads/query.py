"""Analysts' Cypher: read-only, time- and row-limited.

Two locks, either of which refuses a write: the text is checked here for write clauses and
admin procedures before it is sent (a clear error, nothing reaches Neo4j), and it then runs in a
READ-mode session, where Neo4j itself refuses any write that got past the check.
"""

from __future__ import annotations

import re
from typing import Any

from graph.driver import Graph
from graph.errors import InvalidInput, QueryRefused
from graph.models import CypherOut

# Clauses that write, change the schema, administer the server or read files.
_WRITE_CLAUSES = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|ALTER|GRANT|DENY|REVOKE|RENAME"
    r"|START\s+DATABASE|STOP\s+DATABASE|TERMINATE|ENABLE|DISABLE|USE"
    r"|LOAD\s+CSV|IN\s+TRANSACTIONS|SHOW\s+(?:USERS?|ROLES?|PRIVILEGES|CURRENT\s+USER"
    r"|SERVERS?|DATABASES?|TRANSACTIONS|SETTINGS))\b",
    re.IGNORECASE,
)
# Procedures are allowed only from this list (everything else, dbms.*, db.create*, apoc.* ...,
# is refused): read-only index queries and schema introspection.
_ALLOWED_PROCEDURES = frozenset({
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships", "db.labels",
    "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
})
_CALL_PROC = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)\s*\(?", re.IGNORECASE)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.DOTALL)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def _code_only(cypher: str) -> str:
    """The query without comments and literals: a keyword inside a string is not a clause."""
    return _COMMENTS.sub(" ", _STRINGS.sub("''", cypher))


def check_read_only(cypher: str) -> None:
    """Raise QueryRefused when the query could write or administer; InvalidInput when empty."""
    if not cypher.strip():
        raise InvalidInput("empty query")
    code = _code_only(cypher)
    m = _WRITE_CLAUSES.search(code)
    if m:
        raise QueryRefused(
            f"only read queries are allowed: '{m.group(1).upper()}' is refused",
            detail={"clause": " ".join(m.group(1).upper().split())},
        )
    for proc in _CALL_PROC.findall(code):
        if proc.lower() not in _ALLOWED_PROCEDURES:
            raise QueryRefused(
                f"procedure '{proc}' is not allowed",
                detail={"procedure": proc, "allowed": sorted(_ALLOWED_PROCEDURES)},
            )


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
    check_read_only(cypher)
    rows, truncated = graph.read_limited(cypher, params, timeout_s=timeout_s,
                                         row_limit=row_limit)
    columns = list(rows[0].keys()) if rows else []
    return CypherOut(columns=columns, rows=[_jsonable(r) for r in rows], truncated=truncated)
