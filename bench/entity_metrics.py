"""Entity measures for ``bench/quality.py``: entity, canonical-name and mention F1, wrong
merges and splits per 100 gold entities, and extraction by a previous extractor version.

Gold entity fields: ``type``, ``name`` (canonical), ``aliases`` and optionally ``mentions``:
the surface strings of the entity in the article; every whole-word occurrence of one of them
in the parsed text is a gold mention (the longest string wins where they overlap). Mention F1
is computed only over articles whose entities carry ``mentions``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def norm(s: str) -> str:
    s = " ".join(s.replace("’", "'").split()).casefold()
    s = s[4:] if s.startswith("the ") else s
    return s.removesuffix("'s").strip(" .,\"'“”")


SysEnt = tuple[str, str, set[str], list[tuple[int, int]]]  # type, name, names, mention spans


def system_entities(res: Any) -> list[SysEnt]:
    """From an ExtractionResult (object or its JSON dict)."""
    ents = res["entities"] if isinstance(res, dict) else [
        e.model_dump(mode="json") for e in res.entities]
    return [(e["type"], e["name"], {norm(x) for x in (e["name"], *e.get("aliases", ()))},
             [(m["start"], m["end"]) for m in e.get("mentions", ())]) for e in ents]


def _gold_sets(gold: dict) -> list[tuple[str, str, set[str]]]:
    return [(e["type"], norm(e["name"]), {norm(x) for x in (e["name"], *e.get("aliases", ()))})
            for e in gold["entities"]]


def entity_scores(gold: dict, sys_ents: list[SysEnt]) -> dict[str, tuple[int, int, int]]:
    """One-to-one matching on (type, any shared name) -> entity and canonical counts."""
    gents = _gold_sets(gold)
    used: set[int] = set()
    tp = canon = 0
    for stype, sname, names, _ in sys_ents:
        for i, (gtype, gcanon, gnames) in enumerate(gents):
            if i not in used and gtype == stype and names & gnames:
                used.add(i)
                tp += 1
                canon += norm(sname) == gcanon
                break
    n_sys, n_gold = len(sys_ents), len(gents)
    return {"ent": (tp, n_sys, n_gold), "canon": (canon, n_sys, n_gold)}


def merges_splits(gold: dict, sys_ents: list[SysEnt]) -> tuple[int, int, int]:
    """(wrong merges, splits, gold entities), by names regardless of type: a system entity
    whose names belong to two gold entities is a wrong merge; a gold entity whose names are
    spread over several system entities is split (one per extra entity)."""
    gents = _gold_sets(gold)
    merges = splits = 0
    for _, _, names, _ in sys_ents:
        hit = sum(1 for _, _, g in gents if names & g)
        merges += max(0, hit - 1)
    for _, _, g in gents:
        hit = sum(1 for _, _, names, _ in sys_ents if names & g)
        splits += max(0, hit - 1)
    return merges, splits, len(gents)


def gold_mentions(gold: dict, text: str) -> set[tuple[int, int, str]] | None:
    if not gold["entities"] or not all("mentions" in e for e in gold["entities"]):
        return None
    cands: list[tuple[int, int, str]] = []
    for e in gold["entities"]:
        for s in set(e["mentions"]):
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
                cands.append((m.start(), m.end(), e["type"]))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: set[tuple[int, int, str]] = set()
    last_end = -1
    for c in cands:
        if c[0] >= last_end:
            out.add(c)
            last_end = c[1]
    return out


def mention_scores(gold: dict, text: str, sys_ents: list[SysEnt]
                   ) -> tuple[int, int, int] | None:
    gm = gold_mentions(gold, text)
    if gm is None:
        return None
    sm = {(s, e, t) for t, _, _, spans in sys_ents for s, e in spans}
    return len(gm & sm), len(sm), len(gm)


def merge_base() -> str:
    for ref in ("main", "origin/main"):
        r = subprocess.run(["git", "merge-base", "HEAD", ref], capture_output=True, text=True,
                           cwd=Path(__file__).resolve().parent)
        if r.returncode == 0:
            return r.stdout.strip()
    raise SystemExit("no merge-base with main: pass --previous REF")


def extract_previous(ref: str, items: Iterable[tuple[str, str, str | None]]
                     ) -> tuple[str, dict[str, dict]]:
    """Extract ``items`` with the extractor code of git ``ref`` (``git archive`` into a temp
    dir, run in a subprocess with that dir first on the path) -> (version, id -> result)."""
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="kg-prev-") as tmp:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, "graph", "ingest"],
                                 cwd=repo, capture_output=True, check=True).stdout
        tar_path = Path(tmp) / "src.tar"
        tar_path.write_bytes(archive)
        with tarfile.open(tar_path) as tf:
            tf.extractall(tmp, filter="data")
        inp = Path(tmp) / "in.jsonl"
        with inp.open("w", encoding="utf-8") as fh:
            for aid, text, pub in items:
                fh.write(json.dumps({"id": aid, "text": text, "published": pub}) + "\n")
        code = ("import sys, ingest; assert ingest.__file__.startswith(sys.argv[1]), "
                "ingest.__file__\nfrom ingest.extract import extract_jsonl\n"
                "extract_jsonl(open(sys.argv[2]), open(sys.argv[3], 'w'))")
        out = Path(tmp) / "out.jsonl"
        env = {**os.environ, "PYTHONPATH": tmp}
        subprocess.run([sys.executable, "-c", code, tmp, str(inp), str(out)], cwd=tmp,
                       env=env, check=True)
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if x]
    version = next((r.get("extractor_version") for r in rows if "entities" in r), "?")
    return str(version), {r["id"]: r for r in rows if "entities" in r}


_SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
                "FAC": "Place"}
_ENT_ROWS = (("entities (typed, canonical)", "ent"), ("canonical names", "canon"),
             ("mentions (span + type)", "ment"))
_SYSTEMS = (("this", ""), ("previous", "_prev"), ("raw spaCy NER", "_raw"))


class EntityScores:
    """Entity P/R/F1 for this extractor, the previous one and raw spaCy NER over a set of
    articles, plus wrong merges and splits per 100 gold entities."""

    def __init__(self) -> None:
        # key -> [tp, n_sys, n_gold]
        self.m: dict[str, list[int]] = {f"{row}{sfx}": [0, 0, 0]
                                        for _, row in _ENT_ROWS for _, sfx in _SYSTEMS}
        self.ms: dict[str, list[int]] = {sfx: [0, 0, 0] for _, sfx in _SYSTEMS}
        self.has_prev = False

    def add(self, g: dict, text: str, res: Any, doc: Any, prev: dict | None = None) -> None:
        if "entities" not in g:  # claims-only gold
            return
        raw: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for ent in doc.ents:
            if ent.label_ in _SPACY_TYPES:
                raw.setdefault((_SPACY_TYPES[ent.label_], norm(ent.text)), []).append(
                    (ent.start_char, ent.end_char))
        systems = {"": system_entities(res),
                   "_raw": [(t, n, {n}, spans) for (t, n), spans in raw.items()]}
        if prev is not None:
            systems["_prev"] = system_entities(prev)
            self.has_prev = True
        for sfx, sys_ents in systems.items():
            for key, counts in entity_scores(g, sys_ents).items():
                self._add(key + sfx, counts)
            ms = mention_scores(g, text, sys_ents)
            if ms is not None:
                self._add("ment" + sfx, ms)
            merges, spl, n = merges_splits(g, sys_ents)
            acc = self.ms[sfx]
            acc[0] += merges
            acc[1] += spl
            acc[2] += n

    def _add(self, key: str, counts: tuple[int, int, int]) -> None:
        for i, v in enumerate(counts):
            self.m[key][i] += v

    def report(self) -> dict[str, object]:
        print(f"{'measure':<40}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'sys':>6}{'gold':>6}")
        out: dict[str, object] = {}
        for label, key in _ENT_ROWS:
            for sys_label, sfx in _SYSTEMS:
                if (sfx == "_prev" and not self.has_prev) or (sfx == "_raw" and key == "canon"):
                    continue  # raw NER has no canonical names: the surface is its name
                tp, ns, ng = self.m[key + sfx]
                p, r = (tp / ns if ns else 0.0), (tp / ng if ng else 0.0)
                f = 2 * p * r / (p + r) if p + r else 0.0
                out[key + sfx] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
                name = f"{label}: {sys_label}" if not sfx else f"  {sys_label}"
                print(f"{name:<40}{p:>7.3f}{r:>7.3f}{f:>7.3f}{tp:>6}{ns:>6}{ng:>6}")
        for sys_label, sfx in _SYSTEMS:
            merges, spl, n = self.ms[sfx]
            if (sfx == "_prev" and not self.has_prev) or not n:
                continue
            print(f"{'per 100 gold entities: ' + sys_label:<40} wrong merges "
                  f"{100 * merges / n:5.1f}  splits {100 * spl / n:5.1f}  ({merges}, {spl} / {n})")
            out["merge_split" + sfx] = {"merges": round(100 * merges / n, 2),
                                        "splits": round(100 * spl / n, 2)}
        return out
