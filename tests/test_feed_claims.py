"""The feed of new claims against the real Neo4j: cursor polling, SSE with Last-Event-ID, and
signed webhooks delivered to a local HTTP server (with a retry after a failure)."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from api.delivery.webhooks import SIGNATURE_HEADER, WebhookDispatcher, verify
from graph.driver import Graph as KG
from graph.models import (
    ArticleIn,
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    QuoteType,
    SpeakerRef,
)
from graph.reads import feed
from graph.writer import Neo4jWriter
from ingest.articles import prepare
from tests import export_fixtures
from tests.export_fixtures import XP_CLAIMS


@pytest.fixture(scope="module")
def xp(graph: KG) -> KG:
    export_fixtures.write(graph)
    return graph


def write_new_claim(graph: KG) -> str:
    """One new article with one claim; returns the claim id."""
    tag = uuid.uuid4().hex[:8]
    text = f"Officials said 40 drones hit the port of Odesa overnight ({tag})."
    art = prepare(ArticleIn(id=f"xp-feed-{tag}", text=text, source="XP Feed Wire",
                            published="2024-07-01"))
    cs, ce = text.index("40 drones"), text.index(" overnight")
    claim_id = f"xp-feed-claim-{tag}"
    res = ExtractionResult(
        id=art.id, extractor_version="xp-test-1",
        entities=[EntityRecord(id="xp-odesa", type=EntityType.PLACE, name="Odesa")],
        claims=[ClaimRecord(
            id=claim_id, speaker=SpeakerRef(id=f"xp-anon-{tag}", name="officials",
                                            type="AnonymousSource", anonymous=True,
                                            description="officials"),
            cue="say", content=text[cs:ce], content_span=(cs, ce), sentence_span=(0, len(text)),
            quote_type=QuoteType.INDIRECT, about=["xp-odesa"])],
    )
    Neo4jWriter(graph)([art], [res])
    return claim_id


def drain(graph: KG, since: str | None, limit: int) -> tuple[list[str], str]:
    ids: list[str] = []
    cursor = since
    for _ in range(1000):
        page = feed.feed_page(graph, cursor, limit)
        assert page.next  # always a cursor to poll from again
        ids.extend(c.id for c in page.items)
        if not page.items:
            assert page.next == feed.resolve_cursor(graph, cursor)
            return ids, page.next
        cursor = page.next
    raise AssertionError("the feed never ran dry")


def test_polling_pages_through_every_claim_once_in_ingestion_order(xp: KG):
    ids, cursor = drain(xp, None, 2)
    assert len(ids) == len(set(ids))
    assert set(ids) >= XP_CLAIMS
    # (Claims written by other modules' raw-Cypher fixtures may lack ingested_at; the writer
    # always sets it.)
    total = xp.read("MATCH (c:Claim) WHERE c.ingested_at IS NOT NULL RETURN count(c) AS n")
    assert len(ids) == total[0]["n"]
    order = xp.read("MATCH (c:Claim) WHERE c.ingested_at IS NOT NULL "
                    "RETURN c.id AS id ORDER BY c.ingested_at, c.id")
    assert ids == [r["id"] for r in order]
    # Nothing new: empty page, same cursor. Then a new claim appears, and only it.
    again = feed.feed_page(xp, cursor, 10)
    assert again.items == [] and again.next == cursor
    new_id = write_new_claim(xp)
    page = feed.feed_page(xp, cursor, 10)
    assert [c.id for c in page.items] == [new_id]
    claim = page.items[0]
    assert claim.speaker.anonymous and claim.evidence.article_id.startswith("xp-feed-")
    assert claim.checkworthiness is not None and "contains_numbers" in (
        claim.checkworthiness_reasons)
    # Re-writing the same article does not replay its claim (ingested_at is set on create).
    assert feed.feed_page(xp, page.next, 10).items == []


def test_since_now_and_bad_cursors(xp: KG, client):
    now = client.get("/v1/feed/claims", params={"since": "now"})
    assert now.status_code == 200, now.text
    assert now.json()["items"] == [] and now.json()["next"]
    new_id = write_new_claim(xp)
    resp = client.get("/v1/feed/claims", params={"since": now.json()["next"]})
    assert [c["id"] for c in resp.json()["items"]] == [new_id]
    assert resp.json()["items"][0]["evidence"]["sentence"].startswith("Officials said 40")
    bad = client.get("/v1/feed/claims", params={"since": "not-a-cursor"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_input"
    assert client.get("/v1/feed/claims", params={"limit": 0}).status_code == 422


def parse_sse(text: str) -> list[dict[str, str]]:
    events = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith(":") or ":" not in line:
                continue
            key, _, value = line.partition(":")
            fields[key] = value.lstrip(" ")
        if "data" in fields:
            events.append(fields)
    return events


def test_sse_stream_resumes_from_last_event_id(xp: KG, client):
    resp = client.get("/v1/feed/claims/stream", params={"max_events": 3})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/event-stream")
    assert resp.text.startswith("retry: ")
    events = parse_sse(resp.text)
    assert len(events) == 3 and all(e["event"] == "claim" for e in events)
    claims = [json.loads(e["data"]) for e in events]
    first_three, _ = drain_ids(xp, 3)
    assert [c["id"] for c in claims] == first_three
    # A reconnecting EventSource sends the last id it saw: the stream continues after it.
    resumed = client.get("/v1/feed/claims/stream", params={"max_events": 2},
                         headers={"Last-Event-ID": events[0]["id"]})
    again = parse_sse(resumed.text)
    assert [json.loads(e["data"])["id"] for e in again] == [c["id"] for c in claims[1:3]]
    # With nothing new, the stream keeps the connection alive and ends at max_seconds.
    idle = client.get("/v1/feed/claims/stream",
                      params={"since": "now", "max_seconds": 0.5, "poll_s": 0.2})
    assert parse_sse(idle.text) == [] and ": keep-alive" in idle.text
    bad = client.get("/v1/feed/claims/stream", headers={"Last-Event-ID": "garbage"})
    assert bad.status_code == 400


def drain_ids(graph: KG, n: int) -> tuple[list[str], str]:
    page = feed.feed_page(graph, None, n)
    return [c.id for c in page.items], page.next  # type: ignore[return-value]


class Receiver(BaseHTTPRequestHandler):
    """Records each POST; answers the status codes queued in ``plan`` (then 200)."""

    received: list[tuple[dict[str, str], bytes]] = []
    plan: list[int] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        status = type(self).plan.pop(0) if type(self).plan else 200
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    Receiver.received, Receiver.plan = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", Receiver
    server.shutdown()
    server.server_close()


def test_webhooks_are_signed_retried_and_resume(xp: KG, receiver, tmp_path: Path):
    url, rec = receiver
    secret = "s3cret"
    state = tmp_path / "hooks.json"
    hooks = WebhookDispatcher(xp, [url], secret, state, batch=500, attempts=3, backoff_s=0.01,
                              start="now")
    assert hooks.run_once() == {url: 0}  # starts at "now": nothing to send yet
    assert rec.received == []
    new_id = write_new_claim(xp)
    rec.plan = [503]  # the receiver fails once: the delivery is retried
    assert hooks.run_once() == {url: 1}
    assert len(rec.received) == 2
    headers, body = rec.received[-1]
    assert verify(body, secret, headers[SIGNATURE_HEADER])
    assert not verify(body, "wrong", headers[SIGNATURE_HEADER])
    assert rec.received[0][1] == body and headers["X-KG-Delivery"]
    payload = json.loads(body)
    assert payload["event"] == "claims" and [c["id"] for c in payload["items"]] == [new_id]
    assert payload["items"][0]["evidence"]["article_id"].startswith("xp-feed-")
    # Delivered: the cursor moved, nothing is sent again.
    assert json.loads(state.read_text())[url] == payload["next"]
    assert hooks.run_once() == {url: 0} and len(rec.received) == 2
    # A receiver that keeps failing does not lose claims: the cursor stays until it succeeds.
    second = write_new_claim(xp)
    rec.plan = [500, 500, 500]
    assert hooks.run_once() == {url: 0}
    assert len(rec.received) == 5
    assert json.loads(state.read_text())[url] == payload["next"]
    assert hooks.run_once() == {url: 1}
    assert [c["id"] for c in json.loads(rec.received[-1][1])["items"]] == [second]
    # A 4xx answer is a refusal: not retried.
    write_new_claim(xp)
    rec.plan = [400]
    before = len(rec.received)
    assert hooks.run_once() == {url: 0}
    assert len(rec.received) == before + 1
