"""Query functions: the API's routes call these; the Cypher comes from ``queries/``."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import queries
from graph.disputes import WINDOW_DAYS, dispute_reason, resolve_references, view_from_row
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.models import (
    ClaimDetail,
    ClaimOut,
    Evidence,
    Page,
    Quantity,
    RelatedClaim,
)

# How many full-text matches a text filter considers before sorting them by date.
TEXT_MATCH_CAP = 500
MAX_LUCENE_TERMS, MAX_LUCENE_TERM_CHARS = 24, 64
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def lucene_phrase(text: str, *, fuzzy: bool = True) -> str:
    """A safe Lucene query for a user's words: escaped terms, each prefix- or fuzzy-matched."""
    # Within Lucene's budget (1024 clauses, automata of 1000 states) whatever the input: words
    # are cut to MAX_LUCENE_TERM_CHARS (still a prefix match) and at most MAX_LUCENE_TERMS kept.
    terms = [_LUCENE_SPECIAL.sub(r"\\\1", t[:MAX_LUCENE_TERM_CHARS])
             for t in text.split()[:MAX_LUCENE_TERMS]]
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
    if best >= 1000.0:  # an id: exactly that node
        return [rows[0]["id"]]
    # Keep exact hits, or the full-text hits close to the best one; a name is rarely ambiguous.
    return [r["id"] for r in rows if r["score"] >= 100.0 or r["score"] >= best * 0.8]


_QUANTITY_FIELDS = tuple(Quantity.model_fields)


def claim_from_row(row: dict[str, Any]) -> ClaimOut:
    """A claim row (the shape of claims_by_ids.cypher) as a ClaimOut. The whole claim is one
    dict validated in one call: pydantic-core builds the nested models itself, three times
    faster than constructing each of them from Python (a neighbourhood or profile builds
    100-200 of them per request; docs/api.md "Benchmark")."""
    c, a = row["claim"], row["article"]
    get = c.get
    target = row.get("target")
    return ClaimOut.model_validate({
        "id": c["id"],
        "speaker": {k: v for k, v in row["speaker"].items() if v is not None},
        "cue": get("cue", ""),
        "content": get("content", ""),
        "quote_type": get("quote_type", "indirect"),
        "date": get("date"),
        "about": row.get("about") or [],
        "target": target if target and target.get("id") else None,
        "checkworthiness": get("checkworthiness"),
        "checkworthiness_reasons": get("checkworthiness_reasons") or [],
        "stance": get("stance") or "asserts",
        "statement": get("statement"),
        "reported_by": {"name": c["reported_by_name"], "role": c["reported_by_role"],
                        "id": get("reported_by_id"), "type": get("reported_by_type")}
        if get("reported_by_name") else None,
        "quantity": {k: c[f"quantity_{k}"] for k in _QUANTITY_FIELDS
                     if get(f"quantity_{k}") is not None}
        if get("quantity_text") else None,
        "appearances": list(zip(get("appearance_starts") or [], get("appearance_ends") or [],
                                strict=False)),
        "evidence": _claim_evidence(c, a),
    })


def _claim_evidence(c: dict[str, Any], a: dict[str, Any]) -> dict[str, Any]:
    get = c.get
    return {"article_id": a["id"], "title": a.get("title"), "url": a.get("url"),
            "outlet": a.get("source"), "published": a.get("published"),
            "sentence": get("sentence"), "start": get("content_start"),
            "end": get("content_end"), "sentence_start": get("sentence_start"),
            "sentence_end": get("sentence_end")}


def claim_evidence_from_row(row: dict[str, Any]) -> Evidence:
    """Only ``claim_from_row(row).evidence`` (``row`` may hold only the claim's sentence and
    offsets and the article): a neighbourhood shows a claim edge's evidence, not the claim,
    and building the whole claim was half of its model-building time."""
    return Evidence.model_validate(_claim_evidence(row["claim"], row["article"]))


def claims_by_ids(graph: Graph, ids: list[str]) -> list[ClaimOut]:
    """Claims in the order of ``ids`` (unknown ids are dropped)."""
    if not ids:
        return []
    return [claim_from_row(r) for r in graph.read(queries.load("claims_by_ids"), ids=ids)]


