"""The page and its assets are served by the API process itself, offline and without escaping
web/dist/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.web_fixtures import DIST, ensure_built


@pytest.fixture(scope="module", autouse=True)
def built() -> None:
    ensure_built()


def test_index_serves_the_page_without_a_key(client: Any) -> None:
    resp = client.get("/", headers={"X-API-Key": ""})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert resp.headers["cache-control"] == "no-cache"
    html = resp.text
    assert '<script src="/web/app.js"></script>' in html
    assert 'href="/web/styles.css"' in html
    # Offline: every script and stylesheet is local (no CDN).
    refs = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assert refs and all(r.startswith("/web/") for r in refs), refs


def test_assets_have_types_and_bundle_the_libraries(client: Any) -> None:
    js = client.get("/web/app.js")
    assert js.status_code == 200
    assert js.headers["content-type"].startswith("text/javascript")
    assert "fcose" in js.text  # the layout is bundled, not fetched
    css = client.get("/web/styles.css")
    assert css.headers["content-type"].startswith("text/css")
    topo = client.get("/web/countries.json")
    assert topo.status_code == 200
    countries = json.loads(topo.content)["objects"]["countries"]["geometries"]
    names = {g["properties"]["name"] for g in countries}
    assert {"Ukraine", "Russia", "Syria"} <= names


@pytest.mark.parametrize(
    "path", ["/web/../pyproject.toml", "/web/%2e%2e/%2e%2e/pyproject.toml", "/web/nope.js",
             "/web//etc/passwd"],
)
def test_assets_outside_dist_are_refused(client: Any, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert "[project]" not in resp.text and "root:" not in resp.text
    if resp.headers["content-type"].startswith("application/json"):
        assert set(resp.json()["error"]) == {"code", "message", "detail"}


def test_unbuilt_page_explains_how_to_build(client: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_WEB_DIST", str(tmp_path))
    resp = client.get("/")
    assert resp.status_code == 503
    assert "scripts/install-web.sh" in resp.text
    monkeypatch.delenv("KG_WEB_DIST")
    assert client.get("/").status_code == 200
    assert (DIST / "index.html").is_file()
