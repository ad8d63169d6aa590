"""The durable job queue between ``kg ingest`` / ``POST /v1/articles`` and ``kg worker``.

A job is a small batch of submissions (8-32 articles, so ``nlp.pipe`` batching pays off).
Delivery is at-least-once; writes are idempotent MERGEs, so the effect is exactly once.

The default backend is embedded and needs no server: persist-queue's ``SQLiteAckQueue`` (a
maintained library) in ``settings.queue_file``. It gives ack / nack / ack_failed and keeps an
item "unacked" until its worker acks it. What it lacks for several *processes* is added here:
- taking a job is serialized across processes with ``flock`` (its own lock is per process);
- every taken job gets a lease row (pid + process start time); ``recover()`` puts back the
  unacked jobs whose worker is gone (SIGKILL, OOM, reboot), so a dead worker's jobs are
  re-delivered to whichever worker runs next, without disturbing the jobs of live workers;
- dead-lettered jobs keep their reason in ``kg_failures``.
``KG_QUEUE_BACKEND=redis`` selects the Redis backend (``ingest.queue_redis``) for deployments
across several machines.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

from graph.settings import Settings
from ingest.jobs import Job, JobQueue

__all__ = ["Job", "JobQueue", "SqliteJobQueue", "open_queue"]

STATES = ("queued", "running", "done", "failed")
# Storage stays bounded: every COMPACT_EVERY acks the WAL is checkpointed, and the file is
# vacuumed once the purged payloads left this much free space (or half the file free).
COMPACT_EVERY = 50
COMPACT_MIN_FREE_BYTES = 8 * 2**20


def open_queue(settings: Settings) -> JobQueue:
    if settings.queue_backend == "redis":
        from ingest.queue_redis import RedisJobQueue

        return RedisJobQueue(settings.redis_url)
    if settings.queue_backend != "sqlite":
        raise ValueError(f"KG_QUEUE_BACKEND must be sqlite or redis, "
                         f"not {settings.queue_backend!r}")
    return SqliteJobQueue(settings.queue_file)


def _me() -> tuple[int, float]:
    proc = psutil.Process()
    return proc.pid, proc.create_time()


def _alive(pid: int, started: float) -> bool:
    try:
        proc = psutil.Process(pid)
        return abs(proc.create_time() - started) < 1.0 and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


_SIDE_TABLES = """
CREATE TABLE IF NOT EXISTS kg_leases (pqid INTEGER PRIMARY KEY, pid INTEGER, started REAL,
                                      taken_at REAL, deliveries INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS kg_failures (pqid INTEGER PRIMARY KEY, reason TEXT, attempts INTEGER,
                                        n_items INTEGER, article_ids TEXT, at REAL);
"""


class SqliteJobQueue:
    def __init__(self, path: Path) -> None:
        from persistqueue import SQLiteAckQueue
        from persistqueue.serializers import json as json_serializer

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock_path = path.with_name(path.name + ".lock")
        # auto_resume=False: resuming every unacked job would steal live workers' jobs;
        # recover() resumes only the jobs of dead workers.
        self.q = SQLiteAckQueue(str(path.parent), db_file_name=path.name, auto_resume=False,
                                multithreading=True, serializer=json_serializer, timeout=60)
        self.db = sqlite3.connect(str(path), timeout=60, check_same_thread=False,
                                  isolation_level=None)
        self.db.executescript(_SIDE_TABLES)
        self.table = self.q._table_name  # the library's table, read for counts and recovery
        self._acks = 0

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock_path.open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def put(self, items: list[dict[str, Any]]) -> str:
        return str(self.q.put({"items": items, "attempts": 0}))

    def take(self, timeout: float = 1.0) -> Job | None:
        """Take the next job, polling up to ``timeout`` seconds (the library's blocking wait
        only hears puts from its own process)."""
        from persistqueue.exceptions import Empty

        deadline = time.monotonic() + timeout
        pid, started = _me()
        while True:
            with self._locked():
                try:
                    raw = self.q.get(block=False, raw=True)
                except Empty:
                    raw = None
                if raw is not None:
                    # The lease outlives a crash: ``deliveries`` counts how often this job was
                    # handed out, so a job that kills its worker every time ends up dead-lettered.
                    self.db.execute(
                        "INSERT INTO kg_leases VALUES (?, ?, ?, ?, 1) ON CONFLICT (pqid) DO UPDATE"
                        " SET pid = excluded.pid, started = excluded.started,"
                        " taken_at = excluded.taken_at, deliveries = deliveries + 1",
                        (raw["pqid"], pid, started, time.time()))
                    (deliveries,) = self.db.execute(
                        "SELECT deliveries FROM kg_leases WHERE pqid = ?", (raw["pqid"],)
                    ).fetchone()
                    return Job(str(raw["pqid"]), raw["data"]["items"], int(deliveries) - 1,
                               handle=raw["pqid"])
            if time.monotonic() >= deadline:
                return None
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

    def ack(self, job: Job) -> None:
        self.q.ack(id=job.handle)
        # The job record stays (counts, `kg jobs`); its payload, the article texts, does not:
        # a done job keeps only how many items it had.
        self.q.update({"items": [], "attempts": job.attempts, "purged_items": len(job.items)},
                      id=job.handle)
        self.db.execute("DELETE FROM kg_leases WHERE pqid = ?", (job.handle,))
        self._acks += 1
        if self._acks % COMPACT_EVERY == 0:
            self.compact()

    def compact(self, min_free_bytes: int = COMPACT_MIN_FREE_BYTES) -> dict[str, int]:
        """Checkpoint and truncate the WAL; VACUUM once enough pages are free (purged payloads).

        Returns the file sizes after, in bytes. Serialized with ``take`` by the queue lock."""
        with self._locked():
            (page,) = self.db.execute("PRAGMA page_size").fetchone()
            (free,) = self.db.execute("PRAGMA freelist_count").fetchone()
            (pages,) = self.db.execute("PRAGMA page_count").fetchone()
            if free * page >= min_free_bytes or (pages > 256 and free * 2 >= pages):
                self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = self.path.with_name(self.path.name + "-wal")
        return {"db_bytes": self.path.stat().st_size,
                "wal_bytes": wal.stat().st_size if wal.exists() else 0}

    def fail(self, job: Job, reason: str) -> None:
        ids = [str(i.get("id") or i.get("url") or "") for i in job.items]
        self.db.execute("INSERT OR REPLACE INTO kg_failures VALUES (?, ?, ?, ?, ?, ?)",
                        (job.handle, reason[:2000], job.attempts, len(job.items),
                         json.dumps(ids), time.time()))
        self.q.ack_failed(id=job.handle)
        self.db.execute("DELETE FROM kg_leases WHERE pqid = ?", (job.handle,))

    def recover(self) -> int:
        """Put back the jobs held by workers that no longer exist; return how many."""
        n = 0
        with self._locked():
            unacked = [r[0] for r in self.db.execute(
                f"SELECT _id FROM {self.table} WHERE status = 2")]  # noqa: S608 - library table
            for pqid in unacked:
                lease = self.db.execute("SELECT pid, started FROM kg_leases WHERE pqid = ?",
                                        (pqid,)).fetchone()
                if lease and lease[0] and _alive(int(lease[0]), float(lease[1])):
                    continue
                self.q.nack(id=pqid)
                self.db.execute("UPDATE kg_leases SET pid = 0 WHERE pqid = ?", (pqid,))
                n += 1
        return n

    def retry_failed(self) -> int:
        """Put every dead-lettered job back on the queue (after the cause was fixed)."""
        with self._locked():
            ids = [r[0] for r in self.db.execute("SELECT pqid FROM kg_failures")]
            for pqid in ids:
                self.q.nack(id=pqid)
                self.db.execute("DELETE FROM kg_failures WHERE pqid = ?", (pqid,))
                self.db.execute("DELETE FROM kg_leases WHERE pqid = ?", (pqid,))
        return len(ids)

    def counts(self) -> dict[str, int]:
        rows = dict(self.db.execute(
            f"SELECT status, count(*) FROM {self.table} GROUP BY status").fetchall())  # noqa: S608
        by = {int(k): v for k, v in rows.items()}
        return {"queued": by.get(0, 0) + by.get(1, 0), "running": by.get(2, 0),
                "done": by.get(5, 0), "failed": by.get(9, 0)}

    def failures(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT pqid, reason, attempts, n_items, article_ids, at "
                               "FROM kg_failures ORDER BY at DESC LIMIT ?", (limit,))
        return [{"job": str(r[0]), "reason": r[1], "attempts": r[2], "articles": r[3],
                 "article_ids": json.loads(r[4]), "at": r[5]} for r in rows]

    def close(self) -> None:
        self.db.close()
        self.q._conn.close()
        if getattr(self.q, "_getter", None) is not self.q._conn:
            self.q._getter.close()

