"""Build ``ingest/data/names_learned.json``: surname -> full name learned from a corpus.

    python scripts/build_names.py [CORPUS.jsonl ...] [--exclude-gold bench/gold]

See ``ingest/extract/known_names.py`` for the rule. Articles annotated in ``bench/gold`` are
left out by default, so the evaluation articles never teach their own names. Deterministic
for the same input: rerun it after adding to the corpus and bump ``EXTRACTOR_VERSION``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.extract.gazetteer import DATA_DIR, load_gazetteer  # noqa: E402
from ingest.extract.known_names import MIN_ARTICLES, SHARE, learn  # noqa: E402
from ingest.extract.places import get_place_index  # noqa: E402

_BIG_PLACE = 15_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="*", type=Path,
                    default=[next((p / "shared" / "corpus" / "news_corpus.jsonl"
                                   for p in REPO.parents
                                   if (p / "shared" / "corpus" / "news_corpus.jsonl").exists()),
                                  REPO.parent / "shared" / "corpus" / "news_corpus.jsonl")])
    ap.add_argument("--exclude-gold", type=Path, default=REPO / "bench" / "gold")
    ap.add_argument("--out", type=Path, default=DATA_DIR / "names_learned.json")
    args = ap.parse_args(argv)
    skip = {json.loads(p.read_text(encoding="utf-8"))["id"]
            for p in args.exclude_gold.glob("*.json")} if args.exclude_gold else set()
    places = get_place_index()

    def is_place(word: str) -> bool:
        return places.country_code(word) is not None \
            or places.resolve(word).population >= _BIG_PLACE

    texts: list[str] = []
    for path in args.corpus:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    if row.get("id") not in skip:
                        texts.append(row.get("text") or "")
    names = learn(texts, is_place, load_gazetteer())
    data = {"version": f"{len(texts)} articles; min_articles={MIN_ARTICLES}; share={SHARE}",
            "corpus": [p.name for p in args.corpus], "excluded_gold_articles": len(skip),
            "names": names}
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(names)} surnames from {len(texts)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
