"""Analyst judgements: merge two entities, split an alias (or one mention) off an entity, undo.

A judgement is data, a ``(:Judgement {id})`` node, and it carries the exact state it replaced:
the entities' labels and properties and every relationship they had (type, direction,
properties, the key of the other end). Applying a judgement computes the new state of those
entities and rewrites them in the same transaction that read them; undoing one rewrites the
stored state, so undo restores exactly the previous graph. Other nodes (articles, claims,
resolution decisions) are never changed, only the relationships that end at the entities.
Ingest maps ids through active judgements (``graph/judgement_remap.py``), so a judgement
survives re-ingest and re-extraction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import neo4j.time as ntime

import queries
from graph.driver import Graph
from graph.errors import InvalidInput, NotFound
from graph.models import JudgementOut, MentionRef, NodeLabel, RelType, stable_id

# The label whose uniqueness constraint finds the node at a relationship's other end.
_KEY_LABELS = ("Entity", "Article", "Claim", "ResolutionDecision", "AnonymousSource", "Source")
_LABELS = {lbl.value for lbl in NodeLabel}
_REL_TYPES = {t.value for t in RelType}
_MENTION_LISTS = ("starts", "ends", "texts", "sentence_starts", "sentence_ends")
Node = dict[str, Any]  # {"id", "labels", "props"}
Rel = dict[str, Any]  # {"type", "entity_id", "out", "other_label", "other_id", "props", "ctx"}


def norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# ----------------------------------------------------------------- state: read, store, write
def _enc(v: Any) -> Any:
    """Neo4j temporal values as tagged JSON, so a stored state writes back the same types."""
    if isinstance(v, ntime.DateTime):
        return {"$datetime": v.iso_format()}
    if isinstance(v, ntime.Date):
        return {"$date": v.iso_format()}
    if isinstance(v, list):
        return [_enc(x) for x in v]
    return v


def _dec(v: Any) -> Any:
    if isinstance(v, dict) and "$datetime" in v:
        return ntime.DateTime.from_iso_format(v["$datetime"])
    if isinstance(v, dict) and "$date" in v:
        return ntime.Date.from_iso_format(v["$date"])
    if isinstance(v, list):
        return [_dec(x) for x in v]
    return v


def read_state(tx: Any, ids: list[str]) -> tuple[dict[str, Node], list[Rel]]:
    nodes: dict[str, Node] = {}
    rels: list[Rel] = []
    seen: set[str] = set()
    for rec in tx.run(queries.load("judgement_snapshot"), ids=ids):
        nodes[rec["id"]] = {"id": rec["id"], "labels": sorted(rec["labels"]),
                            "props": dict(rec["props"])}
        for r in rec["rels"]:
            if r["eid"] in seen:  # a relationship between two entities of the state
                continue
            seen.add(r["eid"])
            label = next((x for x in _KEY_LABELS if x in r["other_labels"]), None)
            if label is None or r["other_id"] is None:
                raise InvalidInput(f"entity {rec['id']} has a {r['type']} relationship to a node "
                                   "without a key; it cannot be judged")
            rels.append({"type": r["type"], "entity_id": rec["id"], "out": r["out"],
                         "other_label": label, "other_id": r["other_id"],
                         "props": dict(r["props"]), "ctx": r["ctx"] or {}})
    missing = [i for i in ids if i not in nodes]
    if missing:
        raise NotFound(f"no entity with id {missing[0]!r}")
    return nodes, rels


def speakers(rels: list[Rel], only: set[str] | None = None) -> list[dict[str, Any]]:
    """The speaker properties of the claims these SAID relationships lead to."""
    return [{"id": r["other_id"], "speaker_id": r["ctx"].get("speaker_id"),
             "speaker_name": r["ctx"].get("speaker_name")}
            for r in rels if r["type"] == RelType.SAID.value
            and (only is None or r["other_id"] in only)]


def dump_state(nodes: list[Node], rels: list[Rel]) -> str:
    return json.dumps({
        "claims": speakers(rels),
        "nodes": [{"id": n["id"], "labels": n["labels"],
                   "props": {k: _enc(v) for k, v in n["props"].items()}} for n in nodes],
        "rels": [{k: (({p: _enc(x) for p, x in v.items()}) if k == "props" else v)
                  for k, v in r.items() if k != "ctx"} for r in rels],
    })


def write_state(tx: Any, remove_ids: list[str], nodes: list[Node], rels: list[Rel],
                claims: list[dict[str, Any]]) -> None:
    """Replace the entities ``remove_ids`` with exactly ``nodes`` and ``rels``; set the speaker
    properties of ``claims``."""
    for n in nodes:
        if not set(n["labels"]) <= _LABELS:
            raise InvalidInput(f"unknown label in {n['labels']}")
    for r in rels:
        if r["type"] not in _REL_TYPES or r["other_label"] not in _KEY_LABELS:
            raise InvalidInput(f"unknown relationship type {r['type']!r}")
    tx.run(queries.load("judgement_delete_entities"), ids=remove_ids).consume()
    tx.run(queries.load("judgement_create_entities"), rows=[
        {"id": n["id"], "labels": n["labels"],
         "props": {k: _dec(v) for k, v in n["props"].items()}} for n in nodes]).consume()
    rows = [{"type": r["type"], "entity_id": r["entity_id"], "out": r["out"],
             "other_label": r["other_label"], "other_id": r["other_id"],
             "props": {k: _dec(v) for k, v in r["props"].items()}} for r in rels]
    if rows:
        tx.run(queries.load("judgement_create_rels"), rows=rows).consume()
    if claims:
        tx.run(queries.load("judgement_set_speakers"), rows=claims).consume()


def rel_key(r: Rel) -> list[Any]:
    p = r["props"]
    return [r["type"], r["entity_id"], r["out"], r["other_label"], r["other_id"],
            p.get("article_id"), p.get("start")]


def _with_aliases(props: dict[str, Any], aliases: list[str]) -> dict[str, Any]:
    out = dict(props, aliases=list(dict.fromkeys(aliases)))
    out["alias_text"] = " | ".join([out["name"], *out["aliases"]])  # as write_entities.cypher
    return out


# ------------------------------------------------------------------------------ merge
def _combine(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two MENTIONS of one article: their mentions, by offset, once each."""
    rows = {}
    for p in (a, b):
        for row in zip(*(p.get(k, []) for k in _MENTION_LISTS), strict=True):
            rows.setdefault((row[0], row[1]), row)
    ordered = sorted(rows.values())
    out = dict(a)
    for i, k in enumerate(_MENTION_LISTS):
        out[k] = [r[i] for r in ordered]
    out["count"] = len(ordered)
    return out


