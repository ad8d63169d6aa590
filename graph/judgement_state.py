"""The state that a judgement replaces and writes: entities with their labels, properties and
every relationship (type, direction, properties, the key of the node at the other end), read,
stored as JSON and written back exactly; and the new state a merge or a split computes from it.

Only the judged entities are rewritten (and the speaker properties of the claims whose speaker
moves); articles, claims and resolution decisions stay the same nodes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import neo4j.time as ntime

import queries
from graph.errors import InvalidInput, NotFound
from graph.models import AggRel, NodeLabel, RelType

# The label whose uniqueness constraint finds the node at a relationship's other end.
# Aggregate edges are not part of a judged state: they are recomputed from the articles' own
# edges (graph/aggregates.py) whenever a judgement or its undo moves those.
_DERIVED = [t.value for t in AggRel]
_KEY_LABELS = ("Entity", "Article", "Claim", "ResolutionDecision", "AnonymousSource", "Source")
_LABELS = {lbl.value for lbl in NodeLabel}
_REL_TYPES = {t.value for t in RelType}
_MENTION_LISTS = ("starts", "ends", "texts", "sentence_starts", "sentence_ends")
Node = dict[str, Any]  # {"id", "labels", "props"}
Rel = dict[str, Any]  # {"type", "entity_id", "out", "other_label", "other_id", "props", "ctx"}


def norm(s: str) -> str:
    return " ".join(s.split()).casefold()


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
    for rec in tx.run(queries.load("judgement_snapshot"), ids=ids, derived=_DERIVED):
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
def combine_mentions(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
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
            out[key] = {**out[key], "props": combine_mentions(out[key]["props"], r2["props"])}
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
