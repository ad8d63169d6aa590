"""A per-article budget for extraction: wall time and memory growth (issue 14, item 4).

One pathological article (a 900,000-character sentence) held a worker for minutes and grew it
to gigabytes while its batch-mates waited. ``parse_budget`` arms an interval timer; its handler
raises ``TooComplex`` in the worker's main thread once the time is spent or the process grew by
more than the allowed memory, and the worker stores the article as ``too_complex`` and moves on.
Signals only reach the main thread: elsewhere (a worker in a thread, tests) it is a no-op guard.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psutil

_TICK_S = 0.2


class TooComplex(Exception):  # noqa: N818 - a verdict on the article, not a crash
    """The article used up its parse budget."""


@contextmanager
def parse_budget(seconds: float, max_growth_mb: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return
    proc = psutil.Process()
    start, base_rss = time.monotonic(), proc.memory_info().rss

    def check(*_: Any) -> None:
        spent = time.monotonic() - start
        if spent > seconds:
            raise TooComplex(f"extraction took longer than its budget of {seconds:g} s")
        grown = (proc.memory_info().rss - base_rss) / 2**20
        if max_growth_mb > 0 and grown > max_growth_mb:
            raise TooComplex(f"extraction grew the worker by {grown:.0f} MB "
                             f"(budget {max_growth_mb:g} MB)")

    previous = signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, _TICK_S, _TICK_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)