def merged_state(s: Node, o: Node, rels: list[Rel]) -> tuple[list[Node], list[Rel]]:
    props = dict(s["props"])
    for k, v in o["props"].items():  # place data the survivor lacks, e.g. coordinates
        if k not in props and k not in ("id", "name", "type", "created_at", "split_from"):
            props[k] = v
    props = _with_aliases(props, [*s["props"].get("aliases", []), o["props"]["name"],
                                  *o["props"].get("aliases", [])])
    out: dict[tuple, Rel] = {}
    for r in rels:
        was_loop = r["other_label"] == "Entity" and r["other_id"] == r["entity_id"]
        r2 = {**r, "entity_id": s["id"]}
        if r2["other_label"] == "Entity" and r2["other_id"] == o["id"]:
            r2["other_id"] = s["id"]
        if r2["other_label"] == "Entity" and r2["other_id"] == s["id"] and not was_loop:
            continue  # a relationship between the two becomes nothing
        key = (r2["type"], r2["out"], r2["other_label"], r2["other_id"],
               r2["props"].get("article_id"), r2["props"].get("start"))
        if key in out and r2["type"] == RelType.MENTIONS.value:
            out[key] = {**out[key], "props": _combine(out[key]["props"], r2["props"])}
        else:
            out.setdefault(key, r2)
    return [{"id": s["id"], "labels": s["labels"], "props": props}], list(out.values())


