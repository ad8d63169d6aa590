"""POST /v1/query (read-only Cypher), keys, roles, CORS and the error shape."""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import IngestRole
from graph.driver import Graph
from graph.errors import QueryRefused
from graph.settings import Settings
from tests.api_fixtures import VARGA, ApiGraph
from tests.conftest import ADMIN_KEY, INGEST_KEY, READ_KEY, make_settings

pytest_plugins = ("tests.api_fixtures",)  # the api_graph fixture

WRITES = [
    "CREATE (n:Person {id: 't5-evil'}) RETURN n",
    "MATCH (e:Entity {id: $id}) SET e.name = 'x' RETURN e",
    "merge (n:Claim {id: 't5-evil'}) return n",
    "MATCH (n:Entity {id: $id}) DETACH DELETE n",
    "MATCH (n:Entity {id: $id}) REMOVE n.name RETURN n",
    "DROP INDEX entity_name_idx",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS RETURN 1",
    "CALL dbms.killConnections(['bolt-0'])",
    "CALL db.createLabel('Evil')",
    "UNWIND [1] AS x FOREACH (y IN [x] | CREATE (:Evil))",
    "GRANT ROLE admin TO neo4j",
    "ALTER USER neo4j SET PASSWORD 'x'",
    "USE system SHOW USERS",
]


def test_read_query_with_params_and_row_limit(client, api_graph: ApiGraph):
    resp = client.post("/v1/query", json={
        "cypher": "MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.created_at AS created",
        "params": {"id": VARGA}})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["columns"] == ["name", "created"] and body["truncated"] is False
    assert body["rows"][0]["name"] == "Olena Varga"
    assert isinstance(body["rows"][0]["created"], str)  # temporal values as ISO strings
    many = client.post("/v1/query", json={"cypher": "UNWIND range(1, 5000) AS i RETURN i"})
    assert many.status_code == 200
    assert len(many.json()["rows"]) == 1000 and many.json()["truncated"] is True
    # A write keyword inside a string or a comment is not a clause.
    ok = client.post("/v1/query", json={
        "cypher": "// CREATE nothing\nRETURN 'please DELETE me' AS s"})
    assert ok.status_code == 200 and ok.json()["rows"] == [{"s": "please DELETE me"}]
    ft = client.post("/v1/query", json={
        "cypher": "CALL db.index.fulltext.queryNodes('entity_names', 'Varga') YIELD node "
                  "RETURN node.id AS id"})
    assert ft.status_code == 200 and VARGA in {r["id"] for r in ft.json()["rows"]}


@pytest.mark.parametrize("cypher", WRITES)
def test_writes_and_admin_procedures_are_refused(client, api_graph: ApiGraph, cypher: str):
    resp = client.post("/v1/query", json={"cypher": cypher, "params": {"id": VARGA}})
    # 403 when Neo4j plans it as something other than a read; 400 when Neo4j cannot even plan
    # it here (Community has no GRANT; USE before an admin command): nothing runs either way.
    assert resp.status_code in (400, 403), resp.text
    err = resp.json()["error"]
    assert err["code"] == {403: "query_refused", 400: "invalid_input"}[resp.status_code]
    assert err["message"]
    still = client.post("/v1/query", json={
        "cypher": "MATCH (e:Entity {id: $id}) RETURN e.name AS n", "params": {"id": VARGA}})
    assert still.json()["rows"] == [{"n": "Olena Varga"}]


def test_an_unknown_procedure_is_a_clear_400(client, api_graph: ApiGraph):
    # Not installed here (no plugins): Neo4j cannot plan it, so nothing runs.
    resp = client.post("/v1/query", json={
        "cypher": "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})"})
    assert resp.status_code == 400 and "apoc.periodic.iterate" in resp.json()["error"]["message"]


