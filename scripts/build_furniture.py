"""Build ``ingest/data/furniture.json``: per-outlet page-furniture lines learned from a corpus.

    python scripts/build_furniture.py [CORPUS.jsonl ...] [--min-articles 5]

Reads JSONL articles (``text``, ``source``), counts per outlet in how many articles each
digit-normalised line occurs (``ingest.extract.furniture.FurnitureTable``) and keeps the lines
seen in at least ``--min-articles`` articles of one outlet. Deterministic for the same input:
rerun it after adding to the corpus and bump ``EXTRACTOR_VERSION``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.extract.furniture import DEFAULT_MIN_ARTICLES, build_table  # noqa: E402
from ingest.extract.gazetteer import DATA_DIR  # noqa: E402


def _rows(paths: list[Path]):  # noqa: ANN202 - a generator of (outlet, text)
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    yield row.get("source"), row.get("text") or ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="*", type=Path,
                    default=[next((p / "shared" / "corpus" / "news_corpus.jsonl"
                                   for p in REPO.parents
                                   if (p / "shared" / "corpus" / "news_corpus.jsonl").exists()),
                                  REPO.parent / "shared" / "corpus" / "news_corpus.jsonl")])
    ap.add_argument("--min-articles", type=int, default=DEFAULT_MIN_ARTICLES)
    ap.add_argument("--out", type=Path, default=DATA_DIR / "furniture.json")
    args = ap.parse_args(argv)
    table = build_table(_rows(args.corpus), args.min_articles)
    data = table.to_json()
    data["corpus"] = [p.name for p in args.corpus]
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    n = sum(len(v["lines"]) for v in data["outlets"].values())  # type: ignore[union-attr]
    print(f"{n} furniture lines for {len(data['outlets'])} outlets -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