# ------------------------------------------------------------------------------ split
def split_state(e: Node, rels: list[Rel], new_id: str, new_name: str,
                pick: Callable[[str, int, str], bool],
                alias: str | None) -> tuple[list[Node], list[Rel]]:
    """Moves what ``pick(article_id, start, text)`` selects to a new entity; see docs/api.md."""
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for r in rels:
        if r["type"] == RelType.MENTIONS.value:
            p = r["props"]
            mentions[r["other_id"]] = list(zip(p.get("starts", []), p.get("ends", []),
                                               p.get("texts", []), strict=True))

    def all_picked(article_id: str | None, lo: int | None, hi: int | None) -> bool:
        if article_id is None or lo is None or hi is None:
            return False
        inside = [m for m in mentions.get(article_id, []) if lo <= m[0] < hi]
        return bool(inside) and all(pick(article_id, m[0], m[2]) for m in inside)

    keep: list[Rel] = []
    move: list[Rel] = []
    for r in rels:
        p, ctx, t = r["props"], r["ctx"], r["type"]
        if t == RelType.MENTIONS.value:
            rows = list(zip(*(p.get(k, []) for k in _MENTION_LISTS), strict=True))
            chosen = [x for x in rows if pick(r["other_id"], x[0], x[2])]
            for part, dest in ((chosen, move), ([x for x in rows if x not in chosen], keep)):
                if part:
                    q = dict(p, count=len(part))
                    for i, k in enumerate(_MENTION_LISTS):
                        q[k] = [x[i] for x in part]
                    dest.append({**r, "props": q})
            continue
        if t == RelType.SAID.value:
            aid, s0, s1 = ctx.get("article_id"), ctx.get("speaker_start"), ctx.get("speaker_end")
            at = [m for m in mentions.get(aid or "", []) if m[0] == s0]
            if at:
                moved = pick(aid, at[0][0], at[0][2])
            else:  # the speaker span is not a stored mention: judge its text
                sent, ss = ctx.get("sentence") or "", ctx.get("sentence_start") or 0
                moved = (alias is not None and s0 is not None and s1 is not None
                         and norm(sent[s0 - ss:s1 - ss]) == norm(alias))
        elif t in (RelType.ABOUT.value, RelType.TARGETS.value):
            moved = all_picked(ctx.get("article_id"), ctx.get("sentence_start"),
                               ctx.get("sentence_end"))
        elif t == RelType.RESOLVED.value:
            moved = alias is not None and norm(ctx.get("matched") or "") == norm(alias)
        elif "article_id" in p and "start" in p:  # roles: judged by their evidence span
            moved = all_picked(p["article_id"], p["start"], p.get("end"))
        else:
            moved = False
        (move if moved else keep).append(r)
    if not any(r["type"] == RelType.MENTIONS.value for r in move):
        raise InvalidInput(f"entity {e['id']} has no mention of {new_name!r} to split off")
    kept_aliases = [a for a in e["props"].get("aliases", [])
                    if alias is None or norm(a) != norm(alias)]
    old = {"id": e["id"], "labels": e["labels"], "props": _with_aliases(e["props"], kept_aliases)}
    new_props = {"id": new_id, "name": new_name, "type": e["props"].get("type"),
                 "created_at": ntime.DateTime.from_native(datetime.now(UTC)),
                 "split_from": e["id"]}
    new = {"id": new_id, "labels": e["labels"], "props": _with_aliases(new_props, [new_name])}
    return [old, new], [*keep, *({**r, "entity_id": new_id} for r in move)]


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
        return session.execute_write(work)


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
        return session.execute_write(work)


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
            r2 = {**r2, "props": _combine(carried[key]["props"], r2["props"])}
        carried[key] = r2
        if r["type"] == RelType.SAID.value and r["entity_id"] != home:
            claims.append({"id": r["other_id"], "speaker_id": home, "speaker_name": name})
    return list(carried.values()), claims


def undo(graph: Graph, judgement_id: str, *, role: str) -> JudgementOut:
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
        return session.execute_write(work)


def list_for(graph: Graph, entity_id: str) -> list[JudgementOut]:
    return [to_out(r["j"]) for r in graph.read(queries.load("judgement_list"), id=entity_id)]
