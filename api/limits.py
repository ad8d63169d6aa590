"""Bounds on what one client can ask of the API: body size, request rate, heavy concurrency.

* ``BodyLimit`` (ASGI middleware): a body over ``KG_MAX_BODY_BYTES`` gets 413, whether it
  announces its length or streams in chunks; nothing is buffered past the limit.
* ``RateLimit`` (ASGI middleware): a token bucket per API key (per client address when no key
  is sent) over ``/v1/``: ``KG_RATE_LIMIT_PER_MINUTE`` requests a minute, as a burst too.
* ``heavy_slot`` (dependency of ``POST /v1/query`` and ``GET /v1/paths``): at most
  ``KG_QUERY_CONCURRENCY`` of them run at once and each key may start
  ``KG_QUERY_RATE_LIMIT_PER_MINUTE`` a minute. It is checked on the event loop before the
  request takes a worker thread, so a flood of heavy queries is answered 429 at once and never
  occupies the threads that ``/healthz`` and ``/v1/claims`` need.

Every refusal has the one error shape and a ``Retry-After`` header. 0 disables a rate limit.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from graph.settings import Settings


class LimitExceeded(HTTPException):
    """A 413/429 with its own error code; api/errors.py renders it in the one shape."""

    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None,
                 detail: object | None = None) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        super().__init__(status, message, headers=headers)
        self.code = code
        self.extra = detail


def _limit_response(exc: LimitExceeded) -> JSONResponse:
    return JSONResponse(error_body(exc.code, str(exc.detail), exc.extra), exc.status_code,
                        headers=exc.headers)


MAX_TRACKED_KEYS = 10_000


class TokenBuckets:
    """``per_minute`` tokens a minute per key, at most ``per_minute`` saved up (the burst)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, key: str) -> int | None:
        """Take one token; None when granted, else the seconds to wait for one."""
        if self.per_minute <= 0:
            return None
        rate = self.per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > MAX_TRACKED_KEYS:  # made-up keys must not grow memory
                self._forget_idle(now, rate)
            tokens, last = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / rate))


    def _forget_idle(self, now: float, rate: float) -> None:
        """Drop buckets that have refilled completely: they hold nothing a new one would not."""
        full = [k for k, (t, last) in self._buckets.items()
                if t + (now - last) * rate >= self.per_minute]
        for k in full:
            del self._buckets[k]


def client_key(headers: dict[str, str], client: Any) -> str:
    """Who is asking: a digest of the presented key (never the key itself), else the address."""
    auth = headers.get("authorization", "")
    key = headers.get("x-api-key") or (auth[7:].strip() if auth.lower().startswith("bearer ")
                                       else "")
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return "addr:" + (client[0] if client else "?")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    def _too_large(self) -> LimitExceeded:
        return LimitExceeded(413, "payload_too_large",
                             f"the request body exceeds {self.max_bytes} bytes",
                             detail={"max_bytes": self.max_bytes})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _limit_response(self._too_large())(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # a chunked body that lied or said nothing
                    raise self._too_large()
            return message

        await self.app(scope, counted, send)


class RateLimit:
    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app, self.buckets = app, TokenBuckets(per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/"):
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            wait = self.buckets.take(client_key(headers, scope.get("client")))
            if wait is not None:
                exc = LimitExceeded(429, "rate_limited", "too many requests for this key; "
                                    f"retry in {wait} s", retry_after=wait,
                                    detail={"per_minute": self.buckets.per_minute})
                await _limit_response(exc)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeavyGate:
    """A non-blocking counter of heavy requests in flight (touched only on the event loop)."""

    def __init__(self, settings: Settings) -> None:
        self.capacity = settings.query_concurrency
        self.in_flight = 0
        self.retry_after = max(1, math.ceil(settings.query_timeout_s / 4))
        self.rates = TokenBuckets(settings.query_rate_limit_per_minute)


async def heavy_slot(request: Request) -> AsyncIterator[None]:
    gate: HeavyGate = request.app.state.heavy_gate
    wait = gate.rates.take(client_key(dict(request.headers), request.client))
    if wait is not None:
        raise LimitExceeded(429, "rate_limited", f"too many heavy queries for this key; retry "
                            f"in {wait} s", retry_after=wait,
                            detail={"per_minute": gate.rates.per_minute})
    if gate.in_flight >= gate.capacity:
        raise LimitExceeded(429, "too_busy", f"{gate.capacity} heavy queries are already "
                            "running; retry shortly", retry_after=gate.retry_after,
                            detail={"concurrency": gate.capacity})
    gate.in_flight += 1
    try:
        yield
    finally:
        gate.in_flight -= 1


HeavySlot = Depends(heavy_slot)


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middlewares (body limit outermost) and the heavy-query gate."""
    app.state.heavy_gate = HeavyGate(settings)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
