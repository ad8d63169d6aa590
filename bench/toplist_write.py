"""What the top-K neighbour lists cost the writer: the same generated articles
(``bench/gen_graph.py``, real ``Neo4jWriter``, batches of 200) written into an emptied database
with the lists maintained and without (``graph.toplists.update`` replaced by a no-op), runs
alternated so that load on the machine falls on both. Prints articles/s for each run and the
ratio; the last line is JSON.

    python -m bench.toplist_write --articles 3000 --rounds 2

It empties its own profile's database (default ``bench-w``, port 7706) before every run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from graph import toplists

PROTECTED = {"dev", "demo", "prod", "test"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def open_graph(args: argparse.Namespace) -> Any:
    from graph.driver import Graph, connect
    from graph.server import LocalServer
    from graph.settings import Settings

    os.environ.update(KG_PROFILE=args.profile, KG_NEO4J_PORT=str(args.port))
    settings = Settings()
    LocalServer(settings).start()
    return Graph(connect(settings), settings.neo4j_database)


def run(graph: Any, n: int, *, lists: bool) -> float:
    from bench.gen_graph import generate
    from graph.schema import migrate

    graph.run_auto("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS")
    migrate(graph)
    real = toplists.update
    if not lists:
        toplists.update = lambda *a, **k: None  # type: ignore[assignment]
    try:
        t = time.perf_counter()
        generate(graph, n, log=lambda _: None)
        return n / (time.perf_counter() - t)
    finally:
        toplists.update = real  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--profile", default="bench-w")
    p.add_argument("--port", type=int, default=7706)
    p.add_argument("--articles", type=int, default=3000)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args(argv)
    if args.profile in PROTECTED:
        raise SystemExit(f"refusing to empty the {args.profile!r} profile's database")
    graph = open_graph(args)
    rates: dict[str, list[float]] = {"without": [], "with": []}
    try:
        for r in range(args.rounds):
            for name in ("without", "with") if r % 2 == 0 else ("with", "without"):
                rate = run(graph, args.articles, lists=name == "with")
                rates[name].append(rate)
                log(f"  round {r + 1}, {name} lists: {rate:.1f} articles/s "
                    f"(load {os.getloadavg()[0]:.1f})")
    finally:
        graph.close()
    mean = {k: sum(v) / len(v) for k, v in rates.items()}
    print(f"{args.articles} generated articles per run, {args.rounds} runs each: "
          f"without lists {mean['without']:.1f}/s, with {mean['with']:.1f}/s, "
          f"ratio {mean['with'] / mean['without']:.2f}")
    print(json.dumps({"without": [round(x, 1) for x in rates["without"]],
                      "with": [round(x, 1) for x in rates["with"]],
                      "ratio": round(mean["with"] / mean["without"], 3),
                      "articles": args.articles, "load": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
