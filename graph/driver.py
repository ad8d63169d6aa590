"""Driver lifecycle: one driver per process, created at startup and passed in.

Nothing connects at import time. ``connect(settings)`` resolves where the graph is: an external
server when ``KG_NEO4J_URI`` is set (a container, Aura), else this profile's local server.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase, Query, Record, RoutingControl
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.errors import translate_neo4j_errors
from graph.settings import Settings


def connection_params(settings: Settings) -> tuple[str, tuple[str, str]]:
    if settings.neo4j_uri:
        return settings.neo4j_uri, (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    from graph.server import LocalServer

    local = LocalServer(settings)
    return local.uri, ("neo4j", local.password())


def connect(settings: Settings, *, verify: bool = True) -> Driver:
    uri, auth = connection_params(settings)
    with translate_neo4j_errors():
        driver = GraphDatabase.driver(
            uri, auth=auth, max_connection_pool_size=50, notifications_min_severity="OFF"
        )
        if verify:
            driver.verify_connectivity()
    return driver


# Values that ``Record.data()`` passes through unchanged (scalars, temporal and spatial).
_PLAIN = frozenset((str, int, float, bool, type(None), bytes, DateTime, Date, Time, Duration,
                    CartesianPoint, WGS84Point))


def _is_plain(value: Any) -> bool:
    # Scalars are checked inline, not by a call per value: a hundred claims hold ~20,000 of
    # them, and the call per value was half of this check's time.
    kind = type(value)
    if kind is dict:
        value = value.values()
    elif kind is not list:
        return kind in _PLAIN
    for v in value:
        k = type(v)
        if k in _PLAIN or ((k is dict or k is list) and _is_plain(v)):
            continue
        return False
    return True


def record_dict(record: Record) -> dict[str, Any]:
    """``record.data()`` without its cost when the row holds maps, lists and scalars only (what
    the queries in queries/ return): the generic exporter walks every nested value through
    abstract-class checks, which took longer than the query itself on a hundred-claim read.
    Rows with graph types (nodes, relationships, paths) still go through ``data()``."""
    values = record.values()
    if all(_is_plain(v) for v in values):
        return dict(zip(record.keys(), values, strict=True))
    return record.data()


class Graph:
    """A thin handle: the driver plus the database name, with errors translated."""

    def __init__(self, driver: Driver, database: str = "neo4j",
                 read_timeout_s: float | None = None) -> None:
        self.driver = driver
        self.database = database
        self.read_timeout_s = read_timeout_s  # per-transaction timeout of read(), server-side

    def with_read_timeout(self, timeout_s: float) -> Graph:
        """The same driver, with every read() bounded (heavy endpoints such as paths)."""
        return Graph(self.driver, self.database, timeout_s)

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of a read query, in one auto-commit transaction: RUN and PULL go out together
        and nothing follows, where ``execute_query`` (a managed transaction) waits for a
        COMMIT reply too. Under CPU contention every wait for the server is a wake-up of two
        processes, and the second halved a read's latency (docs/api.md "Benchmark"). The
        driver's bookmarks are kept, so a read still sees this process's committed writes; a
        transient failure is retried once through ``execute_query``, which retries."""
        query = cypher if self.read_timeout_s is None else Query(
            cypher, timeout=self.read_timeout_s)  # type: ignore[arg-type]
        with translate_neo4j_errors():
            try:
                with self.driver.session(
                    database=self.database, default_access_mode="READ",
                    bookmark_manager=self.driver.execute_query_bookmark_manager,
                ) as session:
                    records = list(session.run(query, params))  # type: ignore[arg-type]
            except (TransientError, ServiceUnavailable, SessionExpired):
                records, _, _ = self.driver.execute_query(
                    query, params, database_=self.database, routing_=RoutingControl.READ
                )
        return [record_dict(r) for r in records]

    def write(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        with translate_neo4j_errors():
            records, _, _ = self.driver.execute_query(
                cypher, params, database_=self.database, routing_=RoutingControl.WRITE
            )
        return [r.data() for r in records]

    def run_auto(self, cypher: str, **params: Any) -> None:
        """An implicit (auto-commit) transaction: needed by ``CALL {...} IN TRANSACTIONS``."""
        with translate_neo4j_errors(), self.driver.session(database=self.database) as session:
            session.run(cypher, params).consume()

    def explain(self, cypher: str, params: dict[str, Any], *, timeout_s: float
                ) -> tuple[str, dict[str, Any]]:
        """Plan (never run) ``cypher`` in a READ transaction: (query type, plan tree).

        EXPLAIN executes nothing, so whatever the text holds, nothing is read, written or
        fetched; Neo4j's own parser and planner decide what the query is."""
        with translate_neo4j_errors(), self.driver.session(
            database=self.database, default_access_mode="READ"
        ) as session, session.begin_transaction(timeout=timeout_s) as tx:
            summary = tx.run("EXPLAIN " + cypher, params).consume()
        return summary.query_type or "", summary.plan or {}

    def read_limited(
        self, cypher: str, params: dict[str, Any], *, timeout_s: float, row_limit: int,
        max_bytes: int = 0, convert: Callable[[Any], Any] | None = None,
    ) -> tuple[list[dict[str, Any]], bool]:
        """Run untrusted Cypher in a READ transaction with a server-side timeout and a row cap.

        Rows are pulled in small batches and the transaction is rolled back as soon as the cap
        is passed, so a query with millions of rows costs ``row_limit`` rows, not all of them.
        An explicit transaction (not ``execute_read``) so a timeout or a memory-limit error is
        reported at once instead of being retried for half a minute. With ``max_bytes`` the rows
        (passed through ``convert``) stop once their JSON passes that size."""
        rows: list[dict[str, Any]] = []
        truncated = False
        size = 0
        with translate_neo4j_errors(), self.driver.session(
            database=self.database, default_access_mode="READ",
            fetch_size=max(1, min(row_limit + 1, 1000)),
        ) as session, session.begin_transaction(timeout=timeout_s) as tx:
            result = tx.run(cypher, params)
            for record in result:
                if len(rows) >= row_limit:
                    truncated = True
                    break
                row = convert(record.data()) if convert else record.data()
                if max_bytes:
                    size += len(json.dumps(row, default=str))
                    if size > max_bytes:
                        truncated = True
                        break
                rows.append(row)
            tx.rollback()  # read-only: nothing to commit; also drops the unread remainder
        return rows, truncated

    @contextmanager
    def session(self, **kwargs: Any) -> Iterator[Any]:
        with translate_neo4j_errors(), self.driver.session(database=self.database, **kwargs) as s:
            yield s

    def close(self) -> None:
        self.driver.close()


__all__ = ["Graph", "Query", "connect", "connection_params"]
