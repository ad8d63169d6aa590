"""The queue's promises: a SIGKILLed worker loses nothing; transient graph failures are retried
and then dead-lettered with their reason; `kg jobs` reports it all."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import uuid
from pathlib import Path

from graph.driver import Graph
from graph.settings import Settings
from ingest.queue import SqliteJobQueue
from tests.conftest import CORPUS, REPO
from tests.ingest_fixtures import KG, kg_env, run_kg


def _subset(path: Path, tag: str, n: int, skip: int) -> list[str]:
    """``n`` corpus articles under fresh ids, each text made unique with a closing line."""
    ids = []
    with CORPUS.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i < skip:
                continue
            if len(ids) == n:
                break
            rec = json.loads(line)
            rec["id"] = f"kill-{tag}-{rec['id']}"
            rec["text"] += f"\n\nThis copy was filed under reference {tag}-{i}."
            ids.append(rec["id"])
            out.write(json.dumps(rec) + "\n")
    return ids


def _wait(pred, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_sigkilled_worker_loses_no_article(graph: Graph, settings: Settings,
                                           tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    ids = _subset(tmp_path / "subset.jsonl", tag, 240, skip=400)
    env = kg_env(settings, tmp_path, KG_WRITE_BATCH_SIZE="16")
    run = run_kg(["ingest", str(tmp_path / "subset.jsonl"), "--no-spawn", "--no-wait",
                  "--job-size", "8"], env)
    assert run.returncode == 0, run.stderr[-2000:]
    total_jobs = json.loads(run.stdout)["jobs"]
    assert total_jobs == 30

    queue = SqliteJobQueue(tmp_path / "queue.sqlite3")
    worker = subprocess.Popen([*KG, "worker"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: queue.counts()["done"] >= 4 and queue.counts()["running"] >= 1, 300,
              "the worker to finish a few jobs")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    killed_at = queue.counts()
    # Mid-run: some jobs done, the killed worker's jobs still marked running, the rest queued.
    assert 4 <= killed_at["done"] < total_jobs and killed_at["running"] >= 1
    stored = graph.read("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN count(a) AS n",
                        ids=ids)[0]["n"]
    assert stored < len(ids)

    # Starting a worker again: it takes back the dead worker's jobs and finishes the queue.
    run = run_kg(["worker", "--burst"], env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert queue.counts() == {"queued": 0, "running": 0, "done": total_jobs, "failed": 0}
    rows = graph.read("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.status AS s",
                      ids=ids)
    assert len(rows) == len(ids)  # every article, none lost
    assert {r["s"] for r in rows} <= {"ok", "near_duplicate", "duplicate"}
    queue.close()

    jobs = run_kg(["jobs"], env)
    assert json.loads(jobs.stdout)["done"] == total_jobs


def test_unavailable_graph_is_retried_then_dead_lettered(settings: Settings,
                                                         tmp_path: Path) -> None:
    from graph.driver import Graph as G
    from ingest.worker import Worker

    dead = settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9", "job_max_attempts": 3,
                                       "queue_path": tmp_path / "queue.sqlite3"})
    queue = SqliteJobQueue(dead.queue_file)
    queue.put([{"id": "dead-letter-1", "text": "Some text that will never be written."}])
    # A real driver at a closed port; the driver's own retry window is kept short so the test
    # measures the worker's backoff, not the driver's.
    from neo4j import GraphDatabase

    graph = G(GraphDatabase.driver(dead.neo4j_uri, auth=("neo4j", "x"),
                                   max_transaction_retry_time=0.2))
    worker = Worker(dead, graph, queue)
    t0 = time.monotonic()
    try:
        worker.run(burst=True, idle_timeout=0.2)
    finally:
        worker.close()
        graph.close()
    assert time.monotonic() - t0 >= 1.5  # backed off 0.5 s then 1 s between the 3 attempts
    assert queue.counts() == {"queued": 0, "running": 0, "done": 0, "failed": 1}
    (failure,) = queue.failures()
    assert "unavailable" in failure["reason"] and failure["article_ids"] == ["dead-letter-1"]
    assert failure["attempts"] == 3

    # Once the cause is fixed, dead letters can be put back on the queue.
    assert queue.retry_failed() == 1
    assert queue.counts()["queued"] == 1 and queue.failures() == []
    queue.close()


def test_an_article_that_breaks_the_extractor_fails_alone(graph: Graph, settings: Settings,
                                                          tmp_path: Path) -> None:
    from ingest.queue import open_queue
    from ingest.worker import Worker
    from tests.ingest_fixtures import article_status, english_article

    tag = uuid.uuid4().hex[:8]
    s = settings.model_copy(update={"queue_path": tmp_path / "queue.sqlite3"})
    queue = open_queue(s)
    ids = [f"boom-{tag}-{i}" for i in range(3)]
    queue.put([{"id": i, "text": english_article(i)} for i in ids])
    worker = Worker(s, graph, queue)
    real_extract = worker.pipeline.extract

    def fragile(articles):  # noqa: ANN001, ANN202 - the real extractor, failing on one article
        if any(a.id == ids[1] for a in articles):
            raise RuntimeError("extractor crashed on this text")
        return real_extract(articles)

    worker.pipeline.extract = fragile
    try:
        assert worker.run(burst=True, idle_timeout=0.2) == 3
    finally:
        worker.close()
    got = article_status(graph, ids)
    assert [got[i]["status"] for i in ids] == ["ok", "failed", "ok"]
    assert "extractor crashed" in got[ids[1]]["error"]
    assert queue.counts() == {"queued": 0, "running": 0, "done": 1, "failed": 0}
    queue.close()
