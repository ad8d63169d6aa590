"""Server-Sent Events for the claim feed: one ``claim`` event per new claim (``id:`` = its
cursor, so a reconnecting ``EventSource`` resumes from ``Last-Event-ID``), a comment line as
keep-alive while idle, optional limits for cron consumers and tests."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from starlette.concurrency import run_in_threadpool

from graph.driver import Graph
from graph.models import ClaimOut
from graph.reads.feed import claims_after

BATCH = 100


def event(cursor: str, claim: ClaimOut) -> str:
    data = json.dumps(claim.model_dump(mode="json"), ensure_ascii=False)
    return f"id: {cursor}\nevent: claim\ndata: {data}\n\n"


async def claim_events(
    graph: Graph, cursor: str, *, poll_s: float, is_disconnected: Callable[[], Awaitable[bool]],
    max_events: int | None = None, max_seconds: float | None = None,
) -> AsyncIterator[str]:
    """The event stream after ``cursor`` (already validated)."""
    import anyio

    sent, started = 0, time.monotonic()
    yield f"retry: {int(poll_s * 1000)}\n: cursor {cursor}\n\n"
    while True:
        items, cursor = await run_in_threadpool(claims_after, graph, cursor, BATCH)
        for item_cursor, claim in items:
            yield event(item_cursor, claim)
            sent += 1
            if max_events is not None and sent >= max_events:
                return
        if max_seconds is not None and time.monotonic() - started >= max_seconds:
            return
        if items:
            continue  # more may be waiting: poll again at once
        if await is_disconnected():
            return
        yield ": keep-alive\n\n"
        await anyio.sleep(poll_s)
