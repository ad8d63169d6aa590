"""The feed of new claims, as read from the graph: everything ingested after a cursor, in
ingestion order. Delivery (SSE, webhooks) lives in ``api/delivery``.

The cursor is opaque to clients: (``ingested_at``, claim id) of the last claim seen. The writer
sets ``ingested_at`` once, when a claim is created, so re-ingesting an article does not replay
its claims. Every answer carries a cursor to poll from again, even when nothing is new.

Known limit: ``ingested_at`` is the writing transaction's clock. Two writers committing out of
order can make a claim appear behind a cursor already handed out; consumers that must see every
claim can poll with a cursor a few seconds old (``rewind``) and de-duplicate on claim id.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import queries
from graph.driver import Graph
from graph.errors import InvalidInput
from graph.models import ClaimOut, Page
from graph.reads import claim_from_row, decode_cursor, encode_cursor

EPOCH = "1970-01-01T00:00:00Z"
MAX_LIMIT = 500


def start_cursor() -> str:
    return encode_cursor(EPOCH, "")


def latest_cursor(graph: Graph) -> str:
    rows = graph.read(queries.load("export_feed_latest"))
    return encode_cursor(rows[0]["ingested_at"], rows[0]["id"]) if rows else start_cursor()


def resolve_cursor(graph: Graph, since: str | None) -> str:
    """``None``/"" is the beginning, "now" the newest claim; anything else must decode."""
    if not since:
        return start_cursor()
    if since == "now":
        return latest_cursor(graph)
    _parse(since)
    return since


def rewind(cursor: str, seconds: float) -> str:
    """A cursor ``seconds`` earlier (for consumers guarding against out-of-order commits)."""
    ts, _ = _parse(cursor)
    when = datetime.fromisoformat(ts.replace("Z", "+00:00")) - timedelta(seconds=seconds)
    return encode_cursor(when.astimezone(UTC).isoformat().replace("+00:00", "Z"), "")


def _parse(cursor: str) -> tuple[str, str]:
    ts, cid = decode_cursor(cursor, 2)
    if not isinstance(ts, str) or not isinstance(cid, str):
        raise InvalidInput("invalid cursor")
    try:
        datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput("invalid cursor") from exc
    return ts, cid


def claims_after(graph: Graph, cursor: str, limit: int) -> tuple[list[tuple[str, ClaimOut]], str]:
    """(cursor of each claim, claim) after ``cursor``, and the cursor to continue from."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", detail=limit)
    after_ts, after_id = _parse(cursor)
    rows: list[dict[str, Any]] = graph.read(
        queries.load("export_feed_claims"), after_ts=after_ts, after_id=after_id, limit=limit
    )
    out: list[tuple[str, ClaimOut]] = []
    nxt = cursor
    for row in rows:
        nxt = encode_cursor(row["ingested_at"], row["claim"]["id"])
        if row["speaker"] is None or row["article"] is None:
            continue  # half-written claim: skip it, but move past it
        out.append((nxt, claim_from_row(row)))
    return out, nxt


def feed_page(graph: Graph, since: str | None, limit: int) -> Page[ClaimOut]:
    items, nxt = claims_after(graph, resolve_cursor(graph, since), limit)
    return Page[ClaimOut](items=[c for _, c in items], next=nxt)
