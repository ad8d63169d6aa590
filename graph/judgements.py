"""Analyst judgements: merge two entities, split an alias (or one mention) off an entity, undo.

A judgement is data, a ``(:Judgement {id})`` node, and it carries the exact state it replaced
(``graph/judgement_state.py``). Applying a judgement computes the new state of the judged
entities and rewrites them in the same transaction that read them; undoing one writes the
stored state back, so undo restores exactly the previous graph (plus what articles written since
added to those entities). Ingest maps ids through active judgements
(``graph/judgement_remap.py``), so a judgement survives re-ingest and re-extraction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import queries
from graph import aggregates, newest_claims
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.judgement_state import (
    Rel,
    combine_mentions,
    dump_state,
    merged_state,
    norm,
    read_state,
    rel_key,
    speakers,
    split_state,
    write_state,
)
from graph.models import JudgementOut, MentionRef, RelType, stable_id


def _in_aggregates(tx: Any, entity_ids: list[str], change: Callable[[], JudgementOut]
                   ) -> JudgementOut:
    """Run ``change`` with the write-time aggregates kept exact, in the same transaction.

    A judgement deletes and recreates the judged entities (their aggregate edges with them), so
    a delta would land on edges that are gone: instead the contribution of every article that
    touches them is taken out first, while the entities still stand, and put back afterwards."""
    rec = tx.run(queries.load("judgement_articles"), ids=entity_ids).single()
    article_ids = sorted(rec["ids"]) if rec else []
    empty = aggregates.Contribution()
    before = aggregates.read_contribution(tx, article_ids)
    aggregates.apply(tx, before, empty, newest=False)
    out = change()
    after = aggregates.read_contribution(tx, article_ids)
    aggregates.apply(tx, empty, after, newest=False)
    # The newest-claims lists move once, after the change: a recompute must read the claims'
    # edges as they end up, not as they stood before (graph/newest_claims.py).
    newest_claims.update(tx, before.newest, after.newest)
    return out


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")

# ------------------------------------------------------------------------- judgements
def _decision(rels: list[Rel], entity_id: str,
              matched: str | None) -> tuple[str | None, float | None]:
    """The resolver's decision a judgement overrules: the latest for the entity (or alias)."""
    found = [r["ctx"] for r in rels if r["type"] == RelType.RESOLVED.value
             and r["entity_id"] == entity_id
             and (matched is None or norm(r["ctx"].get("matched") or "") == norm(matched))]
    if not found:
        return None, None
    last = max(found, key=lambda c: str(c.get("at") or ""))
    return last.get("method"), last.get("score")


def _record(tx: Any, props: dict[str, Any]) -> JudgementOut:
    tx.run(queries.load("judgement_create"), props=props).consume()
    return to_out(props)


def to_out(props: dict[str, Any]) -> JudgementOut:
    return JudgementOut.model_validate({k: v for k, v in props.items() if k != "snapshot"})


def _base(kind: str, entity_id: str, reason: str | None, role: str) -> dict[str, Any]:
    return {"id": "jdg-" + uuid.uuid4().hex[:16], "kind": kind, "entity_id": entity_id,
            "reason": reason, "created_at": now_iso(), "created_by": role}


def merge(graph: Graph, survivor_id: str, other_id: str, *, reason: str | None,
          role: str) -> JudgementOut:
    if survivor_id == other_id:
        raise InvalidInput("an entity cannot be merged into itself")

    def work(tx: Any) -> JudgementOut:
        nodes, rels = read_state(tx, [survivor_id, other_id])
        after_nodes, after_rels = merged_state(nodes[survivor_id], nodes[other_id], rels)
        method, score = _decision(rels, other_id, None)
        props = {**_base("merge", survivor_id, reason, role), "other_id": other_id,
                 "method": method, "score": score,
                 "snapshot": dump_state(list(nodes.values()), rels),
                 "after_keys": json.dumps([rel_key(r) for r in after_rels])}
        s = nodes[survivor_id]["props"]
        moved = [dict(c, speaker_id=survivor_id, speaker_name=s.get("name"))
                 for c in speakers([r for r in rels if r["entity_id"] == other_id])]
        props["entity_name"] = s.get("name")
        write_state(tx, [survivor_id, other_id], after_nodes, after_rels, moved)
        return _record(tx, {k: v for k, v in props.items() if v is not None})

    with graph.session() as session:
        return session.execute_write(
            lambda tx: _in_aggregates(tx, [survivor_id, other_id], lambda: work(tx)))


