"""Analysts' Cypher: read-only, under a time limit and a row limit."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep, ReadRole, SettingsDep
from graph.models import CypherIn, CypherOut
from graph.reads import query as reads_query

router = APIRouter(prefix="/v1", tags=["query"], dependencies=[ReadRole])


@router.post("/query", response_model=CypherOut)
def run_query(body: CypherIn, graph: GraphDep, settings: SettingsDep) -> CypherOut:
    """Run read-only Cypher (read role). Write clauses (CREATE, MERGE, SET, DELETE, REMOVE,
    DROP, LOAD CSV, CALL {…} IN TRANSACTIONS, ALTER, GRANT, …) and procedures other than
    full-text queries and schema introspection are refused with 403 before anything is sent;
    the query then runs in a READ session, limited to `KG_QUERY_TIMEOUT_S` seconds and
    `KG_QUERY_ROW_LIMIT` rows (`truncated` says when rows were cut)."""
    return reads_query.run_read_only(graph, body.cypher, body.params,
                                     timeout_s=settings.query_timeout_s,
                                     row_limit=settings.query_row_limit)