def claim_text_ids(graph: Graph, q: str, *, limit: int, boolean: bool = False) -> list[str]:
    """Best full-text matches: ``boolean`` reads OR / NOT / "phrases" (graph/reads/boolean.py),
    else every word must match (type-ahead)."""
    if boolean:
        from graph.reads.boolean import to_lucene

        lucene = to_lucene(q)
    else:
        lucene = lucene_phrase(q)
    rows = graph.read(queries.load("claims_text_ids"), lucene=lucene, limit=limit)
    return [r["id"] for r in rows]


def _entity_ids(graph: Graph, ref: str) -> list[str]:
    """An entity id as given (when it exists), else the ids the name most likely refers to."""
    return entity_ids_by_name(graph, ref)


def find_claims(
    graph: Graph,
    *,
    q: str | None = None,
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
    anonymous: bool | None = None,
    speaker_country: str | None = None,
    speaker_affiliation: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[ClaimOut]:
    """Claims, newest first. ``q`` is a boolean search (graph/reads/boolean.py); an unknown
    speaker, entity or affiliation is NotFound with the closest names as suggestions."""
    notes: list[str] = []
    if speaker and not (q or about or cue or quote_type or outlet or date_from or date_to
                        or published_from or published_to or claim_ids is not None
                        or anonymous is not None or speaker_country or speaker_affiliation):
        page = _claims_by_speaker_name(graph, speaker, limit=limit, cursor=cursor)
        if page is not None:
            return page
    speaker_ids = _known_ids(graph, speaker, "speaker", notes) if speaker else None
    about_ids = _known_ids(graph, about, "about", notes) if about else None
    affiliation_ids = (_known_ids(graph, speaker_affiliation, "speaker_affiliation", notes)
                       if speaker_affiliation else None)
    if q:
        # Full-text first; the date order and the other filters then apply to these matches.
        text_ids = claim_text_ids(graph, q, limit=TEXT_MATCH_CAP, boolean=True)
        if len(text_ids) >= TEXT_MATCH_CAP:
            notes.append(f"q: only the {TEXT_MATCH_CAP} best text matches are listed; "
                         "add words or filters to narrow")
        claim_ids = [i for i in text_ids if i in set(claim_ids)] if claim_ids else text_ids
    if claim_ids == []:
        return Page[ClaimOut](items=[], next=None)
    after_key, after_id = decode_cursor(cursor, 2)
    # No filter at all: _list_rows reads the page in the stored sort key's index order.
    rows = _list_rows(
        graph, speaker_ids=speaker_ids, about_ids=about_ids, claim_ids=claim_ids, cue=cue,
        quote_type=quote_type, outlet=outlet, date_from=date_from, date_to=date_to,
        published_from=published_from, published_to=published_to, anonymous=anonymous,
        speaker_country=speaker_country.upper() if speaker_country else None,
        affiliation_ids=affiliation_ids, after_key=after_key, after_id=after_id,
        limit=limit + 1,
    )
    return _page(rows, limit, notes)


def _page(rows: list[dict[str, Any]], limit: int, notes: list[str]) -> Page[ClaimOut]:
    items = [claim_from_row(r) for r in rows[:limit]]
    nxt = encode_cursor(rows[limit - 1]["sort_key"], rows[limit - 1]["claim"]["id"]) if len(
        rows
    ) > limit else None
    return Page[ClaimOut](items=items, next=nxt, capped=bool(nxt or notes),
                          cap_note="; ".join(notes) or None)


def _claims_by_speaker_name(graph: Graph, speaker: str, *, limit: int,
                            cursor: str | None) -> Page[ClaimOut] | None:
    """``find_claims`` with a speaker and no other filter (who said what by name, the common
    case) in one read: the name lookup and the page together (claims_by_speaker_name.cypher),
    where ``_known_ids`` then ``_list_rows`` made two. Same ids, same page, same errors
    (``None`` for a bad cursor: the two reads report it, after the name)."""
    try:
        after_key, after_id = decode_cursor(cursor, 2)
    except InvalidInput:
        return None
    row = graph.read(queries.load("claims_by_speaker_name"), name=speaker,
                     lucene=lucene_phrase(speaker), cap=NAME_MATCH_CAP, limit=limit + 1,
                     after_key=after_key, after_id=after_id)[0]
    if not row["matched"]:
        raise NotFound(f"no speaker or entity matches speaker={speaker!r}",
                       detail={"param": "speaker", "suggestions": suggest_names(graph, speaker)})
    notes = [_too_many("speaker", speaker)] if row["matched"] >= NAME_MATCH_CAP else []
    return _page(row["rows"], limit, notes)


_LIST_FILTERS = ("speaker_ids", "about_ids", "claim_ids", "cue", "quote_type", "outlet",
                 "date_from", "date_to", "published_from", "published_to", "anonymous",
                 "speaker_country", "affiliation_ids", "after_key", "after_id")


def _list_rows(graph: Graph, *, limit: int, **filters: Any) -> list[dict[str, Any]]:
    """Rows of claims_list.cypher: the filters not given are unset. With no filter at all the
    page is read in the stored sort key's index order (claims_list_all.cypher)."""
    params = {k: filters.get(k) for k in _LIST_FILTERS}
    if all(v is None for k, v in params.items() if k not in ("after_key", "after_id")):
        return graph.read(queries.load("claims_list_all"), limit=limit,
                          after_key=params["after_key"], after_id=params["after_id"])
    return graph.read(queries.load("claims_list"), limit=limit, **params)


# How many entities (or anonymous sources) one name may stand for in a claim filter.
NAME_MATCH_CAP = 100


def _known_ids(graph: Graph, ref: str, param: str, notes: list[str]) -> list[str]:
    """The ids a name stands for; NotFound with suggestions when it stands for none."""
    ids = entity_ids_by_name(graph, ref, limit=NAME_MATCH_CAP)
    if not ids:
        raise NotFound(f"no speaker or entity matches {param}={ref!r}",
                       detail={"param": param, "suggestions": suggest_names(graph, ref)})
    if len(ids) >= NAME_MATCH_CAP:
        notes.append(_too_many(param, ref))
    return ids


def _too_many(param: str, ref: str) -> str:
    return (f"{param}: {ref!r} matches more than {NAME_MATCH_CAP} speakers or entities; "
            "only the best are used, give a fuller name or an id")


def suggest_names(graph: Graph, ref: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """The closest entity names (fuzzy over names and aliases, word by word, any word)."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in ref.split() if w.strip()]
    if not words:
        return []
    lucene = " OR ".join(f"{w}~2" if len(w) > 3 else f"{w}*" for w in words)
    rows = graph.read(queries.load("entity_suggest"), lucene=lucene, limit=limit)
    return [{"id": r["id"], "name": r["name"], "type": r["type"]} for r in rows]


def _by_closeness(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Nearest in time to the claim first (ISO strings: compare the common prefix as dates)."""
    def distance(r: dict[str, Any]) -> tuple[int, str]:
        other = r.get("key") or ""
        try:
            from datetime import date as _date

            d = abs((_date.fromisoformat(other[:10]) - _date.fromisoformat(key[:10])).days)
        except ValueError:
            d = 10**6
        return d, r["id"]

    return sorted((r for r in rows if r.get("id")), key=distance)


def claim_detail(graph: Graph, claim_id: str, *, limit: int = 20) -> ClaimDetail:
    """A claim with its reviews, the same speaker's other claims on its entities and the claims
    that really dispute it (``graph/disputes.py``: an explicit denial, or figures that differ),
    side by side (contested claims are never merged); each dispute carries its reason. Three
    reads: the claim with its reviews and same-speaker candidates, the dispute candidates, the
    related claims whole."""
    from graph.reviews import review_from_row

    rows = graph.read(queries.load("claim_detail"), id=claim_id, limit=limit, scan=limit * 10)
    if not rows:
        raise NotFound(f"no claim with id {claim_id!r}")
    row = rows[0]
    claim = claim_from_row(row)
    claim.reviews = [review_from_row(r) for r in row["reviews"]]
    same = _by_closeness(row["same"], row["key"])[:limit]
    views = {r["id"]: view_from_row(r)
             for r in graph.read(queries.load("claim_dispute_candidates"), id=claim_id,
                                 scan=limit * 10, window=WINDOW_DAYS)}
    resolve_references(views.values())  # a denial that only points back: at which claim
    this = views.pop(claim_id, None)
    disputes = [] if this is None else [
        {"id": v.id, "reason": reason, "key": v.date or ""} for v in views.values()
        if (reason := dispute_reason(this, v)) is not None]
    disputes = _by_closeness(disputes, row["key"])[:limit]
    fetched = {c.id: c for c in claims_by_ids(graph, [r["id"] for r in same + disputes])}
    return ClaimDetail(
        claim=claim,
        same_speaker=[RelatedClaim(reason=r["reason"], claim=fetched[r["id"]])
                      for r in same if r["id"] in fetched],
        disputes=[RelatedClaim(reason=r["reason"], claim=fetched[r["id"]])
                  for r in disputes if r["id"] in fetched],
    )
