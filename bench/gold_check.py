"""Check the hand annotations in ``bench/gold/*.json`` before they are used to score anything.

    python bench/gold_check.py [--gold DIR] [--corpus PATH ...]

A broken annotation (an offset that no longer points at its text, a misspelt stance, a dispute
link to a claim that does not exist) would silently lower or raise the scores of
``bench/quality.py``; this script makes it an error instead. Checked per file:
- ``id`` equals the file name, ``split`` is ``dev`` or ``heldout``, ``source`` and ``annotator``
  are set;
- every claim has ``speaker``, ``content``, a ``content_span`` whose length is the content's,
  ``cue``, ``quote_type`` and ``stance``;
- enums: ``quote_type``, ``stance`` (graph.models), ``speaker_type`` (an entity type or
  ``AnonymousSource``), ``quantity.counted``, ``reported_by.role``, dispute reasons; a
  ``quantity`` has a ``value`` or a ``low``/``high`` (numbers, low <= high);
- ``disputes`` are ``[i, j, reason]`` with two different existing claim indexes;
- spans point into the article text: ``text[start:end] == content`` for ``content_span``,
  ``speaker_span`` and ``cue_span`` in bounds; entity ``mentions`` occur in the text.
The article text comes from ``source`` for ``ingest/...`` files, else from the corpora given
(default: the in-repo FA-KES corpus and the shared ``news_corpus.jsonl`` when it exists). Files
whose text is in none of them get every check except the text ones; the script says how many.
Exit status 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graph.models import EntityType, QuoteType, Stance  # noqa: E402

GOLD_DIR = REPO / "bench" / "gold"
IN_REPO_CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"
SPLITS = {"dev", "heldout"}
SPEAKER_TYPES = {t.value for t in EntityType} | {"AnonymousSource"}
COUNTED = {"killed", "wounded", "displaced", "captured", "shot_down", "munitions", "aid", "other"}
REASONS = {"denial", "denial_of_accusation", "rebuttal", "figures_differ"}


def default_corpora() -> list[Path]:
    """The in-repo FA-KES corpus, and the shared development corpus beside the checkout (or
    beside its parent, for a worktree) when it is there."""
    candidates = (p / "shared" / "corpus" / "news_corpus.jsonl" for p in REPO.parents[:2])
    shared = next((p for p in candidates if p.exists()), None)
    return [IN_REPO_CORPUS, *([shared] if shared else [])]


def load_texts(ids: set[str], corpora: list[Path]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for corpus in corpora:
        if not corpus.exists():
            continue
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in ids and row["id"] not in texts:
                    texts[row["id"]] = row["text"]
    return texts


def _span(value: object, text: str | None, what: str, errs: list[str],
          expect: str | None = None) -> None:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(x, int) for x in value) or not 0 <= value[0] < value[1]):
        errs.append(f"{what}: bad span {value!r}")
        return
    start, end = value
    if expect is not None and end - start != len(expect):
        errs.append(f"{what}: span {value} is {end - start} long, the text {len(expect)}")
    if text is None:
        return
    if end > len(text):
        errs.append(f"{what}: span {value} beyond the text ({len(text)} chars)")
    elif expect is not None and text[start:end] != expect:
        errs.append(f"{what}: text[{start}:{end}] is {text[start:end][:40]!r}, "
                    f"not {expect[:40]!r}")


def _quantity(q: object, where: str, errs: list[str]) -> None:
    if not isinstance(q, dict):
        errs.append(f"{where}: quantity is not an object")
        return
    if q.get("counted") not in COUNTED:
        errs.append(f"{where}: quantity.counted {q.get('counted')!r} not in {sorted(COUNTED)}")
    nums = {k: q[k] for k in ("value", "low", "high") if k in q}
    if not nums:
        errs.append(f"{where}: quantity without value, low or high")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in nums.values()):
        errs.append(f"{where}: quantity numbers must be numbers: {nums}")
    elif "low" in nums and "high" in nums and nums["low"] > nums["high"]:
        errs.append(f"{where}: quantity low > high")


def check_claim(c: dict, i: int, text: str | None, errs: list[str]) -> None:
    where = f"claim {i}"
    for key in ("speaker", "content", "content_span", "cue", "quote_type", "stance"):
        if key not in c:
            errs.append(f"{where}: missing {key}")
    for key in ("speaker", "content", "cue"):
        if key in c and (not isinstance(c[key], str) or not c[key].strip()):
            errs.append(f"{where}: {key} must be a non-empty string")
    if "content_span" in c and isinstance(c.get("content"), str):
        _span(c["content_span"], text, f"{where} content", errs, c["content"])
    for key in ("speaker_span", "cue_span"):
        if key in c:
            _span(c[key], text, f"{where} {key}", errs)
    if "quote_type" in c and c["quote_type"] not in {q.value for q in QuoteType}:
        errs.append(f"{where}: quote_type {c['quote_type']!r}")
    if "stance" in c and c["stance"] not in {s.value for s in Stance}:
        errs.append(f"{where}: stance {c['stance']!r}")
    if "speaker_type" in c and c["speaker_type"] not in SPEAKER_TYPES:
        errs.append(f"{where}: speaker_type {c['speaker_type']!r}")
    if c.get("speaker_type") == "AnonymousSource" and c.get("speaker") != "anonymous":
        errs.append(f"{where}: an AnonymousSource speaker is written 'anonymous'")
    if not isinstance(c.get("speaker_alt", []), list):
        errs.append(f"{where}: speaker_alt must be a list")
    if "quantity" in c:
        _quantity(c["quantity"], where, errs)
    rb = c.get("reported_by")
    if rb is not None and (not isinstance(rb, dict) or rb.get("role") not in {"audience", "relay"}
                           or not rb.get("name")):
        errs.append(f"{where}: reported_by needs a role (audience|relay) and a name: {rb!r}")


def check_file(path: Path, g: dict, text: str | None) -> list[str]:
    errs: list[str] = []
    if g.get("id") != path.stem:
        errs.append(f"id {g.get('id')!r} is not the file name")
    if g.get("split") not in SPLITS:
        errs.append(f"split {g.get('split')!r} not in {sorted(SPLITS)}")
    for key in ("source", "annotator"):
        if not g.get(key):
            errs.append(f"missing {key}")
    if "claims" not in g and "entities" not in g:
        errs.append("neither claims nor entities: nothing is annotated")
    claims = g.get("claims", [])
    if not isinstance(claims, list):
        return [*errs, "claims is not a list"]
    for i, c in enumerate(claims):
        check_claim(c, i, text, errs)
    for d in g.get("disputes", ()):
        ok = (isinstance(d, list) and len(d) == 3 and all(isinstance(x, int) for x in d[:2])
              and d[0] != d[1] and all(0 <= x < len(claims) for x in d[:2]))
        if not ok:
            errs.append(f"dispute {d!r}: needs two different claim indexes of this file")
        elif d[2] not in REASONS:
            errs.append(f"dispute {d!r}: reason not in {sorted(REASONS)}")
    for e in g.get("entities", ()):
        for m in e.get("mentions", ()):  # mentions are written as they appear in the text
            if not isinstance(m, str) or (text is not None and m not in text):
                errs.append(f"entity {e.get('name')!r}: mention {m!r} not in the text")
    return errs


def check_dir(gold_dir: Path, corpora: list[Path]) -> tuple[dict[str, list[str]], int, int]:
    """-> ({file name: errors}, files checked, files whose spans were checked on the text)."""
    paths = sorted(gold_dir.glob("*.json"))
    golds: dict[Path, dict] = {}
    problems: dict[str, list[str]] = {}
    for p in paths:
        try:
            golds[p] = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems[p.name] = [f"not JSON: {exc}"]
    texts = load_texts({g.get("id", "") for g in golds.values()}, corpora)
    with_text = 0
    for p, g in golds.items():
        text = texts.get(g.get("id", ""))
        if str(g.get("source", "")).startswith("ingest/"):
            src = REPO / g["source"]
            text = src.read_text(encoding="utf-8") if src.exists() else None
        with_text += text is not None
        errs = check_file(p, g, text)
        if errs:
            problems[p.name] = errs
    return problems, len(paths), with_text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--corpus", type=Path, action="append", default=None)
    args = ap.parse_args(argv)
    problems, n, with_text = check_dir(args.gold, args.corpus or default_corpora())
    for name, errs in problems.items():
        for e in errs:
            print(f"{name}: {e}")
    print(f"{n} gold files, {n - len(problems)} fine, {len(problems)} with errors; "
          f"{with_text} checked against their text, {n - with_text} without it")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
