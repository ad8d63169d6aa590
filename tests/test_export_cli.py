"""``kg export`` end to end in a subprocess against the test database: files that parse, a
progress bar on stderr, scopes on the command line, and clean errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef

from graph.driver import Graph as KG
from graph.export.rdf import SDO
from graph.settings import Settings
from tests import export_fixtures
from tests.conftest import REPO, cli_env


@pytest.fixture(scope="module")
def xp(graph: KG) -> KG:
    export_fixtures.write(graph)
    return graph


def kg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO,
                          env=cli_env(settings),
                          capture_output=True, text=True, timeout=300)


def test_kg_export_turtle_with_progress(xp: KG, settings: Settings, tmp_path: Path):
    out = tmp_path / "kg.ttl"
    run = kg(settings, "export", "--format", "turtle", "--out", str(out),
             "--base-url", "https://kg.example", "--page-size", "2")
    assert run.returncode == 0, run.stderr
    assert "export turtle" in run.stderr and "node" in run.stderr  # tqdm's bar
    total = xp.read("MATCH (n) WHERE n:Claim OR n:Entity OR n:Article OR n:Source OR "
                    "n:AnonymousSource RETURN count(n) AS n")[0]["n"]
    assert f"{total}/{total}" in run.stderr
    g = Graph().parse(out, format="turtle")
    claim = URIRef("https://kg.example/id/claim/xp-claim-numeric")
    assert (claim, RDF.type, SDO.Claim) in g


def test_kg_export_gexf_neighbourhood_and_dates(xp: KG, settings: Settings, tmp_path: Path):
    out = tmp_path / "n.gexf"
    run = kg(settings, "export", "-f", "gexf", "-o", str(out), "--entity", "xp-peskov",
             "--depth", "1", "-q")
    assert run.returncode == 0, run.stderr
    g = nx.read_gexf(out)
    assert {"xp-peskov", "xp-claim-vague", "xp-art-2"} <= set(g.nodes)
    assert "xp-claim-numeric" not in g.nodes
    out = tmp_path / "d.csv"
    run = kg(settings, "export", "-f", "csv", "--part", "nodes", "-o", str(out),
             "--date-from", "2024-06-01", "-q")
    assert run.returncode == 0, run.stderr
    text = out.read_text()
    assert "xp-claim-vague" in text and "xp-claim-numeric" not in text


def test_kg_export_errors_are_clean(xp: KG, settings: Settings, tmp_path: Path):
    run = kg(settings, "export", "-f", "ftm", "-o", str(tmp_path / "x"), "--entity", "nope-x")
    assert run.returncode == 2
    assert "kg: error:" in run.stderr and "nope-x" in run.stderr
    assert "Traceback" not in run.stderr