def split(graph: Graph, entity_id: str, *, alias: str | None, mention: MentionRef | None,
          reason: str | None, role: str) -> JudgementOut:
    if (alias is None) == (mention is None):
        raise InvalidInput("give exactly one of 'alias' or 'mention'")

    def work(tx: Any) -> JudgementOut:
        nodes, rels = read_state(tx, [entity_id])
        e = nodes[entity_id]
        if alias is not None:
            if norm(alias) == norm(e["props"].get("name", "")):
                raise InvalidInput(f"{alias!r} is the entity's own name; merge or split the "
                                   "other aliases instead")
            new_name = alias

            def pick(_aid: str, _start: int, text: str) -> bool:
                return norm(text) == norm(alias)
        else:
            assert mention is not None
            texts = [t for r in rels if r["type"] == RelType.MENTIONS.value
                     and r["other_id"] == mention.article_id
                     for s, t in zip(r["props"].get("starts", []), r["props"].get("texts", []),
                                     strict=True) if s == mention.start]
            if not texts:
                raise InvalidInput(f"entity {entity_id} has no mention at {mention.start} in "
                                   f"article {mention.article_id}")
            new_name = texts[0]

            def pick(aid: str, start: int, _text: str) -> bool:
                return aid == mention.article_id and start == mention.start
        what = alias if alias is not None else f"{mention.article_id}@{mention.start}"
        kind = str(e["props"].get("type") or "entity").lower()
        new_id = stable_id(entity_id, what, prefix=f"{kind}:split-")
        if tx.run(queries.load("judgement_entity_exists"), id=new_id).single():
            raise InvalidInput(f"{what!r} is already split off {entity_id} (as {new_id})")
        after_nodes, after_rels = split_state(e, rels, new_id, new_name, pick, alias)
        method, score = _decision(rels, entity_id, alias)
        props = {**_base("split", entity_id, reason, role), "new_entity_id": new_id,
                 "new_name": new_name, "alias": new_name, "method": method, "score": score,
                 "article_id": mention.article_id if mention else None,
                 "start": mention.start if mention else None,
                 "snapshot": dump_state(list(nodes.values()), rels),
                 "after_keys": json.dumps([rel_key(r) for r in after_rels])}
        said = {r["other_id"] for r in after_rels
                if r["entity_id"] == new_id and r["type"] == RelType.SAID.value}
        moved = [dict(c, speaker_id=new_id, speaker_name=new_name)
                 for c in speakers(rels, said)]
        write_state(tx, [entity_id], after_nodes, after_rels, moved)
        return _record(tx, {k: v for k, v in props.items() if v is not None})

    with graph.session() as session:
        return session.execute_write(
            lambda tx: _in_aggregates(tx, [entity_id], lambda: work(tx)))


def _later_additions(tx: Any, j: dict[str, Any], ids: list[str],
                     snap: dict[str, Any]) -> tuple[list[Rel], list[dict[str, Any]]]:
    """Relationships that articles written after the judgement gave its entities: kept, on the
    survivor of a merge or the entity a split was taken from (the judgement's ``entity_id``)."""
    present = [x for x in ids if tx.run(queries.load("judgement_entity_exists"), id=x).single()]
    if not present:
        return [], []
    _, now_rels = read_state(tx, present)
    after = {tuple(k) for k in json.loads(j.get("after_keys") or "[]")}
    home = j["entity_id"]
    restored = {tuple(rel_key(r)) for r in snap["rels"]}
    name = next((n["props"].get("name") for n in snap["nodes"] if n["id"] == home), None)
    carried: dict[tuple, Rel] = {}
    claims: list[dict[str, Any]] = []
    for r in now_rels:
        if tuple(rel_key(r)) in after:
            continue
        r2 = {**r, "entity_id": home}
        key = tuple(rel_key(r2))
        if (r2["other_label"] == "Entity" and r2["other_id"] in ids) or key in restored:
            continue  # the stored state decides these
        if key in carried and r2["type"] == RelType.MENTIONS.value:  # one article, two halves
            r2 = {**r2, "props": combine_mentions(carried[key]["props"], r2["props"])}
        carried[key] = r2
        if r["type"] == RelType.SAID.value and r["entity_id"] != home:
            claims.append({"id": r["other_id"], "speaker_id": home, "speaker_name": name})
    return list(carried.values()), claims


def undo(graph: Graph, judgement_id: str, *, role: str) -> JudgementOut:
    def _judged(tx: Any) -> list[str]:
        rec = tx.run(queries.load("judgement_get"), id=judgement_id).single()
        j = dict(rec["j"]) if rec else {}
        return [x for x in (j.get("entity_id"), j.get("other_id"), j.get("new_entity_id")) if x]

    def work(tx: Any) -> JudgementOut:
        rec = tx.run(queries.load("judgement_get"), id=judgement_id).single()
        if rec is None:
            raise NotFound(f"no judgement with id {judgement_id!r}")
        j = dict(rec["j"])
        if j.get("undone_at"):
            raise InvalidInput(f"judgement {judgement_id} was already undone")
        ids = [x for x in (j["entity_id"], j.get("other_id"), j.get("new_entity_id")) if x]
        later = [r["id"] for r in tx.run(queries.load("judgement_later"), ids=ids,
                                         after=j["created_at"], id=judgement_id)]
        if later:
            raise InvalidInput(f"undo the later judgements on these entities first: {later}")
        snap = json.loads(j["snapshot"])
        carried, claims = _later_additions(tx, j, ids, snap)
        write_state(tx, ids, snap["nodes"], [*snap["rels"], *carried],
                    [*snap["claims"], *claims])
        j["undone_at"], j["undone_by"] = now_iso(), role
        tx.run(queries.load("judgement_undone"), id=judgement_id, at=j["undone_at"],
               by=role).consume()
        return to_out(j)

    with graph.session() as session:
        return session.execute_write(lambda tx: _in_aggregates(tx, _judged(tx), lambda: work(tx)))


def list_for(graph: Graph, entity_id: str) -> list[JudgementOut]:
    return [to_out(r["j"]) for r in graph.read(queries.load("judgement_list"), id=entity_id)]
