"""Rebuild the in-repository test corpus from the shared development corpus.

    python scripts/build_test_corpus.py [--source PATH] [--out PATH] [--check]

Selection rule (documented in tests/data/corpus/README.md): every record whose id starts with
``fakes-`` (the FA-KES dataset, CC BY 4.0), in the source file's order, keeping only the fields the
pipeline reads plus FA-KES's own label. Nothing else is copied: the BBC, Guardian and NYT parts of
the shared corpus may not be redistributed. The output is byte-for-byte reproducible (sorted keys,
UTF-8, "\\n" line ends); ``--check`` compares instead of writing and exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "corpus" / "news_corpus.jsonl"
DEFAULT_OUT = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"
PREFIX = "fakes-"
FIELDS = ("id", "title", "text", "source", "published", "url", "fakes_label")
MAX_BYTES = 3 * 1024 * 1024


def build(source: Path) -> bytes:
    if not source.is_file():
        raise SystemExit(f"{source} not found; pass --source PATH to the shared news_corpus.jsonl")
    lines = []
    for line in source.open(encoding="utf-8"):
        if not line.strip():
            continue
        rec = json.loads(line)
        if not str(rec.get("id", "")).startswith(PREFIX):
            continue
        kept = {k: rec[k] for k in FIELDS if rec.get(k) not in (None, "")}
        lines.append(json.dumps(kept, ensure_ascii=False, sort_keys=True))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if not lines:
        raise SystemExit(f"no {PREFIX}* records in {source}")
    if len(data) > MAX_BYTES:
        raise SystemExit(f"{len(data)} bytes is over the {MAX_BYTES}-byte budget")
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = ap.parse_args()
    data = build(args.source)
    digest = hashlib.sha256(data).hexdigest()
    n = data.count(b"\n")
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == data
        print(f"{args.out}: {'up to date' if same else 'DIFFERS'} ({n} articles, sha256 {digest})")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out}: {n} articles, {len(data)} bytes, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
