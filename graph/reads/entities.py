"""Entity reads: search, list, profile, roles and what connects two entities."""

from __future__ import annotations

from typing import Any

import queries
from graph import newest_claims, toplists
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
    claim_from_row,
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


def stats_row(graph: Graph, ref: str, *, limit: int) -> dict[str, Any]:
    """The ``entity_stats`` row of an id or a name: the id is tried first (one read, the
    common case), the name lookup only when no entity has that id; NotFound when neither."""
    rows = graph.read(queries.load("entity_stats"), id=ref, limit=limit, k=toplists.K)
    if rows:
        return rows[0]
    ids = entity_ids_by_name(graph, ref, limit=1)
    if not ids:
        raise NotFound(f"no entity matches {ref!r}")
    rows = graph.read(queries.load("entity_stats"), id=ids[0], limit=limit,
                      k=toplists.K)
    if not rows:
        raise NotFound(f"no entity with id {ids[0]!r}")
    return rows[0]


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


# Roles listed in a profile (and by default by ``roles``).
ROLE_LIMIT = 50


def roles(graph: Graph, entity_id: str, *, other: str | None = None,
          limit: int = ROLE_LIMIT) -> list[RoleOut]:
    rows = graph.read(queries.load("roles"), id=entity_id, other=other, limit=limit)
    return [role_from_row(r) for r in rows]


def entity_profile(graph: Graph, ref: str, *, limit: int = 20) -> EntityProfile:
    """Properties, counts by month and the heaviest co-mentions, from the write-time
    aggregates (exact for hubs too), plus the newest claims by and about it and its roles."""
    from graph.reads import stats

    row = stats_row(graph, ref, limit=limit)
    e = row["entity"]
    entity_id = e["id"]
    # Summed in plain lists, one model per month at the end: a model per day and a validated
    # attribute update per count took several ms for a hub (thousands of days).
    by_month: dict[str, list[int]] = {}
    for day, n in stats.daily(row["counts"]).items():
        if n["mentions"] or n["articles"]:
            m = by_month.get(day[:7])
            if m is None:
                m = by_month[day[:7]] = [0, 0]
            m[0] += n["mentions"]
            m[1] += n["articles"]
    months = [PeriodCount(period=k, mentions=by_month[k][0], articles=by_month[k][1])
              for k in sorted(by_month)]
    # Claims by it and about it, whole, and its roles: one read (a claim can be both by and
    # about it: the speaker named itself).
    lists = graph.read(queries.load("entity_profile_lists"), id=entity_id, limit=limit,
                       role_limit=ROLE_LIMIT, stored=newest_claims.N)[0]
    fetched = {r["claim"]["id"]: claim_from_row(r) for r in lists["claims"]}
    return EntityProfile(
        id=e["id"], name=e.get("name") or e["id"], type=e.get("type") or "Entity",
        aliases=e.get("aliases") or [], titles=e.get("titles") or [],
        mentions=sum(m.mentions for m in months), articles=sum(m.articles for m in months),
        geonames_id=e.get("geonames_id"), lat=e.get("lat"), lon=e.get("lon"),
        country=e.get("country"), admin1=e.get("admin1"),
        mentions_by_month=months,
        co_mentioned=[CoMention(entity=entity_from(c["entity"]), articles=c["articles"])
                      for c in row["co"]],
        claims_by=[fetched[i] for i in lists["by_ids"] if i in fetched],
        claims_about=[fetched[i] for i in lists["about_ids"] if i in fetched],
        roles=[role_from_row(r) for r in lists["roles"]],
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


def _relationship_row(graph: Graph, a_id: str, b_id: str, limit: int
                      ) -> tuple[dict[str, Any], dict[str, EntityOut]]:
    row = graph.read(queries.load("relationship"), a=a_id, b=b_id, limit=limit)[0]
    return row, {r["entity"]["id"]: entity_from(r["entity"], r["mentions"])
                 for r in row["entities"]}


def relationship(graph: Graph, a_ref: str, b_ref: str, *, limit: int = 20) -> Relationship:
    """Everything that connects two entities: co-mentions, claims by one about the other, roles.
    Two reads when both are given by id: the entities, claims, weight and roles in one, the
    co-mention evidence in the other; names are resolved first only when they are not ids."""
    a_id, b_id = a_ref, b_ref
    row, ents = _relationship_row(graph, a_id, b_id, limit)
    if a_id not in ents or b_id not in ents:
        a_id, b_id = (ref if ref in ents else resolve_entity(graph, ref) for ref in (a_ref, b_ref))
        row, ents = _relationship_row(graph, a_id, b_id, limit)
        for ref in (a_id, b_id):
            if ref not in ents:
                raise NotFound(f"no entity matches {ref!r}")
    from graph.reads import evidence as hop_evidence

    fetched = {r["claim"]["id"]: claim_from_row(r) for r in row["claims"]}
    evidence = hop_evidence.comention(
        graph, [(a_id, b_id)], {i: e.mentions for i, e in ents.items()}, per_pair=limit,
        article_cap=200)[(a_id, b_id)]
    return Relationship(
        a=ents[a_id], b=ents[b_id], co_mentions=evidence, co_mention_articles=int(row["weight"]),
        claims_a_about_b=[fetched[i] for i in row["ab_ids"] if i in fetched],
        claims_b_about_a=[fetched[i] for i in row["ba_ids"] if i in fetched],
        roles=[role_from_row(r) for r in row["roles"]],
    )
