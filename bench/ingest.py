"""Ingest throughput: raw spaCy, the extractor, and end to end into Neo4j with 1 and 2 workers.

    python bench/ingest.py [--limit N] [--corpus PATH] [--profile bench] [--port 7702]

``--corpus`` defaults to the in-repo FA-KES corpus (tests/data/corpus/fakes.jsonl); pass the
shared ``news_corpus.jsonl`` for the full one.

Runs against its own Neo4j profile (default ``bench`` on port 7702), wiped before each
end-to-end run, with a fresh queue each time. End to end is measured the way the service runs:
workers are started and load their model first (``kg worker``), then the clock runs from
enqueueing (``kg ingest --no-spawn``) until the queue has drained and everything is written.
Peak RSS is sampled per worker process with psutil. Prints a table and, as its LAST line, one
JSON object: raw_spacy_aps, extract_aps, e2e_aps_1w, e2e_aps_2w, ratio_e2e_2w_vs_raw,
peak_rss_mb_worker, write_retries_1w/_2w (write transactions the driver re-ran).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"  # --corpus: the full one
KG = [sys.executable, "-m", "api.cli"]


def load(path: Path, limit: int | None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def bench_raw(texts: list[str], model: str, batch: int) -> float:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:4]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch):
        pass
    return len(texts) / (time.perf_counter() - t0)


def bench_extract(rows: list[dict], batch: int) -> float:
    from ingest.extract import SpacyExtractor

    ex = SpacyExtractor(batch_size=batch)
    items = [(r["id"], r["text"], r.get("published")) for r in rows]
    list(ex.iter_extract(items[:4]))
    t0 = time.perf_counter()
    for _ in ex.iter_extract(items):
        pass
    return len(items) / (time.perf_counter() - t0)


def bench_e2e(corpus_file: Path, n: int, workers: int,
              env: dict[str, str]) -> tuple[float, float, int]:
    """Articles/s into Neo4j with ``workers`` running workers; return (aps, peak RSS MB, write
    transactions retried)."""
    from graph import articles as graph_articles
    from graph.driver import Graph, connect
    from graph.schema import migrate
    from graph.settings import Settings

    settings = Settings(profile=env["KG_PROFILE"])
    os.environ["KG_NEO4J_PORT"] = env["KG_NEO4J_PORT"]
    graph = Graph(connect(settings))
    graph_articles.wipe_database(graph)
    migrate(graph)
    logs = [Path(env["KG_QUEUE_PATH"]).parent / f"worker-{i}.log" for i in range(workers)]
    logs[0].parent.mkdir(parents=True, exist_ok=True)
    outs = [log.with_suffix(".out") for log in logs]
    procs = [subprocess.Popen([*KG, "worker"], cwd=REPO, env=env, stdout=out.open("w"),
                              stderr=log.open("w")) for log, out in zip(logs, outs, strict=True)]
    peak = 0.0
    try:
        while not all('"ready"' in log.read_text() for log in logs):  # models loaded
            if any(p.poll() is not None for p in procs):
                raise SystemExit(f"a worker exited: {logs[0].read_text()[-2000:]}")
            time.sleep(0.2)
        watch = [psutil.Process(p.pid) for p in procs]
        t0 = time.perf_counter()
        ingest = subprocess.Popen([*KG, "ingest", str(corpus_file), "--no-spawn", "-q"],
                                  cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
        while ingest.poll() is None:
            peak = max([peak, *(w.memory_info().rss / 2**20 for w in watch)])
            time.sleep(0.5)
        elapsed = time.perf_counter() - t0
        if ingest.returncode != 0:
            raise SystemExit(f"kg ingest failed: {ingest.stdout.read() if ingest.stdout else ''}")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)
    stored = graph_articles.graph_counts(graph)["articles"]
    graph.close()
    if stored < n:
        raise SystemExit(f"only {stored} of {n} articles were stored")
    # Each worker's exit line: how often the driver re-ran a write transaction (deadlocks).
    retries = 0
    for out in outs:
        for line in out.read_text().splitlines():
            if line.startswith("{") and "write_retries" in line:
                retries += json.loads(line)["write_retries"]
    return n / elapsed, peak, retries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=600, help="0 = the whole corpus")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--profile", default="bench")
    ap.add_argument("--port", default="7702")
    args = ap.parse_args(argv)

    from graph.server import LocalServer
    from graph.settings import Settings, get_settings

    settings = get_settings()
    rows = load(args.corpus, args.limit or None)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    subset = tmp / "corpus.jsonl"
    subset.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    os.environ["KG_NEO4J_PORT"] = args.port
    LocalServer(Settings(profile=args.profile)).start()
    batch = settings.spacy_batch_size
    raw = bench_raw([r["text"] for r in rows], settings.spacy_model, batch)
    extract = bench_extract(rows, batch)
    results = {}
    for w in (1, 2):
        env = dict(os.environ, KG_PROFILE=args.profile, KG_NEO4J_PORT=args.port,
                   KG_QUEUE_PATH=str(tmp / f"queue-{w}w" / "queue.sqlite3"))
        results[w] = bench_e2e(subset, len(rows), w, env)

    table = [("raw spaCy nlp.pipe (1 process)", raw), ("extract (SpacyExtractor)", extract),
             ("end to end, 1 worker", results[1][0]), ("end to end, 2 workers", results[2][0])]
    print(f"{'run':34} {'articles':>8} {'art/s':>8}")
    for name, aps in table:
        print(f"{name:34} {len(rows):>8} {aps:>8.2f}")
    # The machine may be shared: the load average says how much CPU the runs really had.
    print(f"peak RSS per worker: {max(results[1][1], results[2][1]):.0f} MB; "
          f"cores: {psutil.cpu_count()}; load average (1, 5, 15 min): "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; write transactions retried: "
          f"{results[1][2]} (1 worker), {results[2][2]} (2 workers)")
    print(json.dumps({
        "raw_spacy_aps": round(raw, 3), "extract_aps": round(extract, 3),
        "e2e_aps_1w": round(results[1][0], 3), "e2e_aps_2w": round(results[2][0], 3),
        "ratio_e2e_2w_vs_raw": round(results[2][0] / raw, 3),
        "peak_rss_mb_worker": round(max(results[1][1], results[2][1]), 1),
        "write_retries_1w": results[1][2], "write_retries_2w": results[2][2],
        "articles": len(rows), "corpus": str(args.corpus),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
