"""The ingest queue: how many jobs are queued, running, done and failed, and the failures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import GraphDep, ReadRole, SettingsDep
from graph import articles as graph_articles

router = APIRouter(prefix="/v1", tags=["jobs"], dependencies=[ReadRole])


@router.get("/jobs")
def jobs(
    settings: SettingsDep,
    graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=500, description="failures to list")] = 50,
) -> dict[str, Any]:
    from ingest.queue import open_queue

    queue = open_queue(settings)
    try:
        recovered = queue.recover()  # stale leases (dead workers) are not shown as running
        out: dict[str, Any] = {**queue.counts(), "recovered": recovered,
                               "failures": queue.failures(limit)}
    finally:
        queue.close()
    out["articles_by_status"] = graph_articles.status_counts(graph)
    return out
