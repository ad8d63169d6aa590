"""The exploration page: ``/`` serves ``web/dist/index.html`` and ``/web/<file>`` its assets.

The page is static (built by ``web/build.sh`` during ``make install``); it needs no API key to
load, and calls the ``/v1`` API with the key the user gives it. Served by the API process itself
so there is no second server and no CORS to configure.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response

from graph.errors import NotFound

router = APIRouter(tags=["web"], include_in_schema=False)

# KG_WEB_DIST lets a packaged install point at assets built elsewhere; the default is the
# checkout's web/dist/.
_DEFAULT_DIST = Path(__file__).resolve().parents[2] / "web" / "dist"

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}

_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Explorer not built</title></head><body style="font-family:sans-serif;margin:3rem">
<h1>The exploration page is not built</h1>
<p>Run <code>bash scripts/install-web.sh</code> (or <code>make install</code>) to build
<code>web/dist/</code> from the npm packages, then reload. The API itself works: see
<a href="/docs">/docs</a>.</p></body></html>"""


def dist_dir() -> Path:
    return Path(os.environ.get("KG_WEB_DIST") or _DEFAULT_DIST)


@router.get("/", response_class=HTMLResponse)
def index() -> Response:
    page = dist_dir() / "index.html"
    if not page.is_file():
        return HTMLResponse(_NOT_BUILT, status_code=503)
    # Always revalidate: the page is small and must match the freshly built bundle.
    return FileResponse(page, media_type=_TYPES[".html"], headers={"Cache-Control": "no-cache"})


@router.get("/web/{name:path}")
def asset(name: str) -> FileResponse:
    root = dist_dir().resolve()
    path = (root / name).resolve()
    # Refuse anything that escapes dist/ (../, absolute paths, symlinks out).
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound(f"no web asset {name!r}")
    return FileResponse(
        path,
        media_type=_TYPES.get(path.suffix, "application/octet-stream"),
        headers={"Cache-Control": "no-cache"},
    )
