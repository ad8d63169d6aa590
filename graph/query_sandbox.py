"""Analysts' Cypher runs in a child process that is killed at its deadline.

Neo4j's transaction timeout stops the server, but not the client: a single huge value
(``RETURN range(1, 10000000)``) or a thousand very long paths arrive in time and then take the
driver's decoder tens of seconds and gigabytes to unpack, in the API process. A child process
bounds all of it from outside: the wall clock (killed after ``timeout_s`` + a grace second), the
memory (``RLIMIT_AS``), and the bytes sent back (``max_bytes``, counted while streaming, like the
row cap). The API process only ever receives a bounded, already-JSON-ready result.

Children fork from a ``forkserver`` (one clean single-threaded process started on first use, with
the driver preloaded), so a query costs a fork and a Bolt connection, not an interpreter start,
and never inherits the API's threads or locks.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import resource
from typing import Any

from graph.errors import GraphError, KGError, QueryRefused

GRACE_S = 1.0
_CTX = mp.get_context("forkserver")
_CTX.set_forkserver_preload(["neo4j", "graph.driver", "graph.reads.query"])


def _child(out: Any, uri: str, auth: tuple[str, str], database: str, cypher: str,
           params: dict[str, Any], timeout_s: float, row_limit: int, max_bytes: int,
           memory_bytes: int) -> None:
    from neo4j import GraphDatabase

    from graph.driver import Graph
    from graph.reads.query import jsonable

    os.nice(10)  # decoding a heavy result yields the CPU to the API's own threads (health)
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        driver = GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
        try:
            graph = Graph(driver, database)
            rows, truncated = graph.read_limited(
                cypher, params, timeout_s=timeout_s, row_limit=row_limit,
                max_bytes=max_bytes, convert=jsonable)
        finally:
            driver.close()
        out.send(("ok", rows, truncated))
    except KGError as exc:
        out.send(("error", type(exc).__name__, exc.message, exc.detail))
    except MemoryError:
        out.send(("error", "QueryRefused", "the query's result does not fit the memory limit",
                  {"memory_bytes": memory_bytes}))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, never a silent exit
        out.send(("error", "GraphError", f"the query failed: {type(exc).__name__}", None))


def run_in_child(uri: str, auth: tuple[str, str], database: str, cypher: str,
                 params: dict[str, Any], *, timeout_s: float, row_limit: int, max_bytes: int,
                 memory_bytes: int) -> tuple[list[dict[str, Any]], bool]:
    """Rows (JSON-ready) and whether they were cut; QueryRefused past the deadline."""
    pickle.dumps(params)  # parameters that cannot cross the process boundary fail here, clearly
    receiver, sender = _CTX.Pipe(duplex=False)
    proc = _CTX.Process(target=_child, daemon=True, args=(
        sender, uri, auth, database, cypher, params, timeout_s, row_limit, max_bytes,
        memory_bytes))
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout_s + GRACE_S):
            raise QueryRefused(
                f"query exceeded its time limit of {timeout_s:g} s (including receiving its "
                "result); add a LIMIT or return fewer or smaller values",
                detail={"timeout_s": timeout_s})
        try:
            message = receiver.recv()
        except EOFError as exc:  # killed by the memory limit before it could report
            raise QueryRefused("the query's result does not fit the memory limit",
                               detail={"memory_bytes": memory_bytes}) from exc
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    if message[0] == "ok":
        return message[1], message[2]
    _, name, text, detail = message
    cls = {c.__name__: c for c in (QueryRefused, GraphError, *KGError.__subclasses__())}
    raise cls.get(name, GraphError)(text, detail=detail)
