"""The project's own Neo4j: started once, reused, and clear about what goes wrong."""

from __future__ import annotations

import os
import socket

import pytest

from graph.errors import ServerError
from graph.server import LocalServer
from graph.settings import NEO4J_VERSION, Settings
from tests.conftest import REPO, make_settings


def test_start_is_idempotent_and_reuses_the_running_server(settings: Settings, neo4j_uri: str):
    if settings.neo4j_uri:
        pytest.fail("this test checks the project's own server; unset KG_TEST_NEO4J_URI")
    server = LocalServer(settings)
    pid = server.pid()
    assert pid is not None
    assert server.start() == neo4j_uri
    assert server.pid() == pid  # reused, not restarted
    status = server.status()
    assert status["running"] is True and status["version"] == NEO4J_VERSION


def test_profiles_keep_separate_data_directories(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_NEO4J_PORT", raising=False)  # the per-profile default ports
    a = LocalServer(make_settings(profile="test", home=tmp_path))
    b = LocalServer(make_settings(profile="demo", home=tmp_path))
    assert a.home != b.home and a.port != b.port


def test_port_taken_by_another_process_is_a_clear_error(tmp_path, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        monkeypatch.setenv("KG_NEO4J_PORT", str(s.getsockname()[1]))
        server = LocalServer(make_settings(profile="porttaken", home=tmp_path))
        with pytest.raises(ServerError, match="port .* is taken"):
            server.start(timeout=5)


def test_missing_java_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_PORT", "7799")
    monkeypatch.setenv("PATH", str(tmp_path))  # no java, no mvn on this PATH
    server = LocalServer(make_settings(profile="nojava", home=tmp_path))
    with pytest.raises(ServerError, match="Java is not installed"):
        server.start(timeout=5)


def test_docker_compose_pins_the_same_neo4j_version():
    compose = (REPO / "docker-compose.yml").read_text()
    assert f"image: neo4j:{NEO4J_VERSION}-community" in compose


def test_external_server_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KG_NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "s3cret")
    s = Settings()
    assert s.neo4j_uri == "neo4j+s://example.databases.neo4j.io"
    assert "s3cret" not in repr(s)  # SecretStr: never printed
    assert os.environ["KG_NEO4J_PASSWORD"] == s.neo4j_password.get_secret_value()
