"""Query functions: the API's routes call these; the Cypher comes from ``queries/``."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import queries
from graph.driver import Graph
from graph.errors import InvalidInput
from graph.models import ClaimOut, Evidence, Page, SpeakerRef

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def lucene_phrase(text: str, *, fuzzy: bool = True) -> str:
    """A safe Lucene query for a user's words: escaped terms, each prefix- or fuzzy-matched."""
    terms = [_LUCENE_SPECIAL.sub(r"\\\1", t) for t in text.split() if t.strip()]
    if not terms:
        return '""'
    if not fuzzy:
        return " AND ".join(terms)
    return " AND ".join(f"({t}* OR {t}~1)" if len(t) > 3 else f"{t}*" for t in terms)


def encode_cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, n: int) -> list[Any]:
    if not cursor:
        return [None] * n
    try:
        pad = "=" * (-len(cursor) % 4)
        parts = json.loads(base64.urlsafe_b64decode(cursor + pad))
    except (ValueError, json.JSONDecodeError) as exc:
        raise InvalidInput("invalid cursor") from exc
    if not isinstance(parts, list) or len(parts) != n:
        raise InvalidInput("invalid cursor")
    return parts


def entity_ids_by_name(graph: Graph, name: str, *, limit: int = 10) -> list[str]:
    """Ids of the entities (and anonymous sources) a name most likely refers to."""
    rows = graph.read(
        queries.load("entity_ids_by_name"), name=name, lucene=lucene_phrase(name), limit=limit
    )
    if not rows:
        return []
    best = rows[0]["score"]
    # Keep exact hits, or the full-text hits close to the best one; a name is rarely ambiguous.
    return [r["id"] for r in rows if r["score"] >= 100.0 or r["score"] >= best * 0.8]


def claim_from_row(row: dict[str, Any]) -> ClaimOut:
    c, a = row["claim"], row["article"]
    return ClaimOut(
        id=c["id"],
        speaker=SpeakerRef(**{k: v for k, v in row["speaker"].items() if v is not None}),
        cue=c.get("cue", ""),
        content=c.get("content", ""),
        quote_type=c.get("quote_type", "indirect"),
        date=c.get("date"),
        about=row.get("about") or [],
        target=row.get("target") if row.get("target", {}) and row["target"].get("id") else None,
        checkworthiness=c.get("checkworthiness"),
        checkworthiness_reasons=c.get("checkworthiness_reasons") or [],
        evidence=Evidence(
            article_id=a["id"], title=a.get("title"), url=a.get("url"),
            outlet=a.get("source"), published=a.get("published"), sentence=c.get("sentence"),
            start=c.get("content_start"), end=c.get("content_end"),
            sentence_start=c.get("sentence_start"), sentence_end=c.get("sentence_end"),
        ),
    )


def find_claims(
    graph: Graph,
    *,
    speaker: str | None = None,
    about: str | None = None,
    cue: str | None = None,
    quote_type: str | None = None,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    claim_ids: list[str] | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[ClaimOut]:
    speaker_ids = entity_ids_by_name(graph, speaker) if speaker else None
    about_ids = entity_ids_by_name(graph, about) if about else None
    if (speaker and not speaker_ids) or (about and not about_ids):
        return Page[ClaimOut](items=[], next=None)
    after_key, after_id = decode_cursor(cursor, 2)
    rows = graph.read(
        queries.load("claims_list"),
        speaker_ids=speaker_ids, about_ids=about_ids, claim_ids=claim_ids, cue=cue,
        quote_type=quote_type, outlet=outlet, date_from=date_from, date_to=date_to,
        published_from=published_from, published_to=published_to,
        after_key=after_key, after_id=after_id, limit=limit + 1,
    )
    items = [claim_from_row(r) for r in rows[:limit]]
    nxt = encode_cursor(rows[limit - 1]["sort_key"], rows[limit - 1]["claim"]["id"]) if len(
        rows
    ) > limit else None
    return Page[ClaimOut](items=items, next=nxt)
