"""The project's own Neo4j: started once, reused, and clear about what goes wrong."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from graph.errors import ServerError
from graph.server import LocalServer
from graph.settings import NEO4J_VERSION, Settings
from tests.conftest import REPO, cli_env, make_settings


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


def _status(env: dict[str, str]) -> tuple[int, dict[str, object]]:
    run = subprocess.run([sys.executable, "-m", "api.cli", "neo4j", "status"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    return run.returncode, json.loads(run.stdout)


def test_status_exits_0_when_running_and_3_when_not(settings: Settings, neo4j_uri: str,
                                                    tmp_path):
    # Like `pg_ctl status`: scripts can write `kg neo4j status || kg neo4j start`.
    code, status = _status(cli_env(settings))
    assert (code, status["running"]) == (0, True)
    with socket.socket() as s:  # a port nothing listens on once closed
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    env = dict(os.environ, KG_PROFILE="never-started", KG_HOME=str(tmp_path),
               KG_NEO4J_PORT=str(free))
    env.pop("KG_NEO4J_URI", None)
    code, status = _status(env)
    assert (code, status["running"], status["pid"]) == (3, False, None)
    # An external server that does not answer is "not running" too, with the reason.
    code, status = _status(dict(env, KG_NEO4J_URI=f"bolt://127.0.0.1:{free}",
                                KG_NEO4J_PASSWORD="x"))
    assert (code, status["running"], status["external"]) == (3, False, True)
    assert "unavailable" in str(status["error"])
