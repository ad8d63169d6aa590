"""The in-repository corpus (788 FA-KES articles, tests/data/corpus/) through
`kg ingest --workers 2`, then a second run that adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import articles as graph_articles
from graph.driver import Graph
from graph.settings import Settings
from tests.conftest import CORPUS
from tests.ingest_fixtures import kg_env, run_kg


@pytest.mark.slow
@pytest.mark.timeout(3000)
def test_whole_corpus_with_two_workers_then_a_second_run_adds_nothing(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    ids = [json.loads(line)["id"] for line in CORPUS.open(encoding="utf-8") if line.strip()]
    assert len(ids) == len(set(ids)) == 788
    env = kg_env(settings, tmp_path)
    run = run_kg(["ingest", str(CORPUS), "--workers", "2", "-q"], env, timeout=2700)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["articles"] == len(ids) and report["failed_jobs"] == []
    assert report["queue"]["queued"] == 0 and report["queue"]["running"] == 0

    rows = graph.read("UNWIND $ids AS id MATCH (a:Article {id: id}) "
                      "RETURN a.status AS status, count(*) AS n", ids=ids)
    by_status = {r["status"]: r["n"] for r in rows}
    assert sum(by_status.values()) == len(ids)  # every article is stored, whatever its status
    assert by_status.get("ok", 0) > 0.9 * len(ids)
    assert set(by_status) <= {"ok", "near_duplicate", "duplicate", "unsupported_language"}
    claims = graph.read("UNWIND $ids AS id MATCH (c:Claim)-[:REPORTED_IN]->(:Article {id: id}) "
                        "RETURN count(c) AS n", ids=ids)[0]["n"]
    assert claims > len(ids)
    # Near-duplicates point at an original with a score; the corpus has a few wire copies.
    links = graph.read("UNWIND $ids AS id MATCH (:Article {id: id})-[d:DUPLICATE_OF]->(o) "
                       "RETURN min(d.similarity) AS lo, count(d) AS n, "
                       "count(o.text) AS with_text", ids=ids)[0]
    assert links["n"] == by_status.get("near_duplicate", 0) + by_status.get("duplicate", 0)
    assert links["n"] == 0 or (links["lo"] >= 0.8 and links["with_text"] == links["n"])

    before = graph_articles.graph_counts(graph)
    run = run_kg(["ingest", str(CORPUS), "--workers", "2", "-q"], env, timeout=1200)
    assert run.returncode == 0, run.stderr[-3000:]
    assert graph_articles.graph_counts(graph) == before
