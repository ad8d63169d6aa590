"""``kg ingest``, ``kg worker`` and ``kg jobs``: the CLI side of ingestion.

``kg ingest TARGET...`` reads files, directories, JSON/JSONL, HTML, feeds and URLs, enqueues
them as small jobs, starts ``--workers`` worker processes (or relies on running ones with
``--no-spawn``), shows a progress bar on long runs and waits until the queue drains.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from graph.settings import Settings
from ingest.pipeline import build_pipeline

__all__ = ["build_pipeline", "enqueue", "register"]

DEFAULT_JOB_SIZE = 16


def _settings(args: argparse.Namespace) -> Settings:
    from graph.settings import get_settings

    settings = get_settings()
    if getattr(args, "batch_size", None):
        settings = settings.model_copy(update={"write_batch_size": args.batch_size})
    return settings


def chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


def enqueue(queue: Any, subs: Iterable[Any], job_size: int) -> tuple[list[str], int]:
    """Put submissions on the queue in jobs of ``job_size``; return (job ids, article count)."""
    ids: list[str] = []
    n = 0
    for batch in chunks(subs, job_size):
        ids.append(queue.put([s.model_dump(mode="json", exclude_none=True) for s in batch]))
        n += len(batch)
    return ids, n


def spawn_workers(n: int, settings: Settings) -> list[subprocess.Popen[bytes]]:
    env = dict(os.environ, KG_WRITE_BATCH_SIZE=str(settings.write_batch_size),
               KG_QUEUE_BACKEND=settings.queue_backend, KG_PROFILE=settings.profile)
    if settings.queue_path:
        env["KG_QUEUE_PATH"] = str(settings.queue_path)
    return [subprocess.Popen([sys.executable, "-m", "api.cli", "worker", "--burst"], env=env)
            for _ in range(n)]


def wait_for(queue: Any, job_ids: list[str], procs: list[subprocess.Popen[bytes]],
             settings: Settings, *, progress: bool) -> dict[str, int]:
    """Wait until the queue has drained, respawning spawned workers if they all died early."""
    from tqdm import tqdm

    start = queue.counts()
    base = start["done"] + start["failed"]
    bar = tqdm(total=len(job_ids), unit="job", desc="ingest", disable=not progress,
               file=sys.stderr)
    respawns = 0
    while True:
        time.sleep(0.5)
        queue.recover()
        counts = queue.counts()
        bar.n = min(len(job_ids), counts["done"] + counts["failed"] - base)
        bar.set_postfix(queued=counts["queued"], running=counts["running"], refresh=False)
        bar.refresh()
        if counts["queued"] == 0 and counts["running"] == 0:
            break
        if procs and all(p.poll() is not None for p in procs) and counts["queued"]:
            if respawns >= settings.job_max_attempts:
                break
            respawns += 1
            procs[:] = spawn_workers(len(procs), settings)
    bar.close()
    for p in procs:
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.terminate()
    return queue.counts()


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.fetch import make_client
    from ingest.queue import open_queue
    from ingest.sources import read_targets

    settings = _settings(args)
    queue = open_queue(settings)
    try:
        with make_client(settings) as client:
            subs = read_targets(args.targets, client, settings.fetch_max_bytes, args.source)
            job_ids, n_articles = enqueue(queue, subs, args.job_size)
        report: dict[str, Any] = {"articles": n_articles, "jobs": len(job_ids)}
        if args.no_wait or not job_ids:
            report["queue"] = queue.counts()
            print(json.dumps(report))
            return 0
        if args.workers == 0 and not args.no_spawn:
            report["processed"] = _run_inline(settings)
            procs: list[subprocess.Popen[bytes]] = []
        else:
            procs = [] if args.no_spawn else spawn_workers(
                min(args.workers, len(job_ids)), settings)
        progress = (len(job_ids) >= 20 and not args.quiet)
        report["queue"] = wait_for(queue, job_ids, procs, settings, progress=progress)
        mine = set(job_ids)
        failed = [f for f in queue.failures(limit=1000) if f["job"] in mine]
        report["failed_jobs"] = failed
        print(json.dumps(report))
        if report["queue"]["queued"]:  # the workers kept dying (e.g. Neo4j unreachable)
            print("kg: error: the workers stopped before the queue drained; the jobs stay "
                  "queued (see `kg jobs`, start `kg worker`)", file=sys.stderr)
            return 1
        return 1 if failed else 0
    finally:
        queue.close()


def _run_inline(settings: Settings) -> int:
    worker, graph = _make_worker(settings)
    try:
        return worker.run(burst=True)
    finally:
        worker.close()
        graph.close()


def _make_worker(settings: Settings) -> tuple[Any, Any]:
    from graph.driver import Graph, connect
    from graph.schema import migrate
    from ingest.queue import open_queue
    from ingest.worker import Worker

    graph = Graph(connect(settings), settings.neo4j_database)  # the one driver of this process
    migrate(graph)
    return Worker(settings, graph, open_queue(settings)), graph


def cmd_worker(args: argparse.Namespace) -> int:
    settings = _settings(args)
    worker, graph = _make_worker(settings)
    # One line on stderr once the model is loaded: supervisors and the benchmark wait for it.
    print(json.dumps({"ready": os.getpid()}), file=sys.stderr, flush=True)
    try:
        n = worker.run(burst=args.burst)
        print(json.dumps({"processed": n, "pid": os.getpid(),
                          "seconds": {k: round(v, 1) for k, v in worker.timings.items()},
                          "write_retries": getattr(worker.pipeline.write, "retries", 0)}))
    finally:
        worker.close()
        graph.close()
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    from ingest.queue import open_queue

    queue = open_queue(_settings(args))
    try:
        # Always: a job "running" under a worker that is gone is stale; it goes back on the
        # queue now and is reported as recovered, instead of looking busy until a worker starts.
        recovered = queue.recover()
        requeued = queue.retry_failed() if args.retry_failed else 0
        out = {**queue.counts(), "recovered": recovered, "requeued": requeued,
               "failures": queue.failures(args.limit)}
        print(json.dumps(out, indent=2))
    finally:
        queue.close()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="ingest files, directories, JSON/JSONL, HTML, URLs, feeds")
    p.add_argument("targets", nargs="+", metavar="PATH|URL|FEED")
    p.add_argument("--source", help="outlet name for inputs that do not name one")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes to start (default KG_WORKERS; 0 = in this process)")
    p.add_argument("--no-spawn", action="store_true", help="use the workers already running")
    p.add_argument("--no-wait", action="store_true", help="enqueue and return")
    p.add_argument("--batch-size", type=int, help="articles per write transaction "
                   "(default KG_WRITE_BATCH_SIZE)")
    p.add_argument("--job-size", type=int, default=DEFAULT_JOB_SIZE, help="articles per job")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_with_default_workers(cmd_ingest))

    p = sub.add_parser("worker", help="process ingest jobs from the queue")
    p.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    p.add_argument("--batch-size", type=int, help="articles per write transaction")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("jobs", help="queued / running / done / failed jobs and the failures")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--recover", action="store_true",
                   help="put back the jobs of workers that died (always done now; kept for "
                        "scripts)")
    p.add_argument("--retry-failed", action="store_true",
                   help="put the dead-lettered jobs back on the queue")
    p.set_defaults(func=cmd_jobs)


def _with_default_workers(fn: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        if args.workers is None:
            args.workers = _settings(args).workers
        return int(fn(args))

    return run
