"""One article never harms another (issue 14, finding 3): an over-long id, a 900,000-character
sentence and a record Neo4j refuses each fail alone, with a reason, and their batch-mates land."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.driver import Graph
from graph.models import (
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    StoredArticle,
    content_hash,
    stable_id,
)
from graph.settings import Settings
from graph.writer import Neo4jWriter
from ingest.isolate import write_isolating
from tests.conftest import INGEST_KEY
from tests.fingerprint import forget
from tests.ingest_fixtures import article_status, english_article, kg_env, run_kg

LONG_ID = "x" * 10_000


def _run_worker(settings: Settings, graph: Graph, jobs: list[list[dict[str, object]]]) -> int:
    from ingest.queue import open_queue
    from ingest.worker import Worker

    queue = open_queue(settings)
    for items in jobs:
        queue.put(items)
    worker = Worker(settings, graph, queue)
    try:
        return worker.run(burst=True, idle_timeout=0.2)
    finally:
        worker.close()
        queue.close()


@pytest.fixture()
def qsettings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(update={"queue_path": tmp_path / "queue.sqlite3"})


@pytest.fixture()
def api(qsettings: Settings, graph: Graph) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(qsettings)) as c:
        yield c


def test_api_refuses_overlong_and_unprintable_values_naming_the_field(api) -> None:  # noqa: ANN001
    h = {"X-API-Key": INGEST_KEY}
    good = {"id": "fine", "text": english_article()}
    cases = [({"id": LONG_ID, "text": "t"}, "id"), ({"id": "a\nb", "text": "t"}, "id"),
             ({"text": "t", "source": "S" * 300}, "source"),
             ({"text": "t", "published": "2025" * 40}, "published"),
             ({"url": "https://x.example/" + "p" * 3000}, "url")]
    for bad, field in cases:
        resp = api.post("/v1/articles", json=[good, bad], headers=h)
        assert resp.status_code == 422, resp.text
        err = resp.json()["error"]
        assert err["code"] == "invalid_input"
        assert [d["loc"] for d in err["detail"]] == [["body", 1, field]]
        assert LONG_ID not in resp.text  # the echo stays short
    assert api.get("/v1/jobs", headers=h).json()["queued"] == 0  # nothing queued


def test_kg_ingest_stores_a_record_with_a_10000_char_id_as_failed(
        graph: Graph, settings: Settings, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": f"lim-{tag}-1", "text": english_article(f"a{tag}")},
        {"id": LONG_ID + tag, "text": english_article(f"b{tag}")},
        {"id": f"lim-{tag}-3", "text": english_article(f"c{tag}")},
    ]) + "\n")
    run = run_kg(["ingest", str(path), "--workers", "1", "-q"], kg_env(settings, tmp_path))
    assert run.returncode == 0, run.stderr[-3000:]
    bad_id = stable_id(f"{path}:2", prefix="bad-")
    got = article_status(graph, [f"lim-{tag}-1", bad_id, f"lim-{tag}-3"])
    assert got[f"lim-{tag}-1"]["status"] == got[f"lim-{tag}-3"]["status"] == "ok"
    assert got[bad_id]["status"] == "failed" and "'id' is 10008 characters" in got[bad_id]["error"]


def test_worker_survives_a_queued_10000_char_id_and_its_batch_mates_land(
        graph: Graph, qsettings: Settings) -> None:
    # As if queued by an older version or another producer: the worker checks too.
    tag = uuid.uuid4().hex[:8]
    items = [{"id": f"wq-{tag}-1", "text": english_article(f"d{tag}")},
             {"id": LONG_ID + tag, "text": english_article(f"e{tag}")},
             {"id": f"wq-{tag}-3", "text": english_article(f"f{tag}"), "source": "Line\nBreak"}]
    _run_worker(qsettings, graph, [items])
    bad_id = stable_id(LONG_ID + tag, prefix="bad-")
    got = article_status(graph, [f"wq-{tag}-1", bad_id, f"wq-{tag}-3"])
    assert got[f"wq-{tag}-1"]["status"] == "ok" and got[f"wq-{tag}-3"]["status"] == "ok"
    assert got[f"wq-{tag}-3"]["source"] == "Line Break"  # page metadata is tidied, not fatal
    assert got[bad_id]["status"] == "failed" and "invalid id" in got[bad_id]["error"]


def test_a_900000_char_sentence_is_too_complex_and_its_batch_mate_lands(
        graph: Graph, qsettings: Settings) -> None:
    tag = uuid.uuid4().hex[:8]
    words = "the convoy moved along the road while officials argued about terms and "
    monster = (words * (900_000 // len(words) + 1))[:900_000]
    items = [{"id": f"big-{tag}", "text": monster},
             {"id": f"mate-{tag}", "text": english_article(f"g{tag}")}]
    t0 = time.monotonic()
    _run_worker(qsettings, graph, [items])
    took = time.monotonic() - t0
    got = article_status(graph, [f"big-{tag}", f"mate-{tag}"])
    assert got[f"mate-{tag}"]["status"] == "ok"
    assert got[f"big-{tag}"]["status"] == "too_complex"
    assert "KG_PARSE_MAX_CHARS" in got[f"big-{tag}"]["error"]
    assert len(got[f"big-{tag}"]["text"]) >= 899_990  # kept (cleaned), not lost
    assert took < 120, took  # not minutes: the parser never saw it
    # Other modules export the whole test graph; a 900k-character body is not theirs to meet.
    forget(graph, [f"big-{tag}", f"mate-{tag}"])


def test_the_time_budget_stops_a_slow_article_and_the_worker_moves_on(
        graph: Graph, qsettings: Settings) -> None:
    tag = uuid.uuid4().hex[:8]
    words = "the convoy moved along the road while officials argued about terms and "
    # under the size cap (200,000), but far over a 1 s budget: 40,000 characters no longer
    # were once the claim rules stopped being quadratic (a quiet machine parsed them in time)
    slow = (words * 2200)[:150_000]
    s = qsettings.model_copy(update={"parse_budget_s": 1.0})
    try:
        _run_worker(s, graph, [[{"id": f"slow-{tag}", "text": slow},
                                {"id": f"ok-{tag}", "text": english_article(f"h{tag}")}]])
        got = article_status(graph, [f"slow-{tag}", f"ok-{tag}"])
        assert got[f"ok-{tag}"]["status"] == "ok"
        assert got[f"slow-{tag}"]["status"] == "too_complex"
        assert "budget of 1 s" in got[f"slow-{tag}"]["error"]
    finally:
        # even when it fails: the slow text's claims would otherwise answer other modules'
        # searches for 'convoy'
        forget(graph, [f"slow-{tag}", f"ok-{tag}"])


def test_long_sentences_are_cut_before_the_parser() -> None:
    from ingest.extract.pipeline import load_nlp

    words = "officials in the city argued about the terms of the deal , and "
    text = words * 300  # ~19,000 characters, no full stop
    doc = load_nlp()(text)
    assert max(len(s.text) for s in doc.sents) <= 1500 * 1.5 + 50
    assert doc.text == text  # offsets untouched


def test_a_batch_with_one_poisoned_record_is_bisected(graph: Graph) -> None:
    tag = uuid.uuid4().hex[:8]
    arts = [StoredArticle(id=f"bis-{tag}-{i}", text=f"Text {i} {tag}.",
                          content_hash=content_hash(f"{i}{tag}")) for i in range(5)]

    def result(aid: str, eid: str) -> ExtractionResult:
        ent = EntityRecord(id=eid, type=EntityType.PERSON, name="Someone",
                           mentions=[Mention(start=0, end=4, text="Text")])
        return ExtractionResult(id=aid, extractor_version="test", entities=[ent])

    results = [result(a.id, f"person:bis-{tag}-{i}") for i, a in enumerate(arts)]
    results[2] = result(arts[2].id, "person:" + "z" * 40_000)  # too large to index
    lost = write_isolating(Neo4jWriter(graph), arts, results)
    assert lost == {}
    got = article_status(graph, [a.id for a in arts])
    assert [got[a.id]["status"] for a in arts] == ["ok", "ok", "failed", "ok", "ok"]
    assert "write failed" in got[arts[2].id]["error"]
    ents = graph.read("MATCH (e:Person) WHERE e.id STARTS WITH $p RETURN count(e) AS n",
                      p=f"person:bis-{tag}-")
    assert ents[0]["n"] == 4
