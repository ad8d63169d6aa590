"""Issue 14, finding 1: read-only Cypher escapes, replayed against the real server.

Each attack ran with a read key before the plan-based check (a quote in a comment hid the rest of
the query from the regular expressions; backticks hid procedure names). Now every one is a 403
naming what Neo4j's plan contains, and nothing reaches the internal service.
"""

from __future__ import annotations

import pytest
from neo4j.exceptions import ClientError

from graph.driver import Graph
from tests.security.conftest import Internal, Server

HIDE = "// it's only a comment\n{} //'"  # the quote in the comment opened a "string" to the end


def _refused(server: Server, cypher: str) -> dict[str, object]:
    with server.client() as c:
        resp = c.post("/v1/query", json={"cypher": cypher})
    assert resp.status_code == 403, resp.text
    err = resp.json()["error"]
    assert err["code"] == "query_refused" and err["message"]
    return err


def test_load_csv_to_an_internal_address_is_refused(server: Server, internal: Internal):
    before = len(internal.hits)
    err = _refused(server, HIDE.format(f"LOAD CSV FROM '{internal.url}' AS row RETURN row"))
    assert err["detail"] == {"operator": "LoadCSV"}
    _refused(server, f"LOAD CSV FROM '{internal.url}' AS row RETURN row")
    assert len(internal.hits) == before  # nothing was fetched


@pytest.mark.parametrize("command", [
    "SHOW USERS", "SHOW SETTINGS", "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTION 'neo4j-transaction-1'", "SHOW CURRENT USER", "SHOW DATABASES",
])
def test_show_and_terminate_commands_are_refused(server: Server, command: str):
    err = _refused(server, HIDE.format(command))
    assert "operator" in err["detail"]  # e.g. ShowSettings, TerminateTransactions, admin on system


@pytest.mark.parametrize("call", [
    "CALL `dbms`.`listConfig`()",
    "CALL `dbms`.`killConnections`(['bolt-0'])",
    "CALL `db`.`clearQueryCaches`()",
    "CALL dbms . listConfig()",
    "CALL//x\n`dbms`//y\n.`listConfig`() YIELD name RETURN name",
])
def test_backticked_or_respelled_procedures_are_refused_by_resolved_name(server: Server, call: str):
    err = _refused(server, call)
    assert err["detail"]["procedure"] in {"dbms.listConfig", "dbms.killConnections",
                                          "db.clearQueryCaches"}
    with server.client() as c:  # the service still answers over Bolt
        assert c.post("/v1/query", json={"cypher": "RETURN 1 AS one"}).json()["rows"] == [
            {"one": 1}]


def test_a_column_named_use_is_not_a_use_clause(server: Server):
    with server.client() as c:
        resp = c.post("/v1/query", json={
            "cypher": "MATCH (n:Article) RETURN n.title AS use ORDER BY use LIMIT 2"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["columns"] == ["use"] and len(resp.json()["rows"]) == 2


def test_allowed_procedures_and_plain_reads_still_run(server: Server):
    with server.client() as c:
        resp = c.post("/v1/query", json={"cypher": "CALL `db`.`labels`() YIELD label "
                                                   "RETURN label ORDER BY label"})
        assert resp.status_code == 200 and {"label": "Entity"} in resp.json()["rows"]


def test_neo4j_itself_refuses_internal_and_file_urls(admin_graph: Graph, internal: Internal):
    # The server-wide lock (neo4j.conf written by `kg neo4j`): even the service's own user,
    # outside the API, cannot make Neo4j fetch loopback or read files.
    before = len(internal.hits)
    for url in (internal.url, internal.url.replace("127.0.0.1", "localhost"),
                "http://2130706433:1/x", "http://169.254.169.254/latest/meta-data/",
                "file:///etc/passwd"):
        with pytest.raises(ClientError, match="blocked|allow_csv_import_from_file_urls"), \
                admin_graph.driver.session(database=admin_graph.database) as s:
            s.run("LOAD CSV FROM $url AS row RETURN count(row) AS n", url=url).consume()
    assert len(internal.hits) == before
