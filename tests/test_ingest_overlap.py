"""The worker writes a batch on its own thread while it extracts the next one: the overlap is
real, and a batch whose write fails is not acked while the batches around it still land
(real Neo4j, real queue, the real extractor; only the write is made to fail)."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

from graph.driver import Graph
from graph.errors import GraphUnavailable
from graph.settings import Settings
from ingest.queue import SqliteJobQueue, open_queue
from ingest.worker import Worker
from tests.ingest_fixtures import article_status, english_article


def _worker(graph: Graph, settings: Settings, tmp_path: Path, n: int,
            **update: object) -> tuple[Worker, SqliteJobQueue, list[str]]:
    tag = uuid.uuid4().hex[:8]
    # One article per job and per write batch: job i is batch i.
    s = settings.model_copy(update={"queue_path": tmp_path / "queue.sqlite3",
                                    "write_batch_size": 1, **update})
    queue = open_queue(s)
    ids = [f"overlap-{tag}-{i}" for i in range(n)]
    for i in ids:
        queue.put([{"id": i, "text": english_article(i)}])
    return Worker(s, graph, queue), queue, ids


def test_next_batch_is_extracted_while_one_is_written(graph: Graph, settings: Settings,
                                                      tmp_path: Path) -> None:
    worker, queue, ids = _worker(graph, settings, tmp_path, 3)
    spans: dict[str, list[tuple[float, float, str]]] = {"extract": [], "write": []}
    real_extract, real_write = worker.pipeline.extract, worker.pipeline.write

    def extract(articles):  # noqa: ANN001, ANN202
        t0 = time.monotonic()
        try:
            return real_extract(articles)
        finally:
            spans["extract"].append((t0, time.monotonic(), threading.current_thread().name))

    def slow_write(articles, results):  # noqa: ANN001, ANN202 - a write that takes a while
        t0 = time.monotonic()
        time.sleep(1.0)
        out = real_write(articles, results)
        spans["write"].append((t0, time.monotonic(), threading.current_thread().name))
        return out

    worker.pipeline.extract, worker.pipeline.write = extract, slow_write
    try:
        assert worker.run(burst=True, idle_timeout=0.2) == 3
    finally:
        worker.close()
    assert queue.counts() == {"queued": 0, "running": 0, "done": 3, "failed": 0}
    assert {r["status"] for r in article_status(graph, ids).values()} == {"ok"}
    # Writes ran on the writer thread, extraction on the main one, and some extraction
    # started while a write was in progress.
    assert all(name.startswith("kg-write") for *_, name in spans["write"])
    assert not any(name.startswith("kg-write") for *_, name in spans["extract"])
    assert any(w0 < e0 < w1 for w0, w1, _ in spans["write"] for e0, _, _ in spans["extract"])
    # ... but never more than one batch in flight: the writes did not overlap each other.
    writes = sorted(spans["write"])
    assert all(a[1] <= b[0] for a, b in zip(writes, writes[1:], strict=False))
    queue.close()


def test_a_failed_write_is_not_acked_and_the_next_batch_lands(graph: Graph, settings: Settings,
                                                              tmp_path: Path) -> None:
    worker, queue, ids = _worker(graph, settings, tmp_path, 3, job_max_attempts=2)
    real_write = worker.pipeline.write
    tries: list[str] = []

    def failing_write(articles: Sequence, results: Sequence):  # noqa: ANN202
        if any(a.id == ids[1] for a in articles):
            tries.append(ids[1])
            raise GraphUnavailable("the graph went away for this batch")
        return real_write(articles, results)

    worker.pipeline.write = failing_write
    try:
        assert worker.run(burst=True, idle_timeout=0.2) == 2
    finally:
        worker.close()
    assert len(tries) == 2  # retried once (job_max_attempts=2), then given up
    assert queue.counts() == {"queued": 0, "running": 0, "done": 2, "failed": 1}
    (failure,) = queue.failures()
    assert failure["article_ids"] == [ids[1]] and "unavailable" in failure["reason"]
    got = article_status(graph, ids)
    assert set(got) == {ids[0], ids[2]}  # batch 1 lost nothing of batches 0 and 2
    queue.close()


def test_a_crashed_write_leaves_its_job_leased(graph: Graph, settings: Settings,
                                               tmp_path: Path) -> None:
    worker, queue, ids = _worker(graph, settings, tmp_path, 3)
    real_write = worker.pipeline.write

    def crashing_write(articles: Sequence, results: Sequence):  # noqa: ANN202
        if any(a.id == ids[1] for a in articles):
            raise RuntimeError("writer bug")
        return real_write(articles, results)

    worker.pipeline.write = crashing_write
    try:
        with pytest.raises(RuntimeError, match="writer bug"):
            worker.run(burst=True, idle_timeout=0.2)
    finally:
        worker.close()
    counts = queue.counts()
    # Job 0 was written and acked; job 1 (and job 2, taken meanwhile) stay leased to this
    # process, neither acked nor dead-lettered: recover() gives them back once it is gone.
    assert counts["done"] == 1 and counts["failed"] == 0
    assert counts["running"] + counts["queued"] == 2 and counts["running"] >= 1
    assert set(article_status(graph, ids)) == {ids[0]}
    queue.close()
