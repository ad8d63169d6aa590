"""Webhooks: new claims pushed to subscribers' URLs, signed, retried with backoff.

Each delivery is a JSON body ``{"event": "claims", "items": [ClaimOut...], "next": cursor}``
with ``X-KG-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes with the shared
secret>``, ``X-KG-Delivery`` (a stable id of the batch, for de-duplication) and
``X-KG-Timestamp``. Delivery is at least once: a URL's cursor advances only after it answered
2xx, so a receiver that was down gets the batch again later. Cursors per URL are kept in a small
JSON state file (the dispatcher is one process; no graph writes needed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from graph.driver import Graph
from graph.reads.feed import claims_after, resolve_cursor

log = logging.getLogger("kg.webhooks")

SIGNATURE_HEADER = "X-KG-Signature"


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """What a receiver does: constant-time comparison of the expected signature."""
    return hmac.compare_digest(sign(body, secret), header or "")


def deliver(
    client: httpx.Client,
    url: str,
    body: bytes,
    secret: str,
    *,
    attempts: int = 5,
    backoff_s: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """POST with retries on network errors, 5xx and 429 (exponential backoff); other 4xx
    answers mean the receiver refuses the payload and retrying would not help."""
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(body, secret),
        "X-KG-Delivery": hashlib.sha256(body).hexdigest()[:32],
        "X-KG-Timestamp": str(int(time.time())),
        "User-Agent": "conflict-kg-webhooks/1",
    }
    for attempt in range(attempts):
        try:
            resp = client.post(url, content=body, headers=headers)
            if resp.is_success:
                return True
            if resp.status_code < 500 and resp.status_code != 429:
                log.warning("webhook %s refused the delivery: HTTP %s", url, resp.status_code)
                return False
            log.info("webhook %s answered %s (attempt %d)", url, resp.status_code, attempt + 1)
        except httpx.HTTPError as exc:
            log.info("webhook %s failed (attempt %d): %s", url, attempt + 1, exc)
        if attempt + 1 < attempts:
            sleep(backoff_s * (2**attempt))
    return False


class WebhookDispatcher:
    def __init__(
        self,
        graph: Graph,
        urls: list[str],
        secret: str,
        state_path: Path,
        *,
        batch: int = 100,
        attempts: int = 5,
        backoff_s: float = 0.5,
        timeout_s: float = 10.0,
        start: str | None = None,  # where new subscribers start: None = beginning, "now"
    ) -> None:
        if not secret:
            raise ValueError("webhooks need a shared secret (KG_WEBHOOK_SECRET)")
        self.graph, self.urls, self.secret = graph, urls, secret
        self.state_path, self.batch = state_path, batch
        self.attempts, self.backoff_s, self.timeout_s = attempts, backoff_s, timeout_s
        self.start = start

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.state_path.read_text("utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def _save(self, state: dict[str, str]) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1), "utf-8")
        tmp.replace(self.state_path)  # atomic: a crash never leaves half a state file

    def run_once(self) -> dict[str, int]:
        """Deliver at most one batch per URL; return how many claims each URL accepted."""
        state, sent = self._load(), {}
        with httpx.Client(timeout=self.timeout_s) as client:
            for url in self.urls:
                cursor = state.get(url) or resolve_cursor(self.graph, self.start)
                items, nxt = claims_after(self.graph, cursor, self.batch)
                sent[url] = 0
                if not items:
                    state[url] = nxt
                    continue
                payload: dict[str, Any] = {
                    "event": "claims", "items": [c.model_dump(mode="json") for _, c in items],
                    "next": nxt,
                }
                body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                if deliver(client, url, body, self.secret, attempts=self.attempts,
                           backoff_s=self.backoff_s):
                    state[url], sent[url] = nxt, len(items)
        self._save(state)
        return sent

    def run_forever(self, interval_s: float = 5.0) -> None:  # pragma: no cover - a loop
        while True:
            sent = self.run_once()
            if not any(sent.values()):
                time.sleep(interval_s)
