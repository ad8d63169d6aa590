"""Judgements survive re-ingest: before an article's extraction is written, its entity ids are
mapped through the active judgements, in the order they were made.

- merge (other -> survivor): the other entity's records, speakers, claim subjects and roles
  become the survivor's.
- split (alias, or one mention, off an entity): the mentions written as the alias (or that one
  mention) go to the split-off entity, with the claims said under them and the claims and roles
  whose evidence names the entity only through them, as ``judgement_state.split_state`` does in
  the graph.

The resolver and extractors stay unaware of judgements; this runs in the writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import queries
from graph.driver import Graph
from graph.judgement_state import norm
from graph.models import EntityRecord, ExtractionResult, Mention, StoredArticle


def apply_judgements(graph: Graph, articles: Sequence[StoredArticle],
                     results: Sequence[ExtractionResult]) -> list[ExtractionResult]:
    active = graph.read(queries.load("judgement_active"))
    if not active:
        return list(results)
    texts = {a.id: a.text for a in articles}
    return [remap(active, r, texts.get(r.id, "")) for r in results]


def remap(active: list[dict[str, Any]], result: ExtractionResult, text: str) -> ExtractionResult:
    res = result.model_copy(deep=True)
    for j in active:
        if j["kind"] == "merge":
            _rename(res, j["other_id"], j["entity_id"], j["entity_name"])
        elif j["kind"] == "split":
            _split(res, j, text)
    return res


def _rename(res: ExtractionResult, old: str, new: str, new_name: str | None) -> None:
    if not any(e.id == old for e in res.entities):
        return
    merged: dict[str, EntityRecord] = {}
    for e in res.entities:
        if e.id == old:
            # The judgement overrules this record's resolution; the decision node is already
            # in the graph, attached to the survivor by the merge.
            e.id, e.resolution = new, None
        if e.id in merged:
            tgt = merged[e.id]
            tgt.mentions.extend(e.mentions)
            tgt.aliases.extend(a for a in (e.name, *e.aliases) if a not in tgt.aliases)
        else:
            merged[e.id] = e
    res.entities = list(merged.values())
    for c in res.claims:
        if c.speaker.id == old:
            c.speaker.id, c.speaker.name = new, new_name or c.speaker.name
        c.about = list(dict.fromkeys(new if a == old else a for a in c.about))
        c.target = new if c.target == old else c.target
    for r in res.relations:
        r.source = new if r.source == old else r.source
        r.target = new if r.target == old else r.target


def _split(res: ExtractionResult, j: dict[str, Any], text: str) -> None:
    ent = next((e for e in res.entities if e.id == j["entity_id"]), None)
    if ent is None:
        return
    by_mention = j.get("article_id") is not None

    def pick(m: Mention) -> bool:
        if by_mention:
            return res.id == j["article_id"] and m.start == j["start"]
        return norm(m.text) == norm(j["alias"])

    moved = [m for m in ent.mentions if pick(m)]
    if not moved:
        return
    new_id, every = j["new_entity_id"], list(ent.mentions)

    def only_moved(lo: int, hi: int) -> bool:
        inside = [m for m in every if lo <= m.start < hi]
        return bool(inside) and all(pick(m) for m in inside)

    ent.mentions = [m for m in ent.mentions if not pick(m)]
    if not by_mention:
        ent.aliases = [a for a in ent.aliases if norm(a) != norm(j["alias"])]
        if ent.resolution and norm(str(ent.resolution.get("matched") or "")) == norm(j["alias"]):
            ent.resolution = None  # that decision now belongs to the split-off entity
    res.entities.append(EntityRecord(id=new_id, type=ent.type, name=j["new_name"],
                                     aliases=[j["new_name"]], mentions=moved))
    if not ent.mentions:
        res.entities.remove(ent)
    for c in res.claims:
        if c.speaker.id == ent.id and c.speaker_span:
            s0, s1 = c.speaker_span
            at = [m for m in every if m.start == s0]
            said = pick(at[0]) if at else (not by_mention
                                           and norm(text[s0:s1]) == norm(j["alias"]))
            if said:
                c.speaker.id, c.speaker.name = new_id, j["new_name"]
        if only_moved(*c.sentence_span):
            c.about = [new_id if a == ent.id else a for a in c.about]
            c.target = new_id if c.target == ent.id else c.target
    for r in res.relations:
        if only_moved(r.span[0], r.span[1]):
            r.source = new_id if r.source == ent.id else r.source
            r.target = new_id if r.target == ent.id else r.target
