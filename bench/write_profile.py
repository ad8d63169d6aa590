"""In-process writer profile: time every statement the writer runs over pre-extracted batches.

Wall-clock ingest runs are noisy on a shared machine; this separates the writer from the
extractor so two versions of the writer can be compared on the same input, alternating:

    python bench/write_profile.py extract --limit 200 --out /tmp/fakes200.pkl
    python bench/write_profile.py write /tmp/fakes200.pkl [--batch 10] [--writers 2] \\
        [--code /path/to/other/checkout]

``extract`` runs the production extractor and resolver once (in batches, resolver state carried
over as in a worker) and pickles (articles, results) per batch. ``write`` wipes this profile's
graph, migrates it, then writes the batches with ``graph.writer.Neo4jWriter`` from ``--code``
(default: this checkout), timing each ``tx.run`` by query name; ``--writers 2`` splits the
batches between two threads writing at once (the two-worker case) and counts the transaction
attempts the driver retried. The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent


class _TimedResult:
    def __init__(self, stats: dict[str, float], name: str, result: Any, t0: float) -> None:
        self._stats, self._name, self._result, self._t0 = stats, name, result, t0

    def _done(self, value: Any) -> Any:
        self._stats[self._name] += time.perf_counter() - self._t0
        return value

    def data(self) -> Any:
        return self._done(self._result.data())

    def consume(self) -> Any:
        return self._done(self._result.consume())

    def single(self) -> Any:
        return self._done(self._result.single())

    def __iter__(self) -> Any:
        return iter(self._done(list(self._result)))


class _TimedTx:
    """A transaction whose statements are timed (run to result fetched) by query name."""

    def __init__(self, tx: Any, stats: dict[str, float], names: dict[str, str]) -> None:
        self._tx, self._stats, self._names = tx, stats, names

    def run(self, query: Any, *args: Any, **kw: Any) -> _TimedResult:
        name = self._names.get(query if isinstance(query, str) else str(query), "other")
        t0 = time.perf_counter()
        return _TimedResult(self._stats, name, self._tx.run(query, *args, **kw), t0)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._tx, attr)


def cmd_extract(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(REPO))
    from graph.settings import get_settings
    from ingest.articles import Submission, prepare_submission
    from ingest.extract import SpacyExtractor
    from ingest.resolve import CanonicalResolver

    settings = get_settings()
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    arts = [prepare_submission(Submission.model_validate(r),
                               max_chars=settings.max_article_chars) for r in rows]
    ex, res = SpacyExtractor(settings.spacy_model), CanonicalResolver()
    batches = []
    t0 = time.perf_counter()
    for i in range(0, len(arts), args.batch):
        part = arts[i:i + args.batch]
        usable = [a for a in part if a.status.value in ("ok", "near_duplicate")]
        batches.append((part, res(ex(usable)) if usable else []))
    secs = time.perf_counter() - t0
    with args.out.open("wb") as fh:
        pickle.dump(batches, fh)
    print(json.dumps({"articles": len(arts), "batches": len(batches), "extract_s": round(secs, 2)}))
    return 0


def cmd_write(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(args.code or REPO))
    import queries
    from graph import articles as graph_articles
    from graph.driver import Graph, connect
    from graph.schema import migrate
    from graph.settings import get_settings
    from graph.writer import Neo4jWriter

    names = {queries.load(n): n for n in queries.names()}
    with args.pickle.open("rb") as fh:
        batches = pickle.load(fh)
    if args.batch:  # re-cut the pickled batches
        arts = [a for p, _ in batches for a in p]
        recs = {r.id: r for _, rs in batches for r in rs}
        batches = [(arts[i:i + args.batch], [recs[a.id] for a in arts[i:i + args.batch]
                                             if a.id in recs])
                   for i in range(0, len(arts), args.batch)]
    graph = Graph(connect(get_settings()))
    graph_articles.wipe_database(graph)
    migrate(graph)
    stats: dict[str, float] = defaultdict(float)
    attempts = {"calls": 0, "runs": 0}
    lock = threading.Lock()
    real_session = graph.session

    class _Session:
        """Counts each transaction function call (a retry calls it again) and times its runs."""

        def __init__(self, cm: Any) -> None:
            self._cm = cm

        def __enter__(self) -> _Session:
            self._s = self._cm.__enter__()
            return self

        def __exit__(self, *exc: Any) -> Any:
            return self._cm.__exit__(*exc)

        def execute_write(self, work: Any, *a: Any, **kw: Any) -> Any:
            with lock:
                attempts["calls"] += 1

            def timed(tx: Any, *a2: Any, **kw2: Any) -> Any:
                with lock:
                    attempts["runs"] += 1
                return work(_TimedTx(tx, stats, names), *a2, **kw2)

            return self._s.execute_write(timed, *a, **kw)

        def __getattr__(self, attr: str) -> Any:
            return getattr(self._s, attr)

    graph.session = lambda *a, **kw: _Session(real_session(*a, **kw))  # type: ignore[method-assign]
    writer = Neo4jWriter(graph)
    from graph.server import LocalServer

    server = psutil.Process(LocalServer(get_settings()).pid())
    me = psutil.Process()
    cpu0 = (sum(server.cpu_times()[:2]), sum(me.cpu_times()[:2]))
    t0 = time.perf_counter()
    shares = [batches[i::args.writers] for i in range(args.writers)]
    errors: list[BaseException] = []

    def run(share: list[Any]) -> None:
        try:
            for arts, recs in share:
                writer(arts, recs)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu = (sum(server.cpu_times()[:2]) - cpu0[0], sum(me.cpu_times()[:2]) - cpu0[1])
    graph.close()
    if errors:
        raise errors[0]
    out = {"code": str(args.code or REPO), "writers": args.writers, "batches": len(batches),
           "wall_s": round(wall, 3),
           "neo4j_cpu_s": round(cpu[0], 2), "python_cpu_s": round(cpu[1], 2),
           "retries": attempts["runs"] - attempts["calls"],
           "queries_s": {k: round(v, 3) for k, v in sorted(stats.items(), key=lambda e: -e[1])}}
    print(json.dumps(out))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("--corpus", type=Path,
                    default=REPO / "tests" / "data" / "corpus" / "fakes.jsonl")
    ex.add_argument("--limit", type=int, default=200)
    ex.add_argument("--batch", type=int, default=10)
    ex.add_argument("--out", type=Path, required=True)
    wr = sub.add_parser("write")
    wr.add_argument("pickle", type=Path)
    wr.add_argument("--batch", type=int, default=0, help="re-cut into batches of N articles")
    wr.add_argument("--writers", type=int, default=1)
    wr.add_argument("--code", type=Path, help="checkout whose graph/ and queries/ to use")
    args = ap.parse_args(argv)
    return cmd_extract(args) if args.cmd == "extract" else cmd_write(args)


if __name__ == "__main__":
    sys.exit(main())
