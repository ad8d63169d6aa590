"""Analysts' Cypher: read-only, under a time limit and a row limit."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep, ReadRole, SettingsDep
from api.limits import HeavySlot
from graph.models import CypherIn, CypherOut
from graph.reads import query as reads_query

router = APIRouter(prefix="/v1", tags=["query"], dependencies=[ReadRole])


@router.post("/query", response_model=CypherOut, dependencies=[HeavySlot])
def run_query(body: CypherIn, graph: GraphDep, settings: SettingsDep) -> CypherOut:
    """Run read-only Cypher (read role). Neo4j plans the query first (EXPLAIN, nothing runs);
    it is refused with 403 and the reason unless the plan is a read of this database made of
    read operators and allowed procedures (full-text queries, schema introspection): writes,
    LOAD CSV, SHOW/TERMINATE, administration and other procedures are refused. It then runs in
    a READ transaction limited to `KG_QUERY_TIMEOUT_S` seconds, the server's transaction memory
    limit, `KG_QUERY_ROW_LIMIT` rows and `KG_QUERY_MAX_BYTES` of result, in a child process
    killed at the deadline (`truncated` says when rows were cut)."""
    return reads_query.run_read_only(graph, body.cypher, body.params,
                                     timeout_s=settings.query_timeout_s,
                                     row_limit=settings.query_row_limit,
                                     sandbox=reads_query.Sandbox.from_settings(settings))
