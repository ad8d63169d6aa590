"""Fixtures for the web page's browser tests: the real app served by uvicorn on a free loopback
port (over the seeded test database) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.driver import Graph
from graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "web" / "dist"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def ensure_built() -> None:
    """The page is built by `make install`; build it here too so a bare pytest run works."""
    if not (DIST / "index.html").is_file() or not (DIST / "app.js").is_file():
        subprocess.run(["bash", str(REPO / "scripts" / "install-web.sh")], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(settings: Settings, name: str) -> Iterator[str]:
    """The API and page served by uvicorn in a thread on a free loopback port; the base URL."""
    import uvicorn

    from api.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start ({name})")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_url(seeded: Graph, settings: Settings) -> Iterator[str]:
    ensure_built()
    with serve_app(settings, "web-test-uvicorn") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1600, "height": 940}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    # An uncaught exception in the page is a failure even when the assertions passed.
    assert not errors, f"JavaScript errors in the page: {errors}"
