"""The plain claim list reads its page in the stored sort key's index order (migration 5),
against the real Neo4j."""

from __future__ import annotations

from typing import Any

import queries
from graph.driver import Graph
from graph.schema import MIGRATIONS


def _operators(plan: dict[str, Any]) -> list[str]:
    out = [plan.get("operatorType", "")]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def test_the_unfiltered_page_is_an_index_ordered_scan(graph: Graph) -> None:
    for after in (None, "2024-05-01"):
        _, plan = graph.explain(queries.load("claims_list_all"),
                                {"limit": 51, "after_key": after, "after_id": "claim:x"},
                                timeout_s=10)
        ops = [o.split("@")[0] for o in _operators(plan)]
        assert any(o.startswith("NodeIndex") for o in ops), ops
        # no scan of every claim and no full sort of them: only a partial top by id
        assert not any(o in ("NodeByLabelScan", "AllNodesScan", "Sort", "Top") for o in ops), ops


def test_migration_5_stores_the_key_on_claims_written_before_it(graph: Graph) -> None:
    backfill = next(m for m in MIGRATIONS if m.version == 5).backfill
    assert backfill is not None
    graph.write("CREATE (:Claim {id: 'tlo-1', date: '2024-02-03', published: '2024-02-05'}), "
                "(:Claim {id: 'tlo-2', published: '2024-01-09'}), (:Claim {id: 'tlo-3'})")
    try:
        backfill(graph)
        rows = graph.read("MATCH (c:Claim) WHERE c.id STARTS WITH 'tlo-' "
                          "RETURN c.id AS id, c.sort_key AS k ORDER BY id")
        assert [(r["id"], r["k"]) for r in rows] == [
            ("tlo-1", "2024-02-03"), ("tlo-2", "2024-01-09"), ("tlo-3", "")]
    finally:
        graph.write("MATCH (c:Claim) WHERE c.id STARTS WITH 'tlo-' DETACH DELETE c")


def test_a_reingest_without_date_or_outlet_keeps_the_articles_on_its_claims(
        graph: Graph, monkeypatch) -> None:
    """The article keeps the date and outlet a re-ingest leaves out, and its claims (written
    afresh) must carry the same ones, or the claim list files them among the undated."""
    import random

    from tests import test_aggregates as agg

    monkeypatch.setattr(agg, "P", "tlo2:")
    dated, _ = agg._article(1, random.Random(4), day="2024-02-14")
    dated = dated.model_copy(update={"source": "Northgate Post"})
    _, res = agg._article(1, random.Random(4), day="2024-02-14")
    undated = dated.model_copy(update={"published": None, "source": None})
    assert res.claims
    try:
        agg._write(graph, [(dated, res)])
        # re-extracted: one claim kept, one new (a new node, no stored values of its own)
        new = res.claims[0].model_copy(update={"id": "tlo2:art1-new"})
        agg._write(graph, [(undated, res.model_copy(update={"claims": [res.claims[0], new]}))])
        rows = graph.read(
            "MATCH (c:Claim)-[:REPORTED_IN]->(a:Article {id: 'tlo2:art1'}) RETURN c.id AS id, "
            "c.published AS p, c.sort_key AS k, c.outlet AS o, a.published AS ap")
        assert len(rows) == 2 and all(r["ap"] == "2024-02-14" for r in rows)
        assert [(r["p"], r["k"], r["o"]) for r in rows] == [
            ("2024-02-14", "2024-02-14", "Northgate Post")] * len(rows)
    finally:
        # through the writer's own delete, so the aggregates of the shared test entities
        # (agg._article names the aggregate tests' people) lose this article's contribution
        from graph import aggregates

        aggregates.delete_articles(graph, ["tlo2:art1"])
        graph.write("MATCH (n) WHERE n.id STARTS WITH 'tlo2:' DETACH DELETE n")
