"""The Redis backend of the job queue, for workers on several machines (``KG_QUEUE_BACKEND=redis``).

Why not RQ or huey: both drop a job whose worker was SIGKILLed (huey deletes a task when it is
dequeued; RQ moves an abandoned job to its failed registry instead of delivering it again), and
this queue promises at-least-once. So this backend is Redis's own documented "reliable queue"
pattern, with the maintained redis-py client:
- ``BLMOVE queue -> processing:<worker>`` takes a job atomically; it stays in the worker's
  processing list until acked;
- each worker refreshes a heartbeat key with a TTL; ``recover()`` moves the jobs of workers
  whose heartbeat expired back to the queue;
- attempts (deliveries) and dead letters are hashes, with the reason.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import uuid
from typing import Any

from ingest.jobs import Job

PREFIX = "kg:ingest:"
HEARTBEAT_TTL_S = 30


class RedisJobQueue:
    def __init__(self, url: str, prefix: str = PREFIX, heartbeat_ttl_s: float = HEARTBEAT_TTL_S
                 ) -> None:
        import redis

        self.r = redis.Redis.from_url(url, decode_responses=True)
        self.p = prefix
        self.ttl = heartbeat_ttl_s
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._beating: threading.Thread | None = None
        self._closed = threading.Event()

    def _k(self, *parts: str) -> str:
        return self.p + ":".join(parts)

    def _beat_once(self) -> None:
        self.r.set(self._k("alive", self.worker), "1", px=int(self.ttl * 1000))
        self.r.sadd(self._k("workers"), self.worker)

    def _heartbeat(self) -> None:
        """Keep this process's heartbeat alive from a thread, even while a long job runs."""
        if self._beating is not None:
            return
        self._beat_once()

        def beat() -> None:
            while not self._closed.wait(self.ttl / 3):
                # Redis briefly away: the next beat retries.
                with contextlib.suppress(Exception):
                    self._beat_once()

        self._beating = threading.Thread(target=beat, name="kg-queue-heartbeat", daemon=True)
        self._beating.start()

    def put(self, items: list[dict[str, Any]]) -> str:
        job_id = uuid.uuid4().hex
        self.r.lpush(self._k("queue"), json.dumps({"id": job_id, "items": items}))
        return job_id

    def take(self, timeout: float = 1.0) -> Job | None:
        self._heartbeat()
        processing = self._k("processing", self.worker)
        if timeout > 0:
            raw = self.r.blmove(self._k("queue"), processing, max(timeout, 0.01), "RIGHT", "LEFT")
        else:
            raw = self.r.lmove(self._k("queue"), processing, "RIGHT", "LEFT")
        if raw is None:
            return None
        data = json.loads(raw)
        deliveries = self.r.hincrby(self._k("deliveries"), data["id"], 1)
        return Job(data["id"], data["items"], int(deliveries) - 1, handle=(raw, processing))

    def ack(self, job: Job) -> None:
        raw, processing = job.handle
        pipe = self.r.pipeline()
        pipe.lrem(processing, 1, raw)
        pipe.hdel(self._k("deliveries"), job.id)
        pipe.incr(self._k("done"))
        pipe.execute()

    def fail(self, job: Job, reason: str) -> None:
        raw, processing = job.handle
        ids = [str(i.get("id") or i.get("url") or "") for i in job.items]
        record = {"job": job.id, "reason": reason[:2000], "attempts": job.attempts,
                  "articles": len(job.items), "article_ids": ids, "at": time.time(),
                  "payload": raw}
        pipe = self.r.pipeline()
        pipe.hset(self._k("failed"), job.id, json.dumps(record))
        pipe.lrem(processing, 1, raw)
        pipe.hdel(self._k("deliveries"), job.id)
        pipe.execute()

    def recover(self) -> int:
        """Move the jobs of workers whose heartbeat expired back to the queue."""
        n = 0
        for worker in self.r.smembers(self._k("workers")):
            if self.r.exists(self._k("alive", worker)):
                continue
            processing = self._k("processing", worker)
            while self.r.lmove(processing, self._k("queue"), "RIGHT", "RIGHT") is not None:
                n += 1
            self.r.srem(self._k("workers"), worker)
        return n

    def retry_failed(self) -> int:
        failed = self.r.hgetall(self._k("failed"))
        for job_id, record in failed.items():
            pipe = self.r.pipeline()
            pipe.rpush(self._k("queue"), json.loads(record)["payload"])
            pipe.hdel(self._k("failed"), job_id)
            pipe.execute()
        return len(failed)

    def counts(self) -> dict[str, int]:
        running = sum(self.r.llen(self._k("processing", w))
                      for w in self.r.smembers(self._k("workers")))
        return {"queued": int(self.r.llen(self._k("queue"))), "running": int(running),
                "done": int(self.r.get(self._k("done")) or 0),
                "failed": int(self.r.hlen(self._k("failed")))}

    def failures(self, limit: int = 50) -> list[dict[str, Any]]:
        records = [json.loads(v) for v in self.r.hvals(self._k("failed"))]
        records.sort(key=lambda r: r["at"], reverse=True)
        return [{k: v for k, v in r.items() if k != "payload"} for r in records[:limit]]

    def close(self) -> None:
        self._closed.set()
        self.r.close()
