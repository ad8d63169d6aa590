"""SSRF through URL ingest (issue 14, finding 2): every notation of an internal address is
refused, on every redirect hop, and a refused URL is stored as a failed article with the reason."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from graph.driver import Graph
from graph.models import stable_id
from graph.settings import Settings
from ingest.fetch import fetch, make_client
from tests.conftest import make_settings
from tests.ingest_fixtures import article_status, kg_env, run_kg

SECRET = "internal-secret-do-not-store"


@contextmanager
def internal_server() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A loopback server standing for an internal service; it records the requests it gets."""
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            seen.append({"path": self.path, "host": self.headers.get("Host", "")})
            if self.path.startswith("/redirect?to="):
                self.send_response(302)
                self.send_header("Location", self.path.split("=", 1)[1])
                self.end_headers()
                return
            ctype = "image/png" if self.path.endswith(".png") else "text/plain"
            body = (SECRET + " " + self.path).encode()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def _fetch(url: str, **overrides: Any) -> Any:
    with make_client(make_settings(**overrides)) as client:
        return fetch(client, url, 100_000)


@pytest.mark.parametrize("host", [
    "127.0.0.1", "0x7f000001", "2130706433", "017700000001", "127.1", "0177.0.0.1",
    "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "localhost", "10.1.2.3", "192.168.0.10",
    "172.16.5.4", "100.64.0.1", "0.0.0.0", "169.254.169.254", "[fd00:ec2::254]",
    "[fe80::1]", "224.0.0.1", "[64:ff9b::7f00:1]",
])
def test_internal_addresses_are_refused_in_every_notation(host: str) -> None:
    with internal_server() as (netloc, seen):
        port = netloc.split(":")[1]
        got = _fetch(f"http://{host}:{port}/internal")
    assert not got.ok and got.error.startswith("refused:"), got.error
    assert got.body == b"" and seen == []  # the server was never contacted


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://x.org/",
                                 "dict://127.0.0.1:11211/stat"])
def test_only_http_and_https(url: str) -> None:
    got = _fetch(url)
    assert not got.ok and "only http and https" in got.error


def test_every_redirect_hop_is_vetted() -> None:
    # Loopback allowed (as in the tests) but metadata and the deny-list still hold on each hop.
    with internal_server() as (netloc, seen):
        port = netloc.split(":")[1]
        base = f"http://{netloc}"
        for target, why in [("http://169.254.169.254/latest/meta-data/", "metadata"),
                            (f"http://localhost:{port}/secret", "deny-list"),
                            ("file:///etc/passwd", "only http and https"),
                            (f"http://[::ffff:169.254.169.254]:{port}/", "metadata")]:
            got = _fetch(f"{base}/redirect?to={target}", fetch_allow_private=True,
                         fetch_deny_hosts="localhost")
            assert not got.ok and why in got.error, (target, got.error)
        assert [s["path"] for s in seen if not s["path"].startswith("/redirect")] == []
        ok = _fetch(f"{base}/redirect?to=/page.txt", fetch_allow_private=True)
    assert ok.ok and ok.url == f"{base}/page.txt" and ok.body.startswith(SECRET.encode())


def test_request_goes_to_the_vetted_address_with_the_original_host() -> None:
    with internal_server() as (netloc, seen):
        port = netloc.split(":")[1]
        got = _fetch(f"http://localhost:{port}/page.txt", fetch_allow_private=True)
    assert got.ok and seen == [{"path": "/page.txt", "host": f"localhost:{port}"}]


def test_allow_list_content_type_and_size_limits() -> None:
    with internal_server() as (netloc, _seen):
        base = f"http://{netloc}"
        assert "allow-list" in _fetch(f"{base}/a.txt", fetch_allow_private=True,
                                      fetch_allow_hosts="news.example.org").error
        assert _fetch(f"{base}/a.txt", fetch_allow_private=True,
                      fetch_allow_hosts="127.0.0.1").ok
        png = _fetch(f"{base}/a.png", fetch_allow_private=True)
        assert not png.ok and "content type 'image/png'" in png.error
        with make_client(make_settings(fetch_allow_private=True)) as client:
            big = fetch(client, f"{base}/{'x' * 50}.txt", 20)
        assert not big.ok and "exceeds 20" in big.error


def test_refused_urls_are_stored_as_failed_articles(graph: Graph, settings: Settings,
                                                    tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    with internal_server() as (netloc, seen):
        port = netloc.split(":")[1]
        worker_url = f"http://0x7f000001:{port}/worker-{tag}"  # fetched by the worker
        cli_url = f"http://127.0.0.1:{port}/cli-{tag}"  # fetched by `kg ingest` itself
        records = tmp_path / "urls.jsonl"
        records.write_text(json.dumps({"id": f"ssrf-{tag}", "url": worker_url}) + "\n")
        run = run_kg(["ingest", str(records), cli_url, "--workers", "1", "-q"],
                     kg_env(settings, tmp_path))
        assert run.returncode == 0, run.stderr[-3000:]
        assert seen == []
    got = article_status(graph, [f"ssrf-{tag}", stable_id(cli_url, prefix="url-")])
    assert len(got) == 2
    for art in got.values():
        assert art["status"] == "fetch_failed", art
        assert "refused" in art["error"] and "loopback" in art["error"]
        assert SECRET not in (art["text"] or "")


def test_https_to_the_vetted_address_still_checks_the_host_name(tmp_path: Path) -> None:
    """The connection goes to the vetted IP, but TLS (SNI and the certificate check) uses the
    URL's host name: pinning must not turn certificate verification off."""
    import shutil
    import ssl
    import subprocess

    from ingest.fetch import FetchClient
    from ingest.netguard import FetchPolicy

    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make a test certificate"
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True,
                   capture_output=True, timeout=60)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            seen.append({"path": self.path, "host": self.headers.get("Host", "")})
            body = b"tls ok"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        client_ctx = ssl.create_default_context(cafile=str(cert))
        policy = FetchPolicy(allow_private=True)
        with FetchClient(verify=client_ctx, follow_redirects=False, trust_env=False) as client:
            ok = fetch(client, f"https://localhost:{port}/x", 1000, policy)
            # The same server under another name: the certificate does not match, refused.
            bad = fetch(client, f"https://127.0.0.1:{port}/x", 1000, policy)
    finally:
        server.shutdown()
        server.server_close()
    assert ok.ok and ok.body == b"tls ok", ok.error
    assert seen[0] == {"path": "/x", "host": f"localhost:{port}"}
    assert not bad.ok and "CERTIFICATE_VERIFY_FAILED" in (bad.error or "").upper()
