"""Development evaluation against hand annotations in ``bench/gold/*.json``.

    python bench/quality.py [--gold DIR] [--corpus PATH] [--verbose]

Gold files carry a ``split``: ``dev`` (used while writing the rules) or ``heldout`` (annotated
after the rules were frozen). Scores are printed for all, dev and heldout. For each:
precision / recall / F1 for
- entities: (type, canonical name) per article, a gold alias also counts as the name;
- claims: content overlap (>= 50% of the gold words and >= 30% of the system words);
- speaker attribution: matched claims whose speaker is right (anonymous == anonymous),
  and claims right in both content and speaker;
and, in the same run, the same measures for raw spaCy NER and a naive quote baseline
(quotation marks + nearest preceding PERSON).
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
# the shared corpus sits beside the repository (or beside the folder of worktrees)
CORPUS = next((p / "shared" / "corpus" / "news_corpus.jsonl" for p in REPO.parents
               if (p / "shared" / "corpus" / "news_corpus.jsonl").exists()),
              REPO.parent / "shared" / "corpus" / "news_corpus.jsonl")
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
            for c in g["claims"]:
                if c["content"] not in text:
                    print(f"warning: {g['id']}: gold content not in text: {c['content'][:50]}")
            out.append((g, text, pub))
    return out


def entity_score(gold: dict, system: Iterable[tuple[str, set[str]]]) -> tuple[int, int, int]:
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
    for e in gold["entities"]:
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
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)

    import spacy

    from graph.settings import get_settings
    from ingest.extract import SpacyExtractor

    model = get_settings().spacy_model
    data = load_gold(args.gold, args.corpus)
    raw = spacy.load(model)
    ex = SpacyExtractor(model)
    results = list(ex.iter_extract((g["id"], t, p) for g, t, p in data))
    splits: dict[str, Scores] = {"all": Scores()}
    for (g, text, _), res in zip(data, results, strict=True):
        doc = raw(text)
        for name in ("all", g.get("split", "dev")):
            splits.setdefault(name, Scores()).add(g, res, doc)
        if args.verbose:
            _explain(g, res)
    summary: dict[str, object] = {}
    for name, sc in splits.items():
        n = len({g for g in sc.articles})
        print(f"\n[{name}] articles: {n}")
        summary[name] = sc.report()
    print(json.dumps(summary))
    return 0


class Scores:
    """P/R/F1 accumulators for the extractor and both baselines over a set of articles."""

    def __init__(self) -> None:
        self.m = {k: PRF() for k in ("ent", "ent_raw", "claim", "claim_raw", "cs", "cs_raw")}
        self.spk = [0, 0]
        self.spk_raw = [0, 0]
        self.articles: list[str] = []

    def add(self, g: dict, res: object, doc: object) -> None:  # res: ExtractionResult, doc: Doc
        self.articles.append(g["id"])
        sys_ents = [(e.type.value, {norm(x) for x in (e.name, *e.aliases)})
                    for e in res.entities]  # type: ignore[attr-defined]
        self.m["ent"].add(*entity_score(g, sys_ents))
        seen: dict[tuple[str, str], None] = {}
        for ent in doc.ents:  # type: ignore[attr-defined]
            if ent.label_ in _SPACY_TYPES:
                seen[(_SPACY_TYPES[ent.label_], norm(ent.text))] = None
        self.m["ent_raw"].add(*entity_score(g, [(t, {n}) for t, n in seen]))
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
        rows = [("entities (typed, canonical)", "ent"), ("  raw spaCy NER", "ent_raw"),
                ("claims (content overlap)", "claim"), ("  naive quote baseline", "claim_raw"),
                ("claims + right speaker", "cs"), ("  naive quote baseline", "cs_raw")]
        out: dict[str, dict[str, float]] = {}
        for label, key in rows:
            p, r, f = self.m[key].row()
            out[key] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
            print(f"{label:<36}{p:>7.3f}{r:>7.3f}{f:>7.3f}{self.m[key].tp:>6}"
                  f"{self.m[key].n_sys:>6}{self.m[key].n_gold:>6}")
        acc = self.spk[0] / self.spk[1] if self.spk[1] else 0.0
        acc_raw = self.spk_raw[0] / self.spk_raw[1] if self.spk_raw[1] else 0.0
        print(f"{'speaker accuracy on matched claims':<36}{acc:>7.3f}  ({self.spk[0]}/"
              f"{self.spk[1]}); naive baseline {acc_raw:.3f} ({self.spk_raw[0]}/{self.spk_raw[1]})")
        out["speaker_acc"] = {"extract": round(acc, 3), "naive": round(acc_raw, 3)}
        return out


def _explain(g: dict, res: object) -> None:
    gold_names = {norm(x) for e in g["entities"] for x in (e["name"], *e["aliases"])}
    print(f"== {g['id']}")
    for e in res.entities:  # type: ignore[attr-defined]
        if not {norm(x) for x in (e.name, *e.aliases)} & gold_names:
            print(f"   extra entity: {e.type.value} {e.name}")
    for c in res.claims:  # type: ignore[attr-defined]
        print(f"   claim: {c.speaker.name[:30]:<30} {c.cue:<10} {c.content[:70]}")


if __name__ == "__main__":
    raise SystemExit(main())
