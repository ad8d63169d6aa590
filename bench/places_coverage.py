"""Place resolution on conflict articles: how many places get coordinates, a region only, a
country only or nothing, for this extractor and a previous one in the same run.

    python bench/places_coverage.py [--corpus PATH] [--limit N] [--prefix ukr-]
                                    [--previous REF | --no-previous]

Counts distinct (article, place entity) pairs. ``moved`` = places of the same article and
name whose coordinates differ between the two versions (a guess dropped or a village
placed), ``lost`` = places with coordinates before and none now. No gold here: this shows
where resolution changed, not whether it is right (tests check that with own sentences).
Prints a table and, last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.entity_metrics import extract_previous, merge_base  # noqa: E402

_CLASSES = ("coordinates", "region only", "country only", "none")


def _cls(ent: dict[str, Any]) -> str:
    if ent.get("lat") is not None:
        return "coordinates"
    if ent.get("admin1"):
        return "region only"
    return "country only" if ent.get("country") else "none"


def _places(rows: dict[str, dict]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(aid, e["name"]): e for aid, r in rows.items() for e in r["entities"]
            if e["type"] == "Place"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path,
                    default=REPO.parent.parent / "shared" / "corpus" / "news_corpus.jsonl")
    ap.add_argument("--limit", type=int, default=150)
    ap.add_argument("--prefix", default="ukr-")
    ap.add_argument("--previous", default=None)
    ap.add_argument("--no-previous", action="store_true")
    args = ap.parse_args(argv)

    items: list[tuple[str, str, str | None]] = []
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if str(row["id"]).startswith(args.prefix):
                items.append((row["id"], row["text"], row.get("published")))
            if len(items) >= args.limit:
                break
    from ingest.extract import EXTRACTOR_VERSION, SpacyExtractor

    ex = SpacyExtractor()
    this = {r.id: r.model_dump(mode="json") for r in ex.iter_extract(items)}
    systems = {"this": _places(this)}
    if not args.no_previous:
        _, prev = extract_previous(args.previous or merge_base(), items)
        systems["previous"] = _places(prev)

    report: dict[str, Any] = {"articles": len(items), "version": EXTRACTOR_VERSION}
    print(f"{len(items)} articles ({args.prefix}*), distinct (article, place) pairs")
    print(f"{'system':<10}" + "".join(f"{c:>14}" for c in _CLASSES) + f"{'total':>8}")
    for name, places in systems.items():
        counts = Counter(_cls(e) for e in places.values())
        report[name] = {c: counts[c] for c in _CLASSES}
        print(f"{name:<10}" + "".join(f"{counts[c]:>14}" for c in _CLASSES)
              + f"{len(places):>8}")
    if "previous" in systems:
        now, before = systems["this"], systems["previous"]
        both = now.keys() & before.keys()
        moved = [k for k in both if now[k].get("lat") is not None
                 and before[k].get("lat") is not None
                 and (now[k]["lat"], now[k]["lon"]) != (before[k]["lat"], before[k]["lon"])]
        lost = [k for k in both if now[k].get("lat") is None
                and before[k].get("lat") is not None]
        gained = [k for k in both if now[k].get("lat") is not None
                  and before[k].get("lat") is None]
        report.update(moved=len(moved), lost=len(lost), gained=len(gained))
        print(f"same (article, name) in both: {len(both)}; coordinates gained {len(gained)}, "
              f"lost {len(lost)}, moved {len(moved)}")
        for label, keys in (("gained", gained), ("lost", lost), ("moved", moved)):
            names = Counter(k[1] for k in keys).most_common(12)
            if names:
                print(f"  {label}: " + ", ".join(f"{n} ({c})" for n, c in names))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
