"""Shared fixtures. Tests run against a real Neo4j: the server named by KG_TEST_NEO4J_URI, or
else the project's own, started for the "test" profile (its own port and data directory).
If neither works, the tests fail; they are never skipped for want of Neo4j."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from graph.driver import Graph, connect
from graph.schema import migrate
from graph.settings import Settings
from tests.guard import open_guard

REPO = Path(__file__).resolve().parent.parent
# Everything a test reads lives in the repository (issue 15): the seed article and a corpus of
# 788 real articles (FA-KES, CC BY 4.0; see tests/data/corpus/README.md).
SEED = REPO / "ingest" / "data" / "samples" / "ceasefire_call.txt"
CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"

# Installed at import, before any test module is collected; Python subprocesses inherit it.
GUARD_LOG = Path(tempfile.mkdtemp(prefix="kg-open-guard-")) / "outside.jsonl"
GUARD = open_guard.for_session(REPO, GUARD_LOG)
_guard_seen = [0]  # bytes of GUARD_LOG already reported

READ_KEY, INGEST_KEY, ADMIN_KEY = "test-read-key", "test-ingest-key", "test-admin-key"


def make_settings(**overrides: object) -> Settings:
    external = os.environ.get("KG_TEST_NEO4J_URI")
    base: dict[str, object] = {
        "profile": os.environ.get("KG_TEST_PROFILE", "test"),
        "neo4j_uri": external or None,
        "api_keys": SecretStr(f"{READ_KEY}:read,{INGEST_KEY}:ingest,{ADMIN_KEY}:admin"),
        "neo4j_heap": "768m",
        "neo4j_pagecache": "256m",
    }
    if external:
        base["neo4j_password"] = SecretStr(os.environ.get("KG_TEST_NEO4J_PASSWORD", ""))
    base.update(overrides)
    return Settings(**base)  # type: ignore[arg-type]


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment that points a `kg` subprocess at the test database."""
    env = dict(os.environ, KG_PROFILE=settings.profile, **extra)
    if settings.neo4j_uri:
        env["KG_NEO4J_URI"] = settings.neo4j_uri
        env["KG_NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    else:
        from graph.server import LocalServer

        env["KG_NEO4J_PORT"] = str(LocalServer(settings).port)
    return env


def _format(entries: list[dict[str, str]]) -> str:
    return "\n".join(f"  {e['event']} {e['path']} (pid {e['pid']}, {e['test'] or 'no test'})"
                     for e in entries)


@pytest.fixture(scope="session", autouse=True)
def _guard_pytest_temp(tmp_path_factory: pytest.TempPathFactory) -> None:
    open_guard.allow_also(GUARD, tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def _no_reads_outside_the_repository(_guard_pytest_temp: None) -> Iterator[None]:
    """Fails the test in whose time (its own or its fixtures') a path outside was opened."""
    yield
    new, _guard_seen[0] = open_guard.read_log(GUARD_LOG, _guard_seen[0])
    if new:
        pytest.fail("opened paths outside the repository:\n" + _format(new), pytrace=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Also fails the session, whatever opened the path (collection, session fixtures)."""
    entries, _ = open_guard.read_log(GUARD_LOG)
    if entries:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("open guard: paths outside the repository were opened:\n"
                                + _format(entries), red=True)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
def neo4j_uri(settings: Settings) -> str:
    if settings.neo4j_uri:
        return settings.neo4j_uri
    from graph.server import LocalServer

    return LocalServer(settings).start()


@pytest.fixture(scope="session")
def graph(settings: Settings, neo4j_uri: str) -> Iterator[Graph]:
    g = Graph(connect(settings), settings.neo4j_database)
    wipe(g)
    migrate(g)
    yield g
    g.close()


def wipe(g: Graph) -> None:
    """Empty the test database (data only; the schema stays)."""
    g.run_auto("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeded(graph: Graph, settings: Settings, seed_text: str) -> Graph:
    """The seed article ingested through the real pipeline (extractor, resolver, writer)."""
    from graph.models import ArticleIn
    from ingest.articles import prepare
    from ingest.commands import build_pipeline

    pipeline = build_pipeline(graph, settings)
    art = prepare(ArticleIn(id="seed-ceasefire-call", text=seed_text, source="Demo Wire",
                            url="https://example.org/ceasefire-call", published="2025-03-17"))
    pipeline.run([art])
    return graph


@pytest.fixture(scope="session")
def client(seeded: Graph, settings: Settings) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(settings)) as c:
        c.headers["X-API-Key"] = READ_KEY
        yield c
