"""Analysts' Cypher runs in a child process that is killed at its deadline.

Neo4j's transaction timeout stops the server, but not the client: a single huge value
(``RETURN range(1, 10000000)``) or a thousand very long paths arrive in time and then take the
driver's decoder tens of seconds and gigabytes to unpack, in the API process. A child process
bounds all of it from outside: the wall clock (killed after ``timeout_s`` + a grace second), the
memory (``RLIMIT_AS``), and the bytes sent back (``max_bytes``, counted while streaming, like the
row cap). The API process only ever receives a bounded, already-JSON-ready result.

Children fork from a ``forkserver`` (one clean single-threaded process started on first use, with
the driver preloaded), so they never inherit the API's threads or locks. A child that answered
in time is kept (up to ``MAX_IDLE``) with its authenticated connection and runs the next query;
one that passed its deadline is killed, and one that ran out of memory ends itself.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import resource
import threading
from typing import Any

from graph.errors import GraphError, KGError, QueryRefused

GRACE_S = 1.0
_CTX = mp.get_context("forkserver")
_CTX.set_forkserver_preload(["neo4j", "graph.driver", "graph.reads.query"])


def _child(conn: Any, uri: str, auth: tuple[str, str], database: str,
           memory_bytes: int) -> None:
    """A sandbox process: one driver (one Bolt connection, authenticated once), then one query
    at a time from ``conn`` until the parent closes it, kills it at a deadline, or a query
    runs out of memory (the process then ends: the next query gets a fresh one)."""
    from neo4j import GraphDatabase

    from graph.driver import Graph
    from graph.reads.query import jsonable

    os.nice(10)  # decoding a heavy result yields the CPU to the API's own threads (health)
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    driver = GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    graph = Graph(driver, database)
    try:
        while True:
            try:
                cypher, params, timeout_s, row_limit, max_bytes = conn.recv()
            except EOFError:
                return
            try:
                rows, truncated = graph.read_limited(
                    cypher, params, timeout_s=timeout_s, row_limit=row_limit,
                    max_bytes=max_bytes, convert=jsonable)
                conn.send(("ok", rows, truncated))
            except KGError as exc:
                conn.send(("error", type(exc).__name__, exc.message, exc.detail))
            except MemoryError:
                conn.send(("error", "QueryRefused",
                           "the query's result does not fit the memory limit",
                           {"memory_bytes": memory_bytes}))
                return
            except Exception as exc:  # noqa: BLE001 - reported to the parent, never silent
                conn.send(("error", "GraphError", f"the query failed: {type(exc).__name__}",
                           None))
    finally:
        driver.close()


class _Sandbox:
    """A started sandbox process and the parent's end of its pipe."""

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key
        self.conn, child_end = _CTX.Pipe(duplex=True)
        self.proc = _CTX.Process(target=_child, daemon=True, args=(child_end, *key))
        self.proc.start()
        child_end.close()

    def close(self) -> None:
        self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)


# Idle sandboxes kept for the next query: a fork, a driver and an authenticated Bolt
# connection cost ~70 ms a query (docs/api.md "Benchmark"); a kept one answers at once.
MAX_IDLE = 4
_idle: list[_Sandbox] = []
_idle_lock = threading.Lock()


def _take(key: tuple[Any, ...]) -> _Sandbox:
    with _idle_lock:
        for i, box in enumerate(_idle):
            if box.key == key:
                del _idle[i]
                if box.proc.is_alive():
                    return box
                box.close()
                break
    return _Sandbox(key)


def _give_back(box: _Sandbox) -> None:
    """Keep it for the next query; the oldest idle one goes when there are too many."""
    evicted = None
    with _idle_lock:
        _idle.append(box)
        if len(_idle) > MAX_IDLE:
            evicted = _idle.pop(0)
    if evicted is not None:
        evicted.close()


def run_in_child(uri: str, auth: tuple[str, str], database: str, cypher: str,
                 params: dict[str, Any], *, timeout_s: float, row_limit: int, max_bytes: int,
                 memory_bytes: int) -> tuple[list[dict[str, Any]], bool]:
    """Rows (JSON-ready) and whether they were cut; QueryRefused past the deadline (the
    sandbox is then killed, never reused)."""
    pickle.dumps(params)  # parameters that cannot cross the process boundary fail here, clearly
    box = _take((uri, auth, database, memory_bytes))
    reusable = False
    try:
        try:
            box.conn.send((cypher, params, timeout_s, row_limit, max_bytes))
        except (BrokenPipeError, OSError):  # it died idle: one fresh try
            box.close()
            box = _Sandbox(box.key)
            box.conn.send((cypher, params, timeout_s, row_limit, max_bytes))
        if not box.conn.poll(timeout_s + GRACE_S):
            raise QueryRefused(
                f"query exceeded its time limit of {timeout_s:g} s (including receiving its "
                "result); add a LIMIT or return fewer or smaller values",
                detail={"timeout_s": timeout_s})
        try:
            message = box.conn.recv()
        except EOFError as exc:  # killed by the memory limit before it could report
            raise QueryRefused("the query's result does not fit the memory limit",
                               detail={"memory_bytes": memory_bytes}) from exc
        reusable = True
    finally:
        if reusable:
            _give_back(box)
        else:
            box.close()
    if message[0] == "ok":
        return message[1], message[2]
    _, name, text, detail = message
    cls = {c.__name__: c for c in (QueryRefused, GraphError, *KGError.__subclasses__())}
    raise cls.get(name, GraphError)(text, detail=detail)
