"""The server-wide locks are written into every profile's neo4j.conf and mirrored in
docker-compose.yml (that Neo4j enforces them is shown in test_cypher_escapes.py)."""

from __future__ import annotations

import ipaddress

from graph.server import CYPHER_IP_BLOCKLIST, LocalServer, hardening
from tests.conftest import REPO, make_settings


def test_neo4j_conf_carries_every_lock(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_PORT", "7799")
    server = LocalServer(make_settings(profile="conf-check", home=tmp_path))
    server.write_conf()
    conf = dict(line.split("=", 1) for line in
                (server.home / "conf" / "neo4j.conf").read_text().splitlines())
    assert conf["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert conf["db.transaction.timeout"] == "120s"
    assert conf["db.memory.transaction.max"] and conf["dbms.memory.transaction.total.max"]
    assert "dbms.*" not in conf["dbms.security.procedures.allowlist"]
    assert conf["internal.dbms.cypher_ip_blocklist"] == ",".join(CYPHER_IP_BLOCKLIST)


def test_the_block_list_covers_loopback_private_link_local_and_metadata():
    nets = [ipaddress.ip_network(n) for n in CYPHER_IP_BLOCKLIST]
    for addr in ("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.20.0.1", "192.168.1.1",
                 "169.254.169.254", "100.100.100.200", "0.0.0.0", "::1", "fd00:ec2::254",
                 "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"):
        ip = ipaddress.ip_address(addr)
        assert any(ip in n for n in nets if n.version == ip.version), addr
    assert not any(ipaddress.ip_address("93.184.216.34") in n for n in nets if n.version == 4)


def test_docker_compose_mirrors_the_locks():
    compose = (REPO / "docker-compose.yml").read_text()
    for key, value in hardening(make_settings()).items():
        env = "NEO4J_" + key.replace("_", "__").replace(".", "_")
        assert f'{env}: "{value}"' in compose, env
