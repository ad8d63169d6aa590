"""Query-API benchmark: p50/p95/p99 latency per endpoint under concurrent load.

1. Builds the graph in its own profile (default ``bench-q``, port 7704, 2g heap) unless it is
   already there: ``--corpus`` (default the in-repo FA-KES corpus, tests/data/corpus/) through
   ``kg ingest`` (the real extractor), plus a generated
   Zipf-skewed graph of ``--articles`` articles (``bench/gen_graph.py``, real writer).
2. Serves the API with uvicorn on 127.0.0.1 in a subprocess.
3. Hits each endpoint from a pool of client processes (``--concurrency``), with request
   parameters drawn from the graph itself (hub and tail entities alike), and prints a table.
4. Asks the same questions in bare Cypher against the write-time aggregates, same number of
   clients (``bench/query_floor.py``): the ``floor`` (faithful: the API's question with
   everything it returns, claims whole, evidence; its answers' sizes are checked against the
   API's) and the ``core_floor`` (narrow: the top-k lists or counts only), and checks
   ``exact_top25``: the share of 20 hubs and 20 tail entities whose top-25 API neighbours
   equal a read-time recount. The last line is JSON: each endpoint's p95 in ms, ``floor``,
   ``core_floor`` and ``other_floors`` p95s, ``floor_answers_equal``, exact_top25, the
   graph's size and the load average.

    KG_NEO4J_HEAP=2g python -m bench.queries --articles 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import httpx

from bench.query_floor import check_sizes, exact_top25

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"  # --corpus: the full one
KEY = "bench-read-key"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def bench_env(args: argparse.Namespace) -> dict[str, str]:
    return dict(os.environ, KG_PROFILE=args.profile, KG_NEO4J_PORT=str(args.port),
                KG_NEO4J_HEAP=os.environ.get("KG_NEO4J_HEAP", "2g"),
                KG_NEO4J_PAGECACHE=os.environ.get("KG_NEO4J_PAGECACHE", "1g"),
                KG_API_KEYS=f"{KEY}:read", PYTHONPATH=str(REPO),
                # the bench times the reads, not the per-key rate limiter: at --requests 120
                # the 17 endpoints' 2,040 requests in a few minutes ran into its 1,200 a
                # minute, and the fast 429s passed for latencies
                KG_RATE_LIMIT_PER_MINUTE="0", KG_QUERY_RATE_LIMIT_PER_MINUTE="0")


def open_graph(args: argparse.Namespace) -> Any:
    from graph.driver import Graph, connect
    from graph.schema import migrate
    from graph.server import LocalServer
    from graph.settings import Settings

    os.environ.update(bench_env(args))
    settings = Settings()
    LocalServer(settings).start()
    graph = Graph(connect(settings), settings.neo4j_database)
    migrate(graph)
    return graph


def build(args: argparse.Namespace, graph: Any) -> None:
    """Corpus first (unless already in), then generated articles up to ``--articles``."""
    have = graph.read("MATCH (a:Article) WHERE NOT a.id STARTS WITH 'gen-' RETURN count(a) AS n")
    with args.corpus.open(encoding="utf-8") as fh:
        in_corpus = sum(1 for line in fh if line.strip())
    if have[0]["n"] < in_corpus and not args.skip_corpus:
        log(f"ingesting the corpus ({args.corpus}) with the real extractor ...")
        t = time.time()
        run = subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(args.corpus),
                              "--workers", "1", "-q"], cwd=REPO, env=bench_env(args))
        if run.returncode != 0:
            raise SystemExit("kg ingest failed")
        log(f"  corpus ingested in {time.time() - t:.0f}s")
    gen = graph.read("MATCH (a:Article) WHERE a.id STARTS WITH 'gen-' RETURN count(a) AS n")
    start = gen[0]["n"]
    if start < args.articles:
        from bench.gen_graph import generate

        log(f"generating articles {start}..{args.articles} ...")
        generate(graph, args.articles, start=start, log=log)


def graph_size(graph: Any) -> dict[str, int]:
    nodes = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    arts = graph.read("MATCH (a:Article) RETURN count(a) AS n")[0]["n"]
    return {"nodes": nodes, "relationships": rels, "articles": arts}


def sample_params(graph: Any, rng: random.Random, n: int) -> dict[str, list[dict[str, Any]]]:
    """Realistic requests: entities picked by mentions (hubs often, like real traffic) and
    uniformly (the tail), real claim/source/article ids, names and prefixes for search."""
    hubs = [r["id"] for r in graph.read(
        "MATCH (e:Entity) WITH e, COUNT { (e)<-[:MENTIONS]-() } AS d ORDER BY d DESC LIMIT 200 "
        "RETURN e.id AS id")]
    tail = [r["id"] for r in graph.read(
        "MATCH (e:Entity) WITH e, rand() AS r ORDER BY r LIMIT 500 RETURN e.id AS id")]
    people = [r["name"] for r in graph.read(
        "MATCH (e:Person) WITH e ORDER BY rand() LIMIT 300 RETURN e.name AS name")]
    claims = [r["id"] for r in graph.read(
        "MATCH (c:Claim) WITH c ORDER BY rand() LIMIT 500 RETURN c.id AS id")]
    sources = [r["id"] for r in graph.read("MATCH (s:Source) RETURN s.id AS id")]
    articles = [r["id"] for r in graph.read(
        "MATCH (a:Article) WITH a ORDER BY rand() LIMIT 500 RETURN a.id AS id")]
    words = ["ceasefire", "shelling", "convoy", "talks", "bridge", "troops", "aid", "Ukraine",
             "Putin", "Zelensky", "offensive", "casualties"]

    def ent() -> str:
        return rng.choice(hubs) if rng.random() < 0.5 else rng.choice(tail)

    def each(make: Any) -> list[dict[str, Any]]:
        return [make() for _ in range(n)]

    return {
        "claims_by_speaker": each(lambda: {"path": "/v1/claims", "params": {
            "speaker": rng.choice(people), "limit": 20}}),
        "claims_about": each(lambda: {"path": "/v1/claims", "params": {
            "about": ent(), "limit": 20}}),
        "claims_text": each(lambda: {"path": "/v1/claims", "params": {
            "q": rng.choice(words), "limit": 20}}),
        "claims_all": each(lambda: {"path": "/v1/claims", "params": {"limit": 20}}),
        "claim_detail": each(lambda: {"path": f"/v1/claims/{rng.choice(claims)}", "params": {}}),
        "entities_search": each(lambda: {"path": "/v1/entities", "params": {
            "q": rng.choice(people).split()[-1][:6]}}),
        "entity_profile": each(lambda: {"path": f"/v1/entities/{ent()}", "params": {}}),
        "neighbors_d1": each(lambda: {"path": f"/v1/entities/{ent()}/neighbors",
                                      "params": {"depth": 1, "limit": 50}}),
        "neighbors_d2": each(lambda: {"path": f"/v1/entities/{ent()}/neighbors",
                                      "params": {"depth": 2, "limit": 100}}),
        "paths": each(lambda: {"path": "/v1/paths", "params": {
            "from": ent(), "to": ent(), "max_hops": 3, "k": 3}}),
        "relationship": each(lambda: {"path": f"/v1/entities/{ent()}/relationship/{ent()}",
                                      "params": {}}),
        "timeline": each(lambda: {"path": "/v1/timeline", "params": {
            "entity": ent(), "bucket": rng.choice(["day", "week", "month"])}}),
        "search": each(lambda: {"path": "/v1/search", "params": {
            "q": rng.choice(people + words)[:5]}}),
        "sources": each(lambda: {"path": "/v1/sources", "params": {}}),
        "source_detail": each(lambda: {"path": f"/v1/sources/{rng.choice(sources)}",
                                       "params": {}}),
        "article": each(lambda: {"path": f"/v1/articles/{rng.choice(articles)}", "params": {}}),
        "query": each(lambda: {"path": "/v1/query", "method": "POST", "json": {
            "cypher": "MATCH (e:Entity {id: $id})<-[:MENTIONS]-(a:Article) "
                      "RETURN a.id AS id, a.published AS p ORDER BY p DESC LIMIT 20",
            "params": {"id": ent()}}}),
    }


_client: httpx.Client | None = None


def _init(base: str) -> None:
    global _client
    _client = httpx.Client(base_url=base, headers={"X-API-Key": KEY}, timeout=120)


def _hit(req: dict[str, Any]) -> tuple[float, int]:
    assert _client is not None
    t = time.perf_counter()
    if req.get("method") == "POST":
        resp = _client.post(req["path"], json=req["json"])
    else:
        resp = _client.get(req["path"], params=req["params"])
    return (time.perf_counter() - t) * 1000, resp.status_code


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))] if s else float("nan")


def serve(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    env = bench_env(args)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(args.api_port), "--log-level", "warning"],
        cwd=REPO, env=env)
    for _ in range(120):
        try:
            if httpx.get(f"http://127.0.0.1:{args.api_port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit("the API server exited")
        time.sleep(1)
    proc.terminate()
    raise SystemExit("the API server did not become ready")


def ratio(r: dict[str, float], floor: float | None) -> str:
    return f"{r['p95'] / floor:.1f}" if floor else "-"


def run_floor(args: argparse.Namespace, plan: dict[str, list[dict[str, Any]]]
              ) -> dict[str, float]:
    """p95 of the bare-Cypher floor of each endpoint that has one, with as many clients."""
    from bench.query_floor import FLOOR, endpoint, floor_params, hit, init_worker

    out: dict[str, float] = {}
    with Pool(args.concurrency, initializer=init_worker) as pool:
        for name in FLOOR:
            base = endpoint(name)
            if base not in plan or (args.only and base not in args.only):
                continue
            jobs = [(name, floor_params(name, r)) for r in plan[base]]
            pool.map(hit, jobs[:3])  # warm up (plans cached)
            out[name] = pct(pool.map(hit, jobs, chunksize=1), 95)
            log(f"  floor {name}: p95 {out[name]:.0f} ms")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="query-API latency benchmark")
    p.add_argument("--profile", default="bench-q")
    p.add_argument("--port", type=int, default=7704)
    p.add_argument("--api-port", type=int, default=8704)
    p.add_argument("--articles", type=int, default=100_000, help="generated articles")
    p.add_argument("--corpus", type=Path, default=CORPUS,
                   help="articles ingested first (default: the in-repo FA-KES corpus)")
    p.add_argument("--skip-corpus", action="store_true")
    p.add_argument("--build-only", action="store_true")
    p.add_argument("--requests", type=int, default=60, help="requests per endpoint")
    p.add_argument("--concurrency", type=int, default=4, help="client processes")
    p.add_argument("--only", nargs="*", help="endpoints to run (default: all)")
    args = p.parse_args(argv)

    graph = open_graph(args)
    try:
        build(args, graph)
        size = graph_size(graph)
        log(f"graph: {size}")
        if args.build_only:
            print(json.dumps(size))
            return 0
        plan = sample_params(graph, random.Random(7), args.requests)
    finally:
        graph.close()
    server = serve(args)
    results: dict[str, dict[str, float]] = {}
    try:
        base = f"http://127.0.0.1:{args.api_port}"
        with Pool(args.concurrency, initializer=_init, initargs=(base,)) as pool:
            # Warm up: every endpoint's first requests, four times over, so that the server's
            # threads, the driver's connections and the query plans are all warm (with one
            # pass the first endpoint measured carried start-up tails of 100-200 ms).
            pool.map(_hit, [r for reqs in plan.values() for r in reqs[:3]] * 4)
            for name, reqs in plan.items():
                if args.only and name not in args.only:
                    continue
                t = time.perf_counter()
                out = pool.map(_hit, reqs, chunksize=1)
                wall = time.perf_counter() - t
                ms = [m for m, _ in out]
                errors = sum(1 for _, s in out if s >= 500)
                results[name] = {"n": len(out), "p50": pct(ms, 50), "p95": pct(ms, 95),
                                 "p99": pct(ms, 99), "rps": len(out) / wall, "errors": errors,
                                 "non_2xx": sum(1 for _, s in out if s >= 300)}
                log(f"  {name}: p95 {results[name]['p95']:.0f} ms")
        floors = run_floor(args, plan)
        graph = open_graph(args)
        try:
            exact = exact_top25(graph, base, KEY)
            sizes = check_sizes(graph, base, KEY, plan, args.only)
        finally:
            graph.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"graph: {size['nodes']:,} nodes, {size['relationships']:,} relationships, "
          f"{size['articles']:,} articles; {args.concurrency} concurrent clients, "
          f"{args.requests} requests per endpoint")
    # ``floor``: the faithful floor, the "bare-Cypher p95 of the SAME question"
    # (``<endpoint>_full``: with everything the API returns; bench/query_floor.py), whose
    # answers are checked to be as big as the API's (``sizes``); ``core floor``: the narrow
    # one (``<endpoint>``: the top-k lists or counts only, no evidence).
    floor = {k.removesuffix("_full"): v for k, v in floors.items() if k.endswith("_full")}
    core = {k: v for k, v in floors.items() if k in results}
    other = {k: v for k, v in floors.items() if k not in floor and k not in core
             and not k.endswith("_full")}
    print("| endpoint | n | p50 ms | p95 ms | p99 ms | req/s | non-2xx | 5xx | floor p95 ms | "
          "API/floor | floor answers = API's | core floor p95 ms | API/core floor |")
    print("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |")
    for name, r in results.items():
        fl, cf = floor.get(name), core.get(name)
        print(f"| {name} | {r['n']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | "
              f"{r['rps']:.1f} | {r['non_2xx']} | {r['errors']} | "
              f"{f'{fl:.0f}' if fl else '-'} | {ratio(r, fl)} | "
              f"{f'{sizes[name]:.2f}' if name in sizes else '-'} | "
              f"{f'{cf:.0f}' if cf else '-'} | {ratio(r, cf)} |")
    for name, fl in other.items():
        print(f"floor {name}: p95 {fl:.0f} ms")
    print(f"exact_top25 (20 hubs + 20 tail entities, API top-25 co-mentions = recount): {exact}")
    print(f"load: {os.getloadavg()}")
    summary: dict[str, Any] = {k: round(v["p95"], 1) for k, v in results.items()}
    summary.update(floor={k: round(v, 1) for k, v in floor.items()},
                   core_floor={k: round(v, 1) for k, v in core.items()},
                   other_floors={k: round(v, 1) for k, v in other.items()},
                   floor_answers_equal=sizes, exact_top25=exact,
                   nodes=size["nodes"], relationships=size["relationships"],
                   articles=size["articles"], load=os.getloadavg()[0])
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
