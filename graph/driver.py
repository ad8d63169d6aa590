"""Driver lifecycle: one driver per process, created at startup and passed in.

Nothing connects at import time. ``connect(settings)`` resolves where the graph is: an external
server when ``KG_NEO4J_URI`` is set (a container, Aura), else this profile's local server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase, Query, RoutingControl

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


class Graph:
    """A thin handle: the driver plus the database name, with errors translated."""

    def __init__(self, driver: Driver, database: str = "neo4j") -> None:
        self.driver = driver
        self.database = database

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        with translate_neo4j_errors():
            records, _, _ = self.driver.execute_query(
                cypher, params, database_=self.database, routing_=RoutingControl.READ
            )
        return [r.data() for r in records]

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

    def read_limited(
        self, cypher: str, params: dict[str, Any], *, timeout_s: float, row_limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """Run untrusted Cypher in a READ session with a server-side timeout and a row cap."""
        rows: list[dict[str, Any]] = []
        truncated = False
        with translate_neo4j_errors(), self.driver.session(
            database=self.database, default_access_mode="READ"
        ) as session:

            def work(tx: Any) -> None:
                nonlocal truncated
                result = tx.run(cypher, params)
                for record in result:
                    if len(rows) >= row_limit:
                        truncated = True
                        break
                    rows.append(record.data())
                result.consume()

            session.execute_read(_with_timeout(work, timeout_s))
        return rows, truncated

    @contextmanager
    def session(self, **kwargs: Any) -> Iterator[Any]:
        with translate_neo4j_errors(), self.driver.session(database=self.database, **kwargs) as s:
            yield s

    def close(self) -> None:
        self.driver.close()


def _with_timeout(work: Any, timeout_s: float) -> Any:
    from neo4j import unit_of_work

    return unit_of_work(timeout=timeout_s)(work)


__all__ = ["Graph", "Query", "connect", "connection_params"]
