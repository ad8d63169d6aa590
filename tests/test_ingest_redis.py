"""The Redis backend (KG_QUEUE_BACKEND=redis) against a real redis-server started for the test:
at-least-once when a worker dies, dead letters with reasons, and `kg ingest` end to end."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.driver import Graph
from graph.settings import Settings
from ingest.queue_redis import RedisJobQueue
from tests.conftest import REPO
from tests.ingest_fixtures import article_status, english_article, kg_env, run_kg


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = shutil.which("redis-server")
    assert exe, "redis-server is needed (Debian package redis-server)"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    work = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_dead_workers_jobs_come_back(redis_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:6]}:"
    q = RedisJobQueue(redis_url, prefix=prefix, heartbeat_ttl_s=1.0)
    for i in range(3):
        q.put([{"id": f"r{i}", "text": "x"}])
    # Another process takes a job and dies without acking it.
    code = ("import os; from ingest.queue_redis import RedisJobQueue as Q; "
            f"q = Q({redis_url!r}, prefix={prefix!r}, heartbeat_ttl_s=1.0); "
            "print(q.take(timeout=1).items[0]['id'], flush=True); os._exit(0)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=60)
    taken = out.stdout.strip()
    assert taken == "r0", out.stderr
    assert q.counts() == {"queued": 2, "running": 1, "done": 0, "failed": 0}
    assert q.recover() == 0  # its heartbeat has not expired yet
    time.sleep(1.5)
    assert q.recover() == 1
    got = [q.take(timeout=1) for _ in range(3)]
    assert sorted(j.items[0]["id"] for j in got if j) == ["r0", "r1", "r2"]
    redelivered = next(j for j in got if j and j.items[0]["id"] == "r0")
    assert redelivered.attempts == 1
    for j in got:
        q.ack(j)  # type: ignore[arg-type]
    q.put([{"id": "r9", "text": "y"}])
    job = q.take(timeout=1)
    assert job is not None
    q.fail(job, "graph unavailable after 5 attempts")
    assert q.counts() == {"queued": 0, "running": 0, "done": 3, "failed": 1}
    (failure,) = q.failures()
    assert failure["reason"].startswith("graph unavailable") and failure["article_ids"] == ["r9"]
    assert q.retry_failed() == 1 and q.counts()["queued"] == 1
    q.close()


def test_kg_ingest_through_redis(graph: Graph, settings: Settings, tmp_path: Path,
                                 redis_url: str) -> None:
    tag = uuid.uuid4().hex[:8]
    src = tmp_path / "in.jsonl"
    recs = [{"id": f"redis-{tag}-{i}", "text": english_article(f"{tag}-{i}"), "source": "R Wire"}
            for i in range(3)]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    env = kg_env(settings, tmp_path, KG_QUEUE_BACKEND="redis", KG_REDIS_URL=redis_url)
    run = run_kg(["ingest", str(src), "--workers", "1", "--job-size", "2", "-q"], env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout.strip().splitlines()[-1])["jobs"] == 2
    got = article_status(graph, [r["id"] for r in recs])
    assert {r["status"] for r in got.values()} == {"ok"} and len(got) == 3
    jobs = json.loads(run_kg(["jobs"], env).stdout)
    assert jobs["queued"] == 0 and jobs["done"] >= 2 and jobs["failed"] == 0
