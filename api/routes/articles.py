"""Submit articles for ingestion and list what is stored, with each article's status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from api.deps import GraphDep, IngestRole, ReadRole, SettingsDep
from graph import articles as graph_articles
from graph.errors import InvalidInput
from graph.models import ArticleStatus, Page, field_problems, stable_id

router = APIRouter(prefix="/v1", tags=["articles"])

MAX_ARTICLES_PER_REQUEST = 1000
JOB_SIZE = 16


def _submissions(body: Any) -> list[Any]:
    from ingest.articles import Submission

    records = body.get("articles") if isinstance(body, dict) and "articles" in body else body
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list) or not records:
        raise InvalidInput("send one article object, a list of them, or {\"articles\": [...]}")
    if len(records) > MAX_ARTICLES_PER_REQUEST:
        raise InvalidInput(f"at most {MAX_ARTICLES_PER_REQUEST} articles per request")
    subs, errors = [], []
    field_errors: list[dict[str, Any]] = []
    for n, rec in enumerate(records):
        if not isinstance(rec, dict):
            errors.append({"index": n, "msg": "an article must be a JSON object"})
            continue
        # Only what a client may set: statuses are decided by the service.
        rec = {k: v for k, v in rec.items() if k not in ("status", "error", "needs_fetch")}
        try:
            sub = Submission.model_validate(rec)
        except ValidationError as exc:
            errors.append({"index": n, "msg": str(exc.errors()[0].get("msg"))})
            continue
        problems = field_problems(sub)
        if problems:
            field_errors.extend({"loc": ["body", n, name], "msg": msg, "type": "value_error"}
                                for name, msg in problems)
            continue
        if not sub.text and not sub.url:
            errors.append({"index": n, "msg": "an article needs 'text' or a 'url' to fetch"})
            continue
        if not sub.text:  # a URL to fetch: its id comes from the URL
            sub.needs_fetch = True
            sub.id = sub.id or stable_id(sub.url, prefix="url-")
        subs.append(sub)
    if field_errors:  # a value over its limit: 422 naming the article and the field
        raise RequestValidationError(
            field_errors + [{"loc": ["body", e["index"]], "msg": e["msg"], "type": "value_error"}
                            for e in errors])
    if errors:
        raise InvalidInput("some articles are invalid; nothing was queued", detail=errors)
    return subs


@router.post("/articles", status_code=202, dependencies=[IngestRole])
def submit_articles(
    settings: SettingsDep,
    body: Annotated[Any, Body(description="an article, a list of articles, or {articles: [...]}")],
) -> JSONResponse:
    """Queue articles for the workers; each ends up as an Article with a status."""
    from ingest.commands import enqueue
    from ingest.queue import open_queue

    subs = _submissions(body)
    queue = open_queue(settings)
    try:
        jobs, n = enqueue(queue, subs, JOB_SIZE)
        counts = queue.counts()
    finally:
        queue.close()
    items = [{"id": s.resolved_id(), "url": s.url} for s in subs]
    return JSONResponse({"accepted": n, "jobs": jobs, "articles": items, "queue": counts}, 202)


@router.get("/articles", dependencies=[ReadRole])
def list_articles(
    graph: GraphDep,
    status: ArticleStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> Page[dict[str, Any]]:
    return graph_articles.list_articles(graph, status=status.value if status else None,
                                        limit=limit, cursor=cursor)
