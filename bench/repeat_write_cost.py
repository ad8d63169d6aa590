"""What folding repeats across articles costs the writer (graph/repeats.py), in process.

``capture FILE.jsonl OUT.jsonl``: ingest the articles as ``kg ingest --workers 0`` would (the
worker's prepare, duplicate check, extraction and resolution), and record each batch the
writer was given (articles and extraction results) while writing it.

``replay OUT.jsonl``: empty this profile's database, migrate, and write the recorded batches
again with whatever ``graph.writer`` is on PYTHONPATH, timing each write. Run it once with
this tree and once with a tree from before repeat folding (``git archive <commit>``) on the
same capture: the difference is the folding's cost. It wipes the database: use your own
profile only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# bench/ingest.py would shadow the ingest package: import from PYTHONPATH only.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]


def capture(src: Path, out: Path) -> None:
    from graph.settings import Settings
    from ingest.commands import _make_worker, enqueue
    from ingest.fetch import make_client
    from ingest.sources import read_targets

    settings = Settings()
    worker, graph = _make_worker(settings)
    real = worker.pipeline.write
    with out.open("w", encoding="utf-8") as fh:
        def record(arts: Any, results: Any) -> Any:
            fh.write(json.dumps({"articles": [a.model_dump(mode="json") for a in arts],
                                 "results": [r.model_dump(mode="json") for r in results]})
                     + "\n")
            return real(arts, results)

        worker.pipeline.write = record
        with make_client(settings) as client:
            subs = read_targets([str(src)], client, settings.fetch_max_bytes, None)
            enqueue(worker.queue, subs, 8)
        n = worker.run(burst=True)
    worker.close()
    graph.close()
    print(json.dumps({"processed": n}))


def replay(src: Path, label: str) -> None:
    from graph.driver import Graph, connect
    from graph.models import ExtractionResult, StoredArticle
    from graph.schema import migrate
    from graph.settings import Settings
    from graph.writer import Neo4jWriter

    settings = Settings()
    graph = Graph(connect(settings), settings.neo4j_database)
    graph.run_auto("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS")
    migrate(graph)
    writer = Neo4jWriter(graph)
    times, articles = [], 0
    for line in src.open(encoding="utf-8"):
        rec = json.loads(line)
        arts = [StoredArticle.model_validate(a) for a in rec["articles"]]
        results = [ExtractionResult.model_validate(r) for r in rec["results"]]
        t0 = time.perf_counter()
        writer(arts, results)
        times.append(time.perf_counter() - t0)
        articles += len(arts)
    graph.close()
    print(json.dumps({"tree": label, "batches": len(times), "articles": articles,
                      "write_s": round(sum(times), 3),
                      "ms_per_article": round(1000 * sum(times) / max(articles, 1), 1),
                      "median_batch_ms": round(1000 * statistics.median(times), 1)}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("capture")
    c.add_argument("src", type=Path)
    c.add_argument("out", type=Path)
    r = sub.add_parser("replay")
    r.add_argument("src", type=Path)
    r.add_argument("--label", default="this tree")
    args = ap.parse_args(argv)
    if args.cmd == "capture":
        capture(args.src, args.out)
    else:
        replay(args.src, args.label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
