"""The database-free contract: JSONL articles in, one ``ExtractionResult`` JSON line out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from ingest.extract.pipeline import SpacyExtractor

Item = tuple[str, str, str | None, str | None]  # id, text, published, outlet


def _parse(lineno: int, line: str) -> Item | dict[str, object]:
    """(id, text, published, outlet) or an error record."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": lineno, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(obj, dict):
        return {"id": None, "line": lineno, "error": "not a JSON object"}
    aid = obj.get("id")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"id": aid, "line": lineno, "error": "missing or empty 'text'"}
    if aid is None:
        from graph.models import ArticleIn

        aid = ArticleIn(text=text).resolved_id()
    published = obj.get("published")
    source = obj.get("source")
    return (str(aid), text, published if isinstance(published, str) else None,
            source if isinstance(source, str) else None)


def extract_jsonl(infile: TextIO, outfile: TextIO, *, batch_size: int | None = None,
                  extractor: SpacyExtractor | None = None) -> int:
    """Read JSONL articles, write one result (or error) line per input line, in input order.

    Returns the number of articles extracted (error lines are not counted). Bad lines never
    stop the run."""
    ex = extractor or SpacyExtractor(batch_size=batch_size)
    pending: list[dict[str, object] | None] = []  # error records or None for "next result"
    good: list[Item] = []

    def flush() -> int:
        results: Iterator[object] = iter(ex.iter_extract(good))
        n = 0
        for slot in pending:
            if slot is None:
                res = next(results)
                outfile.write(json.dumps(res.model_dump(mode="json"),  # type: ignore[attr-defined]
                                         ensure_ascii=False) + "\n")
                n += 1
            else:
                outfile.write(json.dumps(slot, ensure_ascii=False) + "\n")
        pending.clear()
        good.clear()
        return n

    chunk = max(ex.batch_size * 8, 64)
    count = 0
    for lineno, line in enumerate(infile, 1):
        if not line.strip():
            continue
        parsed = _parse(lineno, line)
        if isinstance(parsed, dict):
            pending.append(parsed)
        else:
            pending.append(None)
            good.append(parsed)
        if len(good) >= chunk:
            count += flush()
    count += flush()
    outfile.flush()
    return count
