"""Errors to HTTP in one place: every error answers ``{"error": {"code", "message", "detail"}}``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    GraphError,
    GraphUnavailable,
    InvalidInput,
    KGError,
    NotFound,
    QueryRefused,
    QuerySyntaxError,
)

STATUS: dict[type[KGError], int] = {
    QuerySyntaxError: 422,
    InvalidInput: 400,
    NotFound: 404,
    QueryRefused: 403,
    GraphUnavailable: 503,
    GraphError: 500,
}


def error_body(code: str, message: str, detail: object | None = None) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "detail": detail}}


def status_for(exc: KGError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def install(app: FastAPI) -> None:
    @app.exception_handler(KGError)
    async def _kg(_: Request, exc: KGError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.detail), status_for(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # A body that cannot be read (invalid UTF-8, broken JSON framing) is "invalid_body";
        # api/limits.py's refusals carry their own code (payload_too_large, rate_limited,
        # too_busy) and detail.
        code = getattr(exc, "code", None) or {
            400: "invalid_body", 401: "unauthorized", 403: "forbidden", 404: "not_found",
            405: "method_not_allowed", 413: "payload_too_large", 429: "rate_limited",
            501: "not_implemented",
        }.get(
            exc.status_code, "http_error"
        )
        return JSONResponse(
            error_body(code, str(exc.detail), getattr(exc, "extra", None)), exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()
        ]
        return JSONResponse(error_body("invalid_input", "invalid request", detail), 422)
