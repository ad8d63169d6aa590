"""Extraction throughput vs. spaCy's own ``nlp.pipe`` on the same articles and model.

    python bench/extract_speed.py [--limit N] [--corpus PATH] [--batch-size B]

``--corpus`` defaults to the in-repo FA-KES corpus (tests/data/corpus/fakes.jsonl); pass the
shared ``news_corpus.jsonl`` for the full one.

Prints a table and, last, one JSON line {"raw_spacy_aps", "extract_aps", "ratio", ...}.
Both runs use every component of the model; the extractor adds its EntityRuler and rules.
Model loading and the GeoNames index are built before the clocks start; the two runs are
interleaved in chunks so that load from other processes affects both alike.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"  # --corpus: the full one


def load_articles(path: Path, limit: int | None) -> list[tuple[str, str, str | None]]:
    """Conflict articles first (ukr-*, fakes-*), then the rest, up to ``limit``."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows.sort(key=lambda r: (not str(r["id"]).startswith(("ukr-", "fakes-")), r["id"]))
    rows = rows[:limit] if limit else rows
    return [(r["id"], r["text"], r.get("published")) for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--batch-size", type=int, default=None)
    ap.add_argument("--chunk", type=int, default=100, help="articles per interleaved chunk")
    args = ap.parse_args(argv)

    import spacy

    from graph.settings import get_settings
    from ingest.extract import SpacyExtractor

    settings = get_settings()
    batch = args.batch_size or settings.spacy_batch_size
    arts = load_articles(args.corpus, args.limit or None)
    chars = sum(len(t) for _, t, _ in arts)
    raw = spacy.load(settings.spacy_model)
    ex = SpacyExtractor(settings.spacy_model, batch_size=batch)
    list(raw.pipe([t for _, t, _ in arts[:4]]))  # warm-up both
    list(ex.iter_extract(arts[:4]))

    # Interleave the two runs chunk by chunk (alternating which goes first) so that load from
    # other processes on a shared machine hits both alike instead of skewing the ratio.
    raw_s = ext_s = 0.0
    n_ent = n_claim = n_rel = 0
    for k in range(0, len(arts), args.chunk):
        chunk = arts[k : k + args.chunk]
        for which in (("raw", "ext") if (k // args.chunk) % 2 == 0 else ("ext", "raw")):
            t0 = time.perf_counter()
            if which == "raw":
                for _ in raw.pipe((t for _, t, _ in chunk), batch_size=batch):
                    pass
                raw_s += time.perf_counter() - t0
            else:
                for res in ex.iter_extract(chunk):
                    n_ent += len(res.entities)
                    n_claim += len(res.claims)
                    n_rel += len(res.relations)
                ext_s += time.perf_counter() - t0

    raw_aps, ext_aps = len(arts) / raw_s, len(arts) / ext_s
    print(f"{'run':<16}{'articles':>10}{'seconds':>10}{'art/s':>10}{'kchar/s':>10}")
    print(f"{'raw nlp.pipe':<16}{len(arts):>10}{raw_s:>10.1f}{raw_aps:>10.2f}"
          f"{chars / raw_s / 1000:>10.1f}")
    print(f"{'extract':<16}{len(arts):>10}{ext_s:>10.1f}{ext_aps:>10.2f}"
          f"{chars / ext_s / 1000:>10.1f}")
    print(f"entities={n_ent} claims={n_claim} relations={n_rel} ratio={ext_aps / raw_aps:.3f}")
    print(json.dumps({"raw_spacy_aps": round(raw_aps, 3), "extract_aps": round(ext_aps, 3),
                      "ratio": round(ext_aps / raw_aps, 3), "articles": len(arts),
                      "corpus": str(args.corpus),
                      "model": settings.spacy_model, "batch_size": batch}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
