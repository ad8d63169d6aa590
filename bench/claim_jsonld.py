"""What do fact-checkers' per-claim documents cost next to the plain claim detail?

Against the active profile's graph (whatever is in it), through the real app in-process
(TestClient, no network): for up to ``--claims`` claims, the time of ``GET /v1/claims/{id}``
(the baseline, in the same run) and of the JSON-LD, ClaimReview and ``/id/`` Turtle answers.
Prints median and p90 milliseconds per endpoint and the ratio to the baseline.

    KG_AUTH_REQUIRED=false python -m bench.claim_jsonld --claims 50

(``-m`` from the repository root: run as a file, ``bench/queries.py`` would shadow the
``queries`` package.)
"""

from __future__ import annotations

import argparse
import statistics
import time

from fastapi.testclient import TestClient

from api.app import create_app

ENDPOINTS = {
    "detail (baseline)": ("/v1/claims/{id}", {}),
    "jsonld": ("/v1/claims/{id}/jsonld", {}),
    "claimreview": ("/v1/claims/{id}/claimreview", {}),
    "id turtle": ("/id/claim/{id}", {"Accept": "text/turtle"}),
    "id jsonld": ("/id/claim/{id}", {"Accept": "application/ld+json"}),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=50)
    args = ap.parse_args()
    with TestClient(create_app()) as c:
        ids = [x["id"] for x in c.get("/v1/claims", params={"limit": args.claims}).json()["items"]]
        if not ids:
            raise SystemExit("no claims in this profile's graph: ingest something first")
        for path, headers in ENDPOINTS.values():  # warm up caches and query plans
            c.get(path.format(id=ids[0]), headers=headers)
        base = None
        print(f"{len(ids)} claims")
        for name, (path, headers) in ENDPOINTS.items():
            times = []
            for cid in ids:
                t0 = time.perf_counter()
                resp = c.get(path.format(id=cid), headers=headers)
                times.append((time.perf_counter() - t0) * 1000)
                resp.raise_for_status()
            med = statistics.median(times)
            p90 = sorted(times)[int(0.9 * (len(times) - 1))]
            base = base or med
            print(f"{name:18s} median {med:7.1f} ms  p90 {p90:7.1f} ms  x{med / base:.2f}")


if __name__ == "__main__":
    main()
