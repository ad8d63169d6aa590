"""The attack suite's targets: the real API (``kg serve`` in a subprocess, uvicorn and all) on
the real test Neo4j, and a small "internal" HTTP service on loopback that records every hit, so
a test can prove that nothing reached it."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from graph.driver import Graph
from graph.settings import Settings
from tests.api_fixtures import api_graph  # noqa: F401 - the fixture: a small graph with cycles
from tests.conftest import ADMIN_KEY, INGEST_KEY, READ_KEY, cli_env

KG = Path(sys.executable).with_name("kg")
# Small bounds so the suite is quick; each test names the setting it relies on.
SERVER_ENV = {
    "KG_QUERY_TIMEOUT_S": "3",
    "KG_QUERY_CONCURRENCY": "2",
    "KG_MAX_BODY_BYTES": "1000000",
    "KG_RATE_LIMIT_PER_MINUTE": "100000",
    "KG_QUERY_RATE_LIMIT_PER_MINUTE": "100000",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Internal:
    """A loopback service standing for anything internal (an admin page, metadata)."""

    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def internal() -> Iterator[Internal]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            body = b"secret,internal-only\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield Internal(f"http://127.0.0.1:{srv.server_address[1]}/internal", hits)
    srv.shutdown()


@dataclass
class Server:
    base: str

    def client(self, key: str = READ_KEY, **kw: object) -> httpx.Client:
        return httpx.Client(base_url=self.base, headers={"X-API-Key": key}, timeout=60, **kw)


@pytest.fixture(scope="session")
def server(settings: Settings, api_graph: object,  # noqa: F811 - the imported fixture
           seeded: Graph) -> Iterator[Server]:
    port = free_port()
    env = cli_env(settings, KG_API_KEYS=f"{READ_KEY}:read,{INGEST_KEY}:ingest,{ADMIN_KEY}:admin",
                  **SERVER_ENV)
    log = open(settings.profile_dir / "security-api.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([str(KG), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}; see {log.name}")
        try:
            if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError(f"kg serve did not answer within 60 s; see {log.name}")
    yield Server(base)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def admin_graph(graph: Graph) -> Graph:
    """The service's own driver (Neo4j's admin user on Community): the server-wide locks must
    hold even for it."""
    return graph


__all__ = ["ADMIN_KEY", "INGEST_KEY", "READ_KEY", "Internal", "Server"]
