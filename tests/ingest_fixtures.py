"""Helpers for the ingest tests: `kg` subprocesses aimed at the test database, a local HTTP
server, and synthetic English articles that no other test module can collide with."""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph.driver import Graph
from graph.settings import Settings
from tests.conftest import REPO, cli_env

KG = [sys.executable, "-m", "api.cli"]


def kg_env(settings: Settings, queue_dir: Path, **extra: str) -> dict[str, str]:
    """Environment that points a `kg` subprocess at the test database and a private queue."""
    return cli_env(settings, KG_QUEUE_PATH=str(queue_dir / "queue.sqlite3"), **extra)


def run_kg(args: list[str], env: dict[str, str],
           timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout)


_PLACES = ["Kherson", "Zaporizhzhia", "Mykolaiv", "Sumy", "Chernihiv", "Odesa", "Dnipro"]
_FILLER = [
    "Officials from both delegations met for {n} hours in a hotel near the river.",
    "Humanitarian groups said the crossing had been closed for {n} weeks.",
    "Food supplies in {n} nearby villages were running low, aid workers said.",
    "The regional council held an emergency session late on {day}.",
    "Engineers inspected {n} damaged bridges along the main supply road.",
    "A convoy of {n} trucks waited at the checkpoint for most of the afternoon.",
    "Local schools moved classes online for the {n}th time this year.",
    "Residents queued for water at {n} distribution points across the city.",
    "The power grid operator reported outages affecting {n} thousand homes.",
    "Monitors from the mission counted {n} explosions during the night.",
    "Farmers said {n} hectares of fields could not be harvested because of mines.",
    "The hospital in the district centre admitted {n} wounded civilians.",
    "Rail services to the capital were suspended for {n} hours on {day}.",
    "Volunteers delivered {n} generators to villages without electricity.",
    "The mayor said {n} families had registered for evacuation by {day}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def english_article(tag: str | None = None, speaker: str = "Maria Lindqvist") -> str:
    """A short news article with a direct quote. Different tags give texts that are far from
    near-duplicates of each other (their sentences, order and numbers are drawn from the tag)."""
    import random

    tag = tag or uuid.uuid4().hex[:10]
    rnd = random.Random(tag)
    place, day = rnd.choice(_PLACES), rnd.choice(_DAYS)
    filler = [s.format(n=rnd.randint(2, 999), day=rnd.choice(_DAYS))
              for s in rnd.sample(_FILLER, 7)]
    return (
        f"Talks on the border crossing at {place} resumed on {day}, report {tag}.\n\n"
        f'"We will not accept any ceasefire that leaves our people under occupation," '
        f"{speaker}, a spokesperson for the regional administration, said on {day}.\n\n"
        + " ".join(filler[:4]) + "\n\n" + " ".join(filler[4:])
        + f" Reference {tag} was attached to the daily bulletin.\n"
    )


def article_status(graph: Graph, ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = graph.read(
        "UNWIND $ids AS id MATCH (a:Article {id: id}) "
        "OPTIONAL MATCH (a)-[d:DUPLICATE_OF]->(o:Article) "
        "RETURN a.id AS id, a.status AS status, a.error AS error, a.title AS title, "
        "a.source AS source, a.published AS published, a.url AS url, a.language AS language, "
        "a.text AS text, o.id AS duplicate_of, d.similarity AS similarity", ids=ids)
    return {r["id"]: r for r in rows}


@contextmanager
def http_server(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 at a random port from a thread; yield the base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
