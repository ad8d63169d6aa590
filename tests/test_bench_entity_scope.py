"""bench/entity_metrics.py scores only the entity types the gold annotates: an Equipment
entity (a type no gold file uses) is unjudged, neither right nor wrong."""

from __future__ import annotations

from types import SimpleNamespace

from bench.entity_metrics import EntityScores, gold_scheme


def _ent(type_: str, name: str, start: int) -> dict:
    return {"type": type_, "name": name, "aliases": [],
            "mentions": [{"start": start, "end": start + len(name)}]}


def test_types_outside_the_gold_scheme_are_not_scored() -> None:
    text = "Gepard guns reached Odesa."
    gold = {"id": "a", "entities": [{"type": "Place", "name": "Odesa", "aliases": [],
                                     "mentions": ["Odesa"]}]}
    scheme = gold_scheme([gold, {"id": "b", "entities": [
        {"type": "Person", "name": "X", "aliases": []}]}])
    assert scheme == {"Place", "Person"}
    res = {"entities": [_ent("Equipment", "Gepard", 0), _ent("Place", "Odesa", 20)]}
    doc = SimpleNamespace(ents=())
    scoped, unscoped = EntityScores(scheme), EntityScores()
    scoped.add(gold, text, res, doc)
    unscoped.add(gold, text, res, doc)
    assert scoped.m["ent"] == [1, 1, 1] and scoped.unscored == {"Equipment": 1}
    assert unscoped.m["ent"] == [1, 2, 1] and unscoped.unscored == {}
    # a Place typed Person is still wrong: the scheme holds Person
    res = {"entities": [_ent("Person", "Odesa", 20)]}
    other = EntityScores(scheme)
    other.add(gold, text, res, doc)
    assert other.m["ent"] == [0, 1, 1]
