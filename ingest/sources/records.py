"""JSON and JSONL records ``{"id","title","text","source","published","url","author"}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.models import ArticleStatus, field_problems, stable_id
from ingest.articles import Submission


def _submission(rec: Any, where: str) -> Submission:
    if not isinstance(rec, dict):
        return Submission(id=stable_id(where, prefix="bad-"), status=ArticleStatus.FAILED,
                          error=f"{where}: a record must be a JSON object")
    if not isinstance(rec.get("text", ""), str):
        return Submission(id=str(rec.get("id") or stable_id(where, prefix="bad-")),
                          status=ArticleStatus.FAILED, error=f"{where}: 'text' must be a string")
    fields = {k: (str(v) if v is not None else None) for k, v in rec.items()
              if k in Submission.model_fields and k not in ("status", "needs_fetch")}
    sub = Submission(**fields)
    problems = field_problems(sub)
    if problems:  # a value Neo4j cannot index: a failed record, not a failed batch
        rid = sub.id if not any(name == "id" for name, _ in problems) else None
        return Submission(id=rid or stable_id(where, prefix="bad-"), status=ArticleStatus.FAILED,
                          error=f"{where}: " + "; ".join(msg for _, msg in problems))
    if not sub.text and sub.url:
        sub.needs_fetch = True  # a record that only names a URL: the worker fetches it
    return sub


def from_jsonl(path: Path) -> Iterator[Submission]:
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Submission(id=stable_id(str(path.resolve()), n, prefix="bad-"),
                                 status=ArticleStatus.FAILED, error=f"{where}: invalid JSON: {exc}")
                continue
            yield _submission(rec, where)


def from_json(path: Path) -> Iterator[Submission]:
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Submission(id=stable_id(str(path.resolve()), prefix="bad-"),
                         status=ArticleStatus.FAILED, error=f"{path}: invalid JSON: {exc}")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for n, rec in enumerate(records):
        yield _submission(rec, f"{path}[{n}]")
