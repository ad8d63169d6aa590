"""The project's own Neo4j server, without Docker: resolved from Maven Central, run on loopback.

``kg neo4j start|stop|status`` and the test fixtures all come through here, so dev, tests, CI
and the demo start Neo4j the same way. Jars are cached per version outside the repository
(``~/.cache/conflict-kg/neo4j/<version>/lib``); each profile (dev, test, demo, prod) has its own
home, data directory, port and password.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from graph.errors import ServerError
from graph.settings import Settings

PROFILE_PORTS = {"dev": 7687, "test": 7688, "demo": 7689, "prod": 7690}
_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]
_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>conflict-kg.local</groupId><artifactId>neo4j-runtime</artifactId>
  <version>1</version><packaging>pom</packaging>
  <dependencies><dependency>
    <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version>
  </dependency></dependencies>
  <build><pluginManagement><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>
    <version>3.8.1</version>
  </plugin></plugins></pluginManagement></build>
</project>
"""


# Addresses LOAD CSV (and any URL-loading procedure) may not reach: loopback, "this" network,
# private (RFC 1918, carrier-grade NAT, IPv6 unique-local), link-local (cloud metadata such as
# 169.254.169.254 and fd00:ec2::254 sit inside these) and multicast. docs/security.md.
CYPHER_IP_BLOCKLIST = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
    "240.0.0.0/4", "::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "fc00::/7",
    "fe80::/10", "ff00::/8",
)
# The procedures this service calls (queries/, graph/schema.py) plus what analysts may call
# through POST /v1/query (graph/query_plan.py). Neo4j loads no other extension procedure.
PROCEDURE_ALLOWLIST = (
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships", "db.awaitIndexes",
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.*",
)


def hardening(settings: Settings) -> dict[str, str]:
    """Server-wide locks written into every profile's neo4j.conf (mirrored in
    docker-compose.yml): they hold for every client, not only for this API."""
    return {
        "dbms.security.procedures.allowlist": ",".join(PROCEDURE_ALLOWLIST),
        "dbms.security.procedures.unrestricted": "",
        "dbms.security.allow_csv_import_from_file_urls": "false",
        "internal.dbms.cypher_ip_blocklist": ",".join(CYPHER_IP_BLOCKLIST),
        "db.transaction.timeout": settings.neo4j_tx_timeout,
        "db.memory.transaction.max": settings.neo4j_tx_memory_max,
        "dbms.memory.transaction.total.max": settings.neo4j_tx_memory_total_max,
    }


