"""One article never harms another at write time: bisect a batch whose write fails.

A batch is one transaction, so one article Neo4j refuses (a value too large to index, say)
used to fail all of them, and the worker with it. Here a failing batch (for any reason other
than an unavailable graph, which is retried as a whole) is split in halves until the article
that fails is alone; that article is then stored without its extraction records, with status
``failed`` and the reason, and everything else lands. ``log2(n)`` extra writes per bad article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from graph.errors import GraphUnavailable, KGError
from graph.models import ArticleStatus, ExtractionResult, StoredArticle

WriteFn = Callable[[Sequence[StoredArticle], Sequence[ExtractionResult]], object]


def write_isolating(write: WriteFn, arts: Sequence[StoredArticle],
                    results: Sequence[ExtractionResult]) -> dict[str, str]:
    """Write ``arts``; return {article id: reason} for the articles that could not be stored
    even as failed (they are the only ones lost; the caller dead-letters their jobs)."""
    if not arts:
        return {}
    try:
        write(arts, results)
        return {}
    except GraphUnavailable:
        raise
    except KGError as exc:
        if len(arts) == 1:
            return _store_failed(write, arts[0], exc)
    mid = len(arts) // 2
    lost: dict[str, str] = {}
    for half in (arts[:mid], arts[mid:]):
        ids = {a.id for a in half}
        lost.update(write_isolating(write, half, [r for r in results if r.id in ids]))
    return lost


def _store_failed(write: WriteFn, art: StoredArticle, exc: KGError) -> dict[str, str]:
    reason = f"write failed: {exc.message}"[:500]
    art.status, art.error = ArticleStatus.FAILED, reason
    try:
        write([art], [])
        return {}
    except GraphUnavailable:
        raise
    except KGError as again:
        return {art.id: f"{reason}; storing it as failed also failed: {again.message}"[:1000]}
