"""The thin slice end to end: `kg ingest FILE` into the real Neo4j, then who-said-what over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys

from graph.driver import Graph
from graph.settings import Settings, get_settings
from tests.conftest import READ_KEY, REPO, cli_env

SLICE_ARTICLE = """Peskov Says Talks Will Continue

Kremlin spokesperson Dmitry Peskov said on Monday that talks with Washington would continue \
next week. A senior Ukrainian official said Kyiv had not been invited to the meeting in Riyadh.
"""


def test_kg_ingest_file_is_idempotent(graph: Graph, settings: Settings, tmp_path):
    path = tmp_path / "slice.txt"
    path.write_text(SLICE_ARTICLE, encoding="utf-8")
    kg = [sys.executable, "-m", "api.cli", "ingest", str(path), "--source", "Slice Wire",
          "--workers", "0", "-q"]
    count = "MATCH (a:Article {title: 'Peskov Says Talks Will Continue'}) " \
            "OPTIONAL MATCH (a)<-[:REPORTED_IN]-(c:Claim) RETURN count(DISTINCT a) AS a, " \
            "count(c) AS c"
    assert graph.read(count)[0] == {"a": 0, "c": 0}
    run = subprocess.run(kg, cwd=REPO, env=cli_env(settings), capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    first = graph.read(count)[0]
    assert first["a"] == 1 and first["c"] >= 2
    speakers = graph.read(
        "MATCH (s)-[:SAID]->(c:Claim)-[:REPORTED_IN]->(:Article {title: $t}) "
        "RETURN s.name AS name, s:AnonymousSource AS anon ORDER BY name",
        t="Peskov Says Talks Will Continue",
    )
    assert {"name": "Dmitry Peskov", "anon": False} in speakers
    assert any(s["anon"] for s in speakers)  # "a senior Ukrainian official" stays unnamed
    run = subprocess.run(kg, cwd=REPO, env=cli_env(settings), capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    assert graph.read(count)[0] == first  # same text, same article: nothing added


def test_who_said_what_returns_evidence_with_offsets(client, seeded: Graph):
    resp = client.get("/v1/claims", params={"speaker": "Zelensky"})
    assert resp.status_code == 200, resp.text
    items = resp.json()["items"]
    assert len(items) >= 2
    text = seeded.read("MATCH (a:Article {id: 'seed-ceasefire-call'}) RETURN a.text AS t")[0]["t"]
    for claim in items:
        assert claim["speaker"]["name"] == "Volodymyr Zelensky"
        ev = claim["evidence"]
        if ev["article_id"] != "seed-ceasefire-call":
            continue
        assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
        assert text[ev["start"]:ev["end"]] == claim["content"]
        assert ev["start"] >= ev["sentence_start"] and ev["end"] <= ev["sentence_end"]
    contents = " ".join(c["content"] for c in items)
    assert "prolong the war" in contents and "strengthen its position" in contents


def test_claims_need_a_key(client):
    resp = client.get("/v1/claims", headers={"X-API-Key": ""})
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "unauthorized"
    bearer = {"X-API-Key": "", "Authorization": f"Bearer {READ_KEY}"}
    resp = client.get("/v1/claims", headers=bearer)
    assert resp.status_code == 200


def test_nothing_connects_at_import_time():
    # A closed port: importing every module must not try to reach it.
    env = dict(os.environ, KG_NEO4J_URI="bolt://127.0.0.1:9", KG_PROFILE="importcheck")
    code = "import api.app, api.cli, graph.writer, graph.reads, ingest.pipeline; " \
           "api.app.create_app(); print('ok')"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_settings_are_cached_and_overridable(monkeypatch):
    get_settings.cache_clear()
    monkeypatch.setenv("KG_WRITE_BATCH_SIZE", "123")
    assert get_settings().write_batch_size == 123
    assert get_settings() is get_settings()
    get_settings.cache_clear()
