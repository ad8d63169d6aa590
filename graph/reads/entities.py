"""Entity reads: search, list, profile, roles and what connects two entities."""

from __future__ import annotations

from typing import Any

import queries
from graph import toplists
from graph.driver import Graph
from graph.errors import NotFound
from graph.models import (
    CoMention,
    EntityOut,
    EntityProfile,
    EntityRef,
    Evidence,
    Page,
    PeriodCount,
    Relationship,
    RoleOut,
)
from graph.reads import (
    claims_by_ids,
    decode_cursor,
    encode_cursor,
    entity_ids_by_name,
    lucene_phrase,
)


def entity_from(row: dict[str, Any], mentions: int = 0, score: float | None = None) -> EntityOut:
    data = {k: v for k, v in row.items() if v is not None}
    data.setdefault("name", data.get("id", ""))
    data.setdefault("type", "Entity")
    return EntityOut(**data, mentions=mentions, score=score)


def resolve_entity(graph: Graph, ref: str) -> str:
    """One entity id for an id or a name (the best match); NotFound when nothing matches."""
    if graph.read(queries.load("entity_id_exists"), id=ref):
        return ref
    ids = entity_ids_by_name(graph, ref, limit=1)
    if not ids:
        raise NotFound(f"no entity matches {ref!r}")
    return ids[0]


def search_entities(
    graph: Graph, *, q: str | None, types: list[str] | None, limit: int, cursor: str | None
) -> Page[EntityOut]:
    """Full-text over names and aliases (score order) when ``q`` is given, else by name."""
    if q and q.strip():
        after_score, after_id = decode_cursor(cursor, 2)
        rows = graph.read(
            queries.load("entities_search"), q=q.strip(), lucene=lucene_phrase(q), types=types,
            scan=max(200, limit * 5), after_score=after_score, after_id=after_id,
            limit=limit + 1,
        )
        items = [entity_from(r["entity"], r["mentions"], r["score"]) for r in rows[:limit]]
        nxt = (encode_cursor(rows[limit - 1]["score"], rows[limit - 1]["entity"]["id"])
               if len(rows) > limit else None)
        return Page[EntityOut](items=items, next=nxt)
    after_name, after_id = decode_cursor(cursor, 2)
    rows = graph.read(queries.load("entities_list"), types=types, after_name=after_name,
                      after_id=after_id, limit=limit + 1)
    items = [entity_from(r["entity"], r["mentions"]) for r in rows[:limit]]
    last = rows[limit - 1]["entity"] if len(rows) > limit else None
    return Page[EntityOut](items=items,
                           next=encode_cursor(last["name"], last["id"]) if last else None)


def role_from_row(row: dict[str, Any]) -> RoleOut:
    art = row.get("article") or {}
    return RoleOut(
        person=EntityRef(**row["person"]), title=row.get("title"),
        organization=EntityRef(**row["organization"]) if row.get("organization") else None,
        evidence=Evidence(
            article_id=art.get("id") or "", title=art.get("title"), url=art.get("url"),
            outlet=art.get("source"), published=art.get("published"),
            sentence=row.get("sentence"), start=row.get("start"), end=row.get("end"),
            sentence_start=row.get("sentence_start"), sentence_end=row.get("sentence_end"),
        ),
    )


def roles(graph: Graph, entity_id: str, *, other: str | None = None,
          limit: int = 50) -> list[RoleOut]:
    rows = graph.read(queries.load("roles"), id=entity_id, other=other, limit=limit)
    return [role_from_row(r) for r in rows]


