"""POST /v1/articles (one or many) queues articles for the workers; GET /v1/articles lists them
with their status; GET /v1/jobs shows the queue and its failures."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.driver import Graph
from graph.settings import Settings
from tests.conftest import INGEST_KEY, READ_KEY
from tests.ingest_fixtures import english_article


@pytest.fixture()
def api(settings: Settings, graph: Graph, tmp_path: Path) -> Iterator[tuple[object, Settings]]:
    from fastapi.testclient import TestClient

    from api.app import create_app

    s = settings.model_copy(update={"queue_path": tmp_path / "queue.sqlite3"})
    with TestClient(create_app(s)) as c:
        yield c, s


def _drain(settings: Settings, graph: Graph) -> int:
    from ingest.queue import open_queue
    from ingest.worker import Worker

    worker = Worker(settings, graph, open_queue(settings))
    try:
        return worker.run(burst=True, idle_timeout=0.2)
    finally:
        worker.close()


def test_post_articles_needs_the_ingest_role(api) -> None:  # noqa: ANN001
    client, _ = api
    body = {"text": english_article(), "source": "Key Test"}
    assert client.post("/v1/articles", json=body).status_code == 401
    resp = client.post("/v1/articles", json=body, headers={"X-API-Key": READ_KEY})
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "forbidden"


def test_invalid_submissions_are_refused_whole(api) -> None:  # noqa: ANN001
    client, settings = api
    resp = client.post("/v1/articles", headers={"X-API-Key": INGEST_KEY},
                       json=[{"text": english_article()}, {"title": "no text, no url"}, 7])
    assert resp.status_code == 400
    err = resp.json()["error"]
    assert err["code"] == "invalid_input" and [d["index"] for d in err["detail"]] == [1, 2]
    jobs = client.get("/v1/jobs", headers={"X-API-Key": READ_KEY}).json()
    assert jobs["queued"] == 0  # nothing was queued


def test_post_one_and_many_then_list_by_status(api, graph: Graph) -> None:  # noqa: ANN001
    client, settings = api
    tag = uuid.uuid4().hex[:8]
    one = {"id": f"api-{tag}-1", "text": english_article(f"{tag}-1"), "title": "One",
           "source": "API Wire", "published": "2025-05-01", "url": f"https://x.example/{tag}"}
    resp = client.post("/v1/articles", json=one, headers={"X-API-Key": INGEST_KEY})
    assert resp.status_code == 202, resp.text
    assert resp.json()["accepted"] == 1 and resp.json()["articles"][0]["id"] == one["id"]

    many = {"articles": [
        {"id": f"api-{tag}-2", "text": english_article(f"{tag}-2"), "source": "API Wire"},
        {"id": f"api-{tag}-3", "text": one["text"], "source": "Copy Wire"},  # exact duplicate
        {"id": f"api-{tag}-4", "text": "\x00\x01\x02binary\x00" * 50},
        {"id": f"api-{tag}-5", "text": "   "},
    ]}
    resp = client.post("/v1/articles", json=many, headers={"X-API-Key": INGEST_KEY})
    assert resp.status_code == 202 and resp.json()["accepted"] == 4

    jobs = client.get("/v1/jobs", headers={"X-API-Key": READ_KEY}).json()
    assert jobs["queued"] == 2 and jobs["failed"] == 0
    assert _drain(settings, graph) == 5
    jobs = client.get("/v1/jobs", headers={"X-API-Key": READ_KEY}).json()
    assert (jobs["queued"], jobs["running"], jobs["done"], jobs["failed"]) == (0, 0, 2, 0)
    assert jobs["articles_by_status"]["ok"] >= 2

    def listed(status: str) -> dict[str, dict]:
        out, cursor = {}, None
        while True:
            params = {"status": status, "limit": 200, **({"cursor": cursor} if cursor else {})}
            page = client.get("/v1/articles", params=params,
                              headers={"X-API-Key": READ_KEY}).json()
            out.update({a["id"]: a for a in page["items"] if a["id"].startswith(f"api-{tag}")})
            cursor = page["next"]
            if not cursor:
                return out

    ok = listed("ok")
    assert set(ok) == {f"api-{tag}-1", f"api-{tag}-2"}
    assert ok[f"api-{tag}-1"]["title"] == "One" and ok[f"api-{tag}-1"]["source"] == "API Wire"
    assert ok[f"api-{tag}-1"]["published"] == "2025-05-01"
    assert ok[f"api-{tag}-1"]["language"] == "en" and ok[f"api-{tag}-1"]["fetched_at"]
    dup = listed("duplicate")[f"api-{tag}-3"]
    assert dup["duplicate_of"] == f"api-{tag}-1" and dup["similarity"] == 1.0
    assert set(listed("binary")) == {f"api-{tag}-4"}
    assert set(listed("empty")) == {f"api-{tag}-5"}
    bad = client.get("/v1/articles", params={"status": "nonsense"},
                     headers={"X-API-Key": READ_KEY})
    assert bad.status_code == 422
