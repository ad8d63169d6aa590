"""Development evaluation against hand annotations in ``bench/gold/*.json``.

    python bench/quality.py [--gold DIR] [--corpus PATH] [--previous REF | --no-previous]
                            [--verbose]

``--corpus`` defaults to the in-repo FA-KES corpus, which holds the text of the FA-KES gold
articles and the seed article only; the ``ukr-*`` gold articles are scored with ``--corpus`` set
to the full shared ``news_corpus.jsonl``.

Gold files carry a ``split``: ``dev`` (used while writing the rules) or ``heldout`` (annotated
after the rules were frozen). Scores are printed for all, dev and heldout. For each:
precision / recall / F1 for
- entities: (type, canonical name) per article, a gold alias also counts as the name;
- claims: content overlap (>= 50% of the gold words and >= 30% of the system words);
- speaker attribution: matched claims whose speaker is right (anonymous == anonymous),
  and claims right in both content and speaker;
and, in the same run, the same measures for raw spaCy NER and a naive quote baseline
(quotation marks + nearest preceding PERSON).

Entity measures (``bench/entity_metrics.py``) are printed for this extractor, for the
extractor of a previous git ref (``--previous REF``, default the merge-base with main: its
code is extracted with ``git archive`` into a temp dir and run in a subprocess) and for raw
spaCy NER: entity F1, canonical-name F1, mention F1 (gold files whose entities list their
``mentions``), wrong merges and splits per 100 gold entities. A gold file without an
``entities`` (or ``claims``) key is not annotated for that task and is skipped for it.
``--verbose`` explains dev articles only: held-out articles are for checking, not tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

GOLD_DIR = REPO / "bench" / "gold"
CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"  # --corpus: the full one
_WORD = re.compile(r"\w+")
_QUOTE = re.compile(r"“([^”\n]{8,})”|\"([^\"\n]{8,})\"")
_SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
                "FAC": "Place"}


def norm(s: str) -> str:
    s = " ".join(s.replace("’", "'").split()).casefold()
    s = s[4:] if s.startswith("the ") else s
    return s.removesuffix("'s").strip(" .,\"'“”")


@dataclass
class PRF:
    tp: int = 0
    n_sys: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_sys: int, n_gold: int) -> None:
        self.tp += tp
        self.n_sys += n_sys
        self.n_gold += n_gold

    def row(self) -> tuple[float, float, float]:
        p = self.tp / self.n_sys if self.n_sys else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_gold(gold_dir: Path, corpus: Path) -> list[tuple[dict, str, str | None]]:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    wanted = {g["id"] for g in golds}
    texts: dict[str, tuple[str, str | None]] = {}
    if corpus.exists():
        for line in corpus.open(encoding="utf-8"):
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = (row["text"], row.get("published"))
    out = []
    for g in golds:
        if g["source"].startswith("ingest/"):
            texts[g["id"]] = ((REPO / g["source"]).read_text(encoding="utf-8"), g.get("published"))
        if g["id"] in texts:
            text, pub = texts[g["id"]]
            for c in g.get("claims", ()):
                if c["content"] not in text:
                    print(f"warning: {g['id']}: gold content not in text: {c['content'][:50]}")
            out.append((g, text, pub))
    missing = sorted(wanted - texts.keys())
    if missing:
        # The in-repo corpus holds only FA-KES; the ukr-* gold articles need --corpus with the
        # full shared corpus (their text may not be redistributed).
        print(f"note: {len(missing)} gold articles are not in {corpus} and are not scored: "
              f"{', '.join(missing)}", file=sys.stderr)
    return out


def entity_score(gold: dict, system: Iterable[tuple[str, set[str]]]) -> tuple[int, int, int]:
    """Kept for callers of the old API; ``bench/entity_metrics.py`` has the full measures."""
    """system: (type, {name, aliases}) per entity; one-to-one matching."""
    gents = [(e["type"], {norm(x) for x in (e["name"], *e.get("aliases", ()))})
             for e in gold["entities"]]
    used: set[int] = set()
    sys_list = list(system)
    tp = 0
    for stype, names in sys_list:
        for i, (gtype, gnames) in enumerate(gents):
            if i not in used and gtype == stype and names & gnames:
                used.add(i)
                tp += 1
                break
    return tp, len(sys_list), len(gents)


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _overlap(g: str, s: str) -> float:
    gw, sw = _words(g), _words(s)
    if not gw or not sw:
        return 0.0
    common = sum(min(gw.count(w), sw.count(w)) for w in set(gw))
    if common / len(sw) < 0.3:
        return 0.0
    return common / len(gw)


def _speaker_ok(gold: dict, gspeaker: str, sname: str, anonymous: bool) -> bool:
    if gspeaker == "anonymous":
        return anonymous
    if anonymous:
        return False
    names = {norm(gspeaker)}
    for e in gold.get("entities", ()):
        if norm(e["name"]) == norm(gspeaker):
            names |= {norm(a) for a in e.get("aliases", ())}
    return norm(sname) in names


def claim_score(gold: dict, system: list[tuple[str, str, bool]]
                ) -> tuple[int, int, int, int, int]:
    """system: (content, speaker name, anonymous). -> (tp, n_sys, n_gold, matched, spk_ok)."""
    pairs = []
    for gi, gc in enumerate(gold["claims"]):
        for si, (content, _, _) in enumerate(system):
            ov = _overlap(gc["content"], content)
            if ov >= 0.5:
                pairs.append((ov, gi, si))
    pairs.sort(reverse=True)
    gu: set[int] = set()
    su: set[int] = set()
    spk = 0
    for _, gi, si in pairs:
        if gi in gu or si in su:
            continue
        gu.add(gi)
        su.add(si)
        _, name, anon = system[si]
        spk += _speaker_ok(gold, gold["claims"][gi]["speaker"], name, anon)
    return len(gu), len(system), len(gold["claims"]), len(gu), spk


def naive_quotes(doc) -> list[tuple[str, str, bool]]:  # noqa: ANN001 - a spaCy Doc
    out = []
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    for m in _QUOTE.finditer(doc.text):
        before = [p for p in persons if p.start_char < m.start()]
        out.append((m.group(0), before[-1].text if before else "", False))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--previous", default=None, help="git ref of the previous extractor")
    ap.add_argument("--no-previous", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)

    import spacy

    from bench.entity_metrics import extract_previous, merge_base
    from graph.settings import get_settings
    from ingest.extract import EXTRACTOR_VERSION, SpacyExtractor

    model = get_settings().spacy_model
    data = load_gold(args.gold, args.corpus)
    raw = spacy.load(model)
    ex = SpacyExtractor(model)
    results = list(ex.iter_extract((g["id"], t, p) for g, t, p in data))
    prev: dict[str, dict] | None = None
    prev_version = ""
    if not args.no_previous:
        ref = args.previous or merge_base()
        prev_version, prev = extract_previous(ref, [(g["id"], t, p) for g, t, p in data])
        prev_version = f"{prev_version} @ {ref[:10]}"
    splits: dict[str, Scores] = {"all": Scores()}
    for (g, text, _), res in zip(data, results, strict=True):
        doc = raw(text)
        for name in ("all", g.get("split", "dev")):
            splits.setdefault(name, Scores()).add(g, text, res, doc,
                                                  prev.get(g["id"]) if prev else None)
        if args.verbose and g.get("split", "dev") != "heldout":
            _explain(g, res)
    print(f"\nthis extractor: {EXTRACTOR_VERSION}; previous: {prev_version or '(skipped)'}")
    summary: dict[str, object] = {"corpus": str(args.corpus), "gold_articles": len(data)}
    for name, sc in splits.items():
        n = len({g for g in sc.articles})
        print(f"\n[{name}] articles: {n}")
        summary[name] = sc.report()
    print(json.dumps(summary))
    return 0


_ENT_ROWS = (("entities (typed, canonical)", "ent"), ("canonical names", "canon"),
             ("mentions (span + type)", "ment"))
_SYSTEMS = (("this", ""), ("previous", "_prev"), ("raw spaCy NER", "_raw"))


class Scores:
    """P/R/F1 accumulators for the extractor, the previous one and the baselines."""

    def __init__(self) -> None:
        self.m: dict[str, PRF] = {k: PRF() for k in (
            "claim", "claim_raw", "cs", "cs_raw",
            *(f"{row}{sfx}" for _, row in _ENT_ROWS for _, sfx in _SYSTEMS))}
        self.ms: dict[str, list[int]] = {sfx: [0, 0, 0] for _, sfx in _SYSTEMS}
        self.spk = [0, 0]
        self.spk_raw = [0, 0]
        self.articles: list[str] = []
        self.has_prev = False

    def add(self, g: dict, text: str, res: object, doc: object,
            prev: dict | None = None) -> None:  # res: ExtractionResult, doc: Doc
        from bench.entity_metrics import (
            entity_scores,
            mention_scores,
            merges_splits,
            system_entities,
        )

        self.articles.append(g["id"])
        if "entities" in g:
            raw: dict[tuple[str, str], list[tuple[int, int]]] = {}
            for ent in doc.ents:  # type: ignore[attr-defined]
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
                    self.m[key + sfx].add(*counts)
                ms = mention_scores(g, text, sys_ents)
                if ms is not None:
                    self.m["ment" + sfx].add(*ms)
                merges, spl, n = merges_splits(g, sys_ents)
                acc = self.ms[sfx]
                acc[0] += merges
                acc[1] += spl
                acc[2] += n
        if "claims" not in g:
            return
        sys_claims = [(c.content, c.speaker.name, c.speaker.anonymous)
                      for c in res.claims]  # type: ignore[attr-defined]
        for key, ckey, spk, claims in (("claim", "cs", self.spk, sys_claims),
                                       ("claim_raw", "cs_raw", self.spk_raw, naive_quotes(doc))):
            tp, ns, ng, matched, ok = claim_score(g, claims)
            self.m[key].add(tp, ns, ng)
            self.m[ckey].add(ok, ns, ng)
            spk[0] += ok
            spk[1] += matched

    def report(self) -> dict[str, dict[str, float]]:
        print(f"{'measure':<36}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'sys':>6}{'gold':>6}")
        rows: list[tuple[str, str]] = []
        for label, key in _ENT_ROWS:
            for sys_label, sfx in _SYSTEMS:
                if sfx == "_prev" and not self.has_prev:
                    continue
                if sfx == "_raw" and key == "canon":
                    continue  # raw NER has no canonical names: the surface is its name
                rows.append((f"{label}: {sys_label}" if not sfx else f"  {sys_label}",
                             key + sfx))
        rows += [("claims (content overlap)", "claim"), ("  naive quote baseline", "claim_raw"),
                 ("claims + right speaker", "cs"), ("  naive quote baseline", "cs_raw")]
        out: dict[str, dict[str, float]] = {}
        for label, key in rows:
            p, r, f = self.m[key].row()
            out[key] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
            print(f"{label:<36}{p:>7.3f}{r:>7.3f}{f:>7.3f}{self.m[key].tp:>6}"
                  f"{self.m[key].n_sys:>6}{self.m[key].n_gold:>6}")
        for sys_label, sfx in _SYSTEMS:
            merges, spl, n = self.ms[sfx]
            if (sfx == "_prev" and not self.has_prev) or not n:
                continue
            print(f"{'per 100 gold entities: ' + sys_label:<36} wrong merges "
                  f"{100 * merges / n:5.1f}  splits {100 * spl / n:5.1f}  ({merges}, {spl} / {n})")
            out["merge_split" + sfx] = {"merges": round(100 * merges / n, 2),
                                        "splits": round(100 * spl / n, 2)}
        acc = self.spk[0] / self.spk[1] if self.spk[1] else 0.0
        acc_raw = self.spk_raw[0] / self.spk_raw[1] if self.spk_raw[1] else 0.0
        print(f"{'speaker accuracy on matched claims':<36}{acc:>7.3f}  ({self.spk[0]}/"
              f"{self.spk[1]}); naive baseline {acc_raw:.3f} ({self.spk_raw[0]}/{self.spk_raw[1]})")
        out["speaker_acc"] = {"extract": round(acc, 3), "naive": round(acc_raw, 3)}
        return out


def _explain(g: dict, res: object) -> None:
    gold_names = {norm(x) for e in g.get("entities", ()) for x in (e["name"], *e["aliases"])}
    print(f"== {g['id']}")
    for e in res.entities:  # type: ignore[attr-defined]
        if not {norm(x) for x in (e.name, *e.aliases)} & gold_names:
            print(f"   extra entity: {e.type.value} {e.name}")
    for c in res.claims:  # type: ignore[attr-defined]
        print(f"   claim: {c.speaker.name[:30]:<30} {c.cue:<10} {c.content[:70]}")


if __name__ == "__main__":
    raise SystemExit(main())