@dataclass(frozen=True)
class LocalServer:
    """Paths and connection details of one profile's server."""

    settings: Settings

    @property
    def version(self) -> str:
        return self.settings.neo4j_version

    @property
    def lib_dir(self) -> Path:
        return self.settings.home / "neo4j" / self.version / "lib"

    @property
    def home(self) -> Path:
        return self.settings.profile_dir / "neo4j"

    @property
    def port(self) -> int:
        env = os.environ.get("KG_NEO4J_PORT")
        return int(env) if env else PROFILE_PORTS.get(self.settings.profile, 7687)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "kg-neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    def password(self) -> str:
        """The profile's password: KG_NEO4J_PASSWORD if set, else one generated on first start."""
        given = self.settings.neo4j_password.get_secret_value()
        if given:
            return given
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        self.password_file.parent.mkdir(parents=True, exist_ok=True)
        pw = secrets.token_urlsafe(18)
        self.password_file.write_text(pw)
        self.password_file.chmod(0o600)
        return pw

    # ------------------------------------------------------------------ resolution
    def resolve_jars(self) -> Path:
        """Resolve the Community server's jars from Maven Central once per version."""
        marker = self.lib_dir / ".complete"
        if marker.exists():
            return self.lib_dir
        if not shutil.which("mvn"):
            raise ServerError("Maven (mvn) is not installed: it is needed once to resolve Neo4j")
        work = self.lib_dir.parent
        work.mkdir(parents=True, exist_ok=True)
        (work / "pom.xml").write_text(_POM.format(version=self.version))
        cmd = ["mvn", "-q", "-B", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
               f"-DoutputDirectory={self.lib_dir}", "-DincludeScope=runtime"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr)[-2000:]
            raise ServerError(f"could not resolve org.neo4j:neo4j:{self.version}: {tail}")
        marker.write_text(self.version)
        return self.lib_dir

    def entry_point(self) -> str:
        """Read the service-loaded entry class from the neo4j jar instead of hard-coding it."""
        jar = self.lib_dir / f"neo4j-{self.version}.jar"
        with zipfile.ZipFile(jar) as zf:
            raw = zf.read("META-INF/services/org.neo4j.server.startup.EntryPoint").decode()
        names = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
        return names[0]

    # ------------------------------------------------------------------ process
    def write_conf(self) -> None:
        h = self.home
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (h / sub).mkdir(parents=True, exist_ok=True)
        conf = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.directories.data": str(h / "data"),
            "server.directories.logs": str(h / "logs"),
            "server.directories.run": str(h / "run"),
            "server.directories.import": str(h / "import"),
            "server.directories.plugins": str(h / "plugins"),
            "server.memory.pagecache.size": self.settings.neo4j_pagecache,
            **hardening(self.settings),
        }
        (h / "conf" / "neo4j.conf").write_text("".join(f"{k}={v}\n" for k, v in conf.items()))

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except OSError:
            return None
        return pid

    def _port_open(self) -> bool:
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def _bolt_ready(self, password: str) -> bool:
        from neo4j import GraphDatabase

        for pw in (password, "neo4j"):
            try:
                with GraphDatabase.driver(self.uri, auth=("neo4j", pw)) as drv:
                    drv.verify_connectivity()
                if pw == "neo4j":  # first start: the server insists on a new password
                    self._set_initial_password(password)
                return True
            except Exception as exc:  # noqa: BLE001 - readiness probe: any failure means "not yet"
                if "credentials" in str(exc).lower() or "unauthorized" in str(exc).lower():
                    continue
                if "change" in str(exc).lower() and pw == "neo4j":
                    self._set_initial_password(password)
                    return True
                return False
        raise ServerError(
            f"Neo4j on {self.uri} rejects this profile's password ({self.password_file}); "
            "set KG_NEO4J_PASSWORD or remove the profile directory"
        )

    def _set_initial_password(self, password: str) -> None:
        from neo4j import GraphDatabase

        with GraphDatabase.driver(self.uri, auth=("neo4j", "neo4j")) as drv:
            drv.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $pw",
                pw=password,
                database_="system",
            )

    def start(self, timeout: float = 120.0) -> str:
        """Start (or reuse) the server; return its Bolt URI once Bolt answers."""
        password = self.password()
        if self.pid() is not None and self._port_open():
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self._bolt_ready(password):
                    return self.uri
                time.sleep(0.5)
            raise ServerError(f"Neo4j (pid {self.pid()}) runs but Bolt does not answer")
        if self._port_open():
            raise ServerError(
                f"port {self.port} is taken by another process; stop it, or choose another "
                "port with KG_NEO4J_PORT, or point KG_NEO4J_URI at that server"
            )
        java = shutil.which("java")
        if not java:
            raise ServerError("Java is not installed: Neo4j needs a Java 17 or 21 runtime")
        self.resolve_jars()
        self.write_conf()
        log = open(self.home / "logs" / "console.log", "ab")  # noqa: SIM115 - outlives this call
        heap = self.settings.neo4j_heap
        cmd = [java, f"-Xms{heap}", f"-Xmx{heap}", *_JVM_FLAGS,
               "-cp", f"{self.home / 'plugins'}/*:{self.lib_dir}/*", self.entry_point(),
               f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}", "--console-mode"]
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, cwd=self.home)
        self.pid_file.write_text(str(proc.pid))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise ServerError(self._exit_message(code))
            if self._port_open() and self._bolt_ready(password):
                return self.uri
            time.sleep(0.5)
        self.stop()
        raise ServerError(f"Neo4j did not answer on {self.uri} within {timeout:.0f}s")

    def _exit_message(self, code: int) -> str:
        log = (self.home / "logs" / "console.log").read_text(errors="replace")[-3000:]
        reason = {1: "the web server failed", 3: "the configuration is invalid"}.get(code, "")
        if code == 2 or "lock" in log.lower():
            reason = f"the store is locked by another process ({self.home / 'data'})"
        return f"Neo4j exited with code {code}: {reason}\n--- console.log (tail) ---\n{log}"

    def stop(self, timeout: float = 60.0) -> bool:
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            except OSError:
                break
            time.sleep(0.3)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, object]:
        return {"profile": self.settings.profile, "uri": self.uri, "pid": self.pid(),
                "running": self.pid() is not None and self._port_open(),
                "home": str(self.home), "version": self.version}
