"""`kg serve --workers 2`: two uvicorn worker processes, each with its own app and driver,
start on the real Neo4j (migrations checked by both) and answer reads."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from graph.settings import Settings
from tests.conftest import READ_KEY, cli_env
from tests.security.conftest import free_port

KG = Path(sys.executable).with_name("kg")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_two_workers_start_and_answer(settings: Settings, graph: object):
    port = free_port()
    env = cli_env(settings, KG_API_KEYS=f"{READ_KEY}:read")
    proc = subprocess.Popen([str(KG), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        ready = False
        while time.monotonic() < deadline and not ready:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                ready = httpx.get(f"{base}/readyz", timeout=5).status_code == 200
            except httpx.HTTPError:
                time.sleep(0.5)
        assert ready
        workers = [c for c in _children(proc.pid)
                   if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]
        assert len(workers) == 2
        with httpx.Client(base_url=base, headers={"X-API-Key": READ_KEY}, timeout=30) as c:
            for _ in range(8):  # new connections: spread over both workers
                resp = c.get("/v1/claims", params={"limit": 2}, headers={"Connection": "close"})
                assert resp.status_code == 200
                assert "items" in resp.json()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
