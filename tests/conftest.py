"""Shared fixtures. Tests run against a real Neo4j: the server named by KG_TEST_NEO4J_URI, or
else the project's own, started for the "test" profile (its own port and data directory).
If neither works, the tests fail; they are never skipped for want of Neo4j."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from graph.driver import Graph, connect
from graph.schema import migrate
from graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "samples" / "ceasefire_call.txt"
if not SEED.exists():
    SEED = REPO / "ingest" / "data" / "samples" / "ceasefire_call.txt"
CORPUS = SHARED / "corpus" / "news_corpus.jsonl"

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
    g.run_auto("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")


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