def entity_profile(graph: Graph, ref: str, *, limit: int = 20) -> EntityProfile:
    """Properties, counts by month and the heaviest co-mentions, from the write-time
    aggregates (exact for hubs too), plus the newest claims by and about it and its roles."""
    from graph.reads import stats

    entity_id = resolve_entity(graph, ref)
    rows = graph.read(queries.load("entity_stats"), id=entity_id, limit=limit, k=toplists.K)
    if not rows:
        raise NotFound(f"no entity with id {entity_id!r}")
    row = rows[0]
    e = row["entity"]
    by_month: dict[str, PeriodCount] = {}
    for day, n in stats.daily(row["counts"]).items():
        if n["mentions"] or n["articles"]:
            m = by_month.setdefault(day[:7], PeriodCount(period=day[:7]))
            m.mentions += n["mentions"]
            m.articles += n["articles"]
    months = [by_month[k] for k in sorted(by_month)]
    ids = graph.read(queries.load("entity_claim_ids"), id=entity_id, limit=limit)[0]
    # Claims by it and about it in one fetch (a claim can be both: the speaker named itself).
    fetched = {c.id: c for c in claims_by_ids(
        graph, list(dict.fromkeys(ids["by_ids"] + ids["about_ids"])))}
    return EntityProfile(
        id=e["id"], name=e.get("name") or e["id"], type=e.get("type") or "Entity",
        aliases=e.get("aliases") or [], titles=e.get("titles") or [],
        mentions=sum(m.mentions for m in months), articles=sum(m.articles for m in months),
        geonames_id=e.get("geonames_id"), lat=e.get("lat"), lon=e.get("lon"),
        country=e.get("country"), admin1=e.get("admin1"),
        mentions_by_month=months,
        co_mentioned=[CoMention(entity=entity_from(c["entity"]), articles=c["articles"])
                      for c in row["co"]],
        claims_by=[fetched[i] for i in ids["by_ids"] if i in fetched],
        claims_about=[fetched[i] for i in ids["about_ids"] if i in fetched],
        roles=roles(graph, entity_id),
    )


def entities_by_ids(graph: Graph, ids: list[str]) -> dict[str, EntityOut]:
    rows = graph.read(queries.load("entities_by_ids"), ids=ids)
    return {r["entity"]["id"]: entity_from(r["entity"], r["mentions"]) for r in rows}


def resolve_with_entities(graph: Graph, refs: list[str]) -> tuple[list[str],
                                                                   dict[str, EntityOut]]:
    """``resolve_entity`` for each ref and the entities themselves: one read when the refs are
    ids (the common case), the name lookups only for the others."""
    found = entities_by_ids(graph, list(dict.fromkeys(refs)))
    ids = [ref if ref in found else resolve_entity(graph, ref) for ref in refs]
    missing = [i for i in ids if i not in found]
    if missing:
        found.update(entities_by_ids(graph, missing))
    return ids, found


def _evidence(r: dict[str, Any]) -> Evidence:
    art = r["article"]
    return Evidence(
        article_id=art["id"], title=art.get("title"), url=art.get("url"),
        outlet=art.get("source"), published=art.get("published"), sentence=r["sentence"],
        start=r["start"], end=r["end"], sentence_start=r["sentence_start"],
        sentence_end=r["sentence_end"],
    )


def relationship(graph: Graph, a_ref: str, b_ref: str, *, limit: int = 20) -> Relationship:
    """Everything that connects two entities: co-mentions, claims by one about the other, roles."""
    (a_id, b_id), ents = resolve_with_entities(graph, [a_ref, b_ref])
    # Claims by one about the other: the speaker filter first (small), then the about filter.
    from graph.reads import claims_said_about

    a_about_b = claims_said_about(graph, a_id, b_id, limit=limit)
    b_about_a = claims_said_about(graph, b_id, a_id, limit=limit)
    from graph.reads import evidence as hop_evidence

    weight = graph.read(queries.load("agg_pair_weight"), a=a_id, b=b_id)
    shared = int(weight[0]["n"]) if weight else 0
    evidence = hop_evidence.comention(
        graph, [(a_id, b_id)], {i: e.mentions for i, e in ents.items()}, per_pair=limit,
        article_cap=200)[(a_id, b_id)]
    return Relationship(
        a=ents[a_id], b=ents[b_id], co_mentions=evidence, co_mention_articles=shared,
        claims_a_about_b=a_about_b, claims_b_about_a=b_about_a,
        roles=roles(graph, a_id, other=b_id, limit=limit),
    )
