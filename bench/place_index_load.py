"""Start-up cost of the place index per worker: seconds and resident memory to build
``PlaceIndex`` in a fresh process, for this tree (compact cache warm, and cold) and for a
previous git ref, interleaved so that load from other processes affects all alike.

    python bench/place_index_load.py [--rounds 3] [--previous REF]

Prints a table (median seconds, median RSS growth in MB) and, last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.entity_metrics import merge_base  # noqa: E402

_PROBE = """
import sys, time, psutil
p = psutil.Process(); import ingest.extract.places as pl
assert pl.__file__.startswith(sys.argv[1]), pl.__file__
m0 = p.memory_info().rss; t = time.perf_counter(); ix = pl.PlaceIndex()
print(time.perf_counter() - t, (p.memory_info().rss - m0) / 1e6,
      sum(map(len, ix.cities_primary.values())))
"""


def _run(src: Path, home: Path | None) -> tuple[float, float, int]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    if home is not None:
        env["KG_HOME"] = str(home)
    out = subprocess.run([sys.executable, "-c", _PROBE, str(src)], cwd=src, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--previous", default=None)
    args = ap.parse_args(argv)
    ref = args.previous or merge_base()
    results: dict[str, list[tuple[float, float, int]]] = {"this (cache warm)": [],
                                                         "this (cache cold)": [],
                                                         f"previous {ref[:8]}": []}
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        prev = Path(tmp) / "prev"
        prev.mkdir()
        tar = Path(tmp) / "src.tar"
        tar.write_bytes(subprocess.run(["git", "archive", "--format=tar", ref, "graph",
                                        "ingest"], cwd=REPO, capture_output=True,
                                       check=True).stdout)
        with tarfile.open(tar) as tf:
            tf.extractall(prev, filter="data")
        _run(REPO, None)  # warm the cache in KG_HOME
        for i in range(args.rounds):
            results["this (cache warm)"].append(_run(REPO, None))
            results["this (cache cold)"].append(_run(REPO, Path(tmp) / f"cold{i}"))
            results[f"previous {ref[:8]}"].append(_run(prev, Path(tmp) / "prevhome"))
    report = {}
    print(f"{'place index':<22}{'seconds':>10}{'RSS MB':>10}{'places':>10}")
    for name, rows in results.items():
        sec = statistics.median(r[0] for r in rows)
        mb = statistics.median(r[1] for r in rows)
        report[name] = {"seconds": round(sec, 2), "rss_mb": round(mb), "places": rows[0][2]}
        print(f"{name:<22}{sec:>10.2f}{mb:>10.0f}{rows[0][2]:>10}")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