def test_read_mode_session_refuses_a_write_the_text_check_missed(graph: Graph):
    # The second lock on its own: Neo4j in READ access mode refuses the write.
    with pytest.raises(QueryRefused):
        graph.read_limited("CREATE (n:T5Evil) RETURN n", {}, timeout_s=5, row_limit=10)
    assert graph.read("MATCH (n:T5Evil) RETURN count(n) AS n")[0]["n"] == 0


def test_query_time_limit(client, graph: Graph, settings: Settings):
    from graph.reads.query import run_read_only

    with pytest.raises(QueryRefused):
        run_read_only(graph, "UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 "
                      "RETURN count(i) AS n", {}, timeout_s=0.5, row_limit=10)


def test_invalid_cypher_is_400(client):
    resp = client.post("/v1/query", json={"cypher": "MATCH (n RETURN n"})
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "invalid_input"
    resp = client.post("/v1/query", json={"cypher": ""})
    assert resp.status_code == 422


def test_keys_401_and_bearer(client):
    for path in ("/v1/entities", "/v1/search?q=x", "/v1/sources", "/v1/timeline?entity=x"):
        resp = client.get(path, headers={"X-API-Key": ""})
        assert resp.status_code == 401, path
        assert resp.json()["error"]["code"] == "unauthorized"
        assert resp.headers["www-authenticate"] == "Bearer"
    resp = client.post("/v1/query", json={"cypher": "RETURN 1 AS x"},
                       headers={"X-API-Key": "wrong-key"})
    assert resp.status_code == 401 and "invalid API key" in resp.json()["error"]["message"]
    for key in (READ_KEY, INGEST_KEY, ADMIN_KEY):  # higher roles include read
        resp = client.get("/v1/sources", headers={"X-API-Key": "",
                                                 "Authorization": f"Bearer {key}"})
        assert resp.status_code == 200


def test_403_when_the_role_is_too_low(graph: Graph):
    settings = make_settings()
    app = create_app(settings)
    probe = APIRouter(dependencies=[IngestRole])

    @probe.get("/t5-ingest-only")
    def ingest_only() -> dict[str, bool]:
        return {"ok": True}

    app.include_router(probe)
    with TestClient(app) as c:
        resp = c.get("/t5-ingest-only", headers={"X-API-Key": READ_KEY})
        assert resp.status_code == 403
        err = resp.json()["error"]
        assert err["code"] == "forbidden" and "'ingest' needed" in err["message"]
        assert c.get("/t5-ingest-only", headers={"X-API-Key": INGEST_KEY}).status_code == 200


def test_cors_is_configurable():
    app = create_app(make_settings(cors_origins="https://newsroom.example"))
    c = TestClient(app)  # no lifespan: preflight answers come from the middleware alone
    resp = c.options("/v1/claims", headers={"Origin": "https://newsroom.example",
                                            "Access-Control-Request-Method": "GET",
                                            "Access-Control-Request-Headers": "X-API-Key"})
    assert resp.status_code == 200
    assert resp.headers["access-control-allow-origin"] == "https://newsroom.example"
    other = c.options("/v1/claims", headers={"Origin": "https://elsewhere.example",
                                             "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in other.headers


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/v1/claims", "/v1/claims/{claim_id}", "/v1/entities", "/v1/entities/{entity_id}",
              "/v1/entities/{entity_id}/neighbors", "/v1/paths",
              "/v1/entities/{a}/relationship/{b}", "/v1/timeline", "/v1/search", "/v1/sources",
              "/v1/sources/{source_id}", "/v1/articles/{article_id}", "/v1/query"):
        assert p in paths, p
    assert client.get("/docs").status_code == 200


def test_without_keys_the_api_fails_closed_unless_opened_explicitly(graph: Graph):
    from pydantic import SecretStr

    closed = create_app(make_settings(api_keys=SecretStr("")))
    with TestClient(closed) as c:
        resp = c.get("/v1/sources")
        assert resp.status_code == 401 and "KG_API_KEYS" in resp.json()["error"]["message"]
    opened = create_app(make_settings(api_keys=SecretStr(""), auth_required=False))
    with TestClient(opened) as c:
        assert c.get("/v1/sources").status_code == 200
