"""Does the API's memory stay flat while it streams exports of ever larger graphs?

Builds a generated graph in its own Neo4j profile (default ``bench-x`` on port 7707), grows it
step by step (e.g. 10k, 50k, 100k claims), and after each step starts the real API (``kg
serve``) in a subprocess, streams each export format over HTTP and samples the API process's
RSS every 20 ms. Prints one line per (size, format) and a JSON summary at the end.

    KG_NEO4J_PORT=7707 python bench/export_memory.py --sizes 10000,50000,100000
    KG_NEO4J_PORT=7707 python bench/export_memory.py --stop   # stop the bench server after

The generated articles are shaped like extractor output (offsets are real, entities Zipf-
distributed so a few hubs appear everywhere) and written through the real ``Neo4jWriter``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graph.driver import Graph, connect  # noqa: E402
from graph.models import (  # noqa: E402
    ArticleIn,
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    SpeakerRef,
)
from graph.schema import migrate  # noqa: E402
from graph.server import LocalServer  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.writer import Neo4jWriter  # noqa: E402
from ingest.articles import prepare  # noqa: E402

CLAIMS_PER_ARTICLE = 4
TYPES = [EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.GROUP]
FORMATS = [("rdf", {"format": "nt"}), ("rdf", {"format": "turtle"}),
           ("rdf", {"format": "json-ld"}), ("graphml", {}), ("gexf", {}), ("csv", {}),
           ("ftm", {})]


def make_article(i: int, rng: random.Random, n_entities: int) -> tuple[object, ExtractionResult]:
    """One article of four sentences, each a claim by one entity about another."""
    parts: list[str] = []
    ents: dict[str, EntityRecord] = {}
    claims: list[ClaimRecord] = []
    pos = 0
    for k in range(CLAIMS_PER_ARTICLE):
        a, b = (min(int(rng.paretovariate(1.1)), n_entities) for _ in range(2))
        who, about = f"bx-e{a}", f"bx-e{b if b != a else (a % n_entities) + 1}"
        who_name, about_name = f"Speaker {who[4:]}", f"Entity {about[4:]}"
        content = f"{rng.randint(2, 900)} people were affected near {about_name}"
        sent = f"{who_name} said {content}. "
        s0 = pos
        c0 = s0 + len(who_name) + len(" said ")
        for eid, name, start in ((who, who_name, s0), (about, about_name,
                                                       c0 + content.index(about_name))):
            rec = ents.setdefault(eid, EntityRecord(
                id=eid, type=TYPES[int(eid[4:]) % 4], name=name))
            rec.mentions.append(Mention(start=start, end=start + len(name), text=name,
                                        sentence_start=s0, sentence_end=s0 + len(sent) - 1))
        claims.append(ClaimRecord(
            id=f"bx-c{i}-{k}", speaker=SpeakerRef(id=who, name=who_name, type="Person"),
            cue="say", content=content, content_span=(c0, c0 + len(content)),
            sentence_span=(s0, s0 + len(sent) - 1), quote_type=QuoteType.INDIRECT,
            about=[about], date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"))
        parts.append(sent)
        pos += len(sent)
    text = "".join(parts)
    art = prepare(ArticleIn(id=f"bx-a{i}", text=text, title=f"Generated article {i}",
                            source=f"Outlet {i % 40}", url=f"https://bench.invalid/{i}",
                            published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    return art, ExtractionResult(id=art.id, extractor_version="bench-1",
                                 entities=list(ents.values()), claims=claims)


def grow(graph: Graph, have: int, want: int, n_entities: int, batch: int = 250) -> None:
    """Add articles until the graph holds ``want`` claims (articles numbered from ``have``)."""
    writer = Neo4jWriter(graph)
    rng = random.Random(have)
    start, end = have // CLAIMS_PER_ARTICLE, want // CLAIMS_PER_ARTICLE
    t0 = time.perf_counter()
    for lo in range(start, end, batch):
        pairs = [make_article(i, rng, n_entities) for i in range(lo, min(end, lo + batch))]
        writer([p[0] for p in pairs], [p[1] for p in pairs])  # type: ignore[misc]
    print(f"  wrote {end - start} articles in {time.perf_counter() - t0:.0f}s", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RssSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc, self.peak, self.stop = psutil.Process(pid), 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.02)


def rss(pid: int) -> int:
    return psutil.Process(pid).memory_info().rss


def measure(base: str, pid: int, route: str, params: dict[str, str]) -> dict[str, object]:
    sampler = RssSampler(pid)
    before = rss(pid)
    sampler.start()
    t0, size = time.perf_counter(), 0
    with httpx.stream("GET", f"{base}/v1/export/{route}", params=params, timeout=None,
                      headers={"X-API-Key": "bench-key"}) as resp:
        resp.raise_for_status()
        for chunk in resp.iter_bytes():
            size += len(chunk)
    sampler.stop.set()
    sampler.join()
    return {"before_mb": round(before / 2**20, 1), "peak_mb": round(sampler.peak / 2**20, 1),
            "mb_out": round(size / 2**20, 1), "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000", help="claims after each step")
    ap.add_argument("--entities", type=int, default=20_000)
    ap.add_argument("--profile", default="bench-x")
    ap.add_argument("--formats", default=",".join(r + (":" + p["format"] if p else "")
                                                  for r, p in FORMATS))
    ap.add_argument("--keep", action="store_true", help="do not wipe the bench graph first")
    ap.add_argument("--stop", action="store_true", help="stop the bench Neo4j at the end")
    args = ap.parse_args(argv)
    os.environ.setdefault("KG_NEO4J_PORT", "7707")
    settings = Settings(profile=args.profile, neo4j_heap="1g", neo4j_pagecache="512m")
    server = LocalServer(settings)
    server.start()
    graph = Graph(connect(settings), settings.neo4j_database)
    if not args.keep:
        graph.run_auto("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS")
    migrate(graph)
    formats = [(f.split(":")[0], {"format": f.split(":")[1]} if ":" in f else {})
               for f in args.formats.split(",")]
    results = []
    have = graph.read("MATCH (c:Claim) RETURN count(c) AS n")[0]["n"]
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            if size > have:
                print(f"growing the graph to {size} claims", flush=True)
                grow(graph, have, size, args.entities)
                have = graph.read("MATCH (c:Claim) RETURN count(c) AS n")[0]["n"]
            nodes = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
            port = free_port()
            env = dict(os.environ, KG_PROFILE=args.profile, KG_API_KEYS="bench-key:read")
            api = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=REPO,
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            base = f"http://127.0.0.1:{port}"
            try:
                for _ in range(300):
                    try:
                        if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                            break
                    except httpx.HTTPError:
                        time.sleep(0.2)
                for route, params in formats:
                    row = {"claims": have, "nodes": nodes,
                           "format": params.get("format", route),
                           **measure(base, api.pid, route, params)}
                    results.append(row)
                    print(json.dumps(row), flush=True)
            finally:
                api.terminate()
                api.wait(timeout=30)
    finally:
        graph.close()
        if args.stop:
            server.stop()
    print("SUMMARY " + json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
