"""Development evaluation against hand annotations in ``bench/gold/*.json``.

    python bench/quality.py [--gold DIR] [--corpus PATH] [--previous REF | --no-previous]
                            [--verbose] [--sample N]

``--corpus`` defaults to the in-repo FA-KES corpus, which holds the text of the FA-KES gold
articles and the seed article only; the ``ukr-*`` and ``bbc-*`` gold articles are scored with
``--corpus`` set to the full shared ``news_corpus.jsonl``.

Gold files carry a ``split``: ``dev`` (used while writing the rules) or ``heldout`` (annotated
after the rules were frozen). Scores are printed for all, dev and heldout. For each:
precision / recall / F1 for
- entities: (type, canonical name) per article, a gold alias also counts as the name;
- claims: content overlap (>= 50% of the gold words and >= 30% of the system words);
- speaker attribution: matched claims whose speaker is right (anonymous == anonymous),
  and claims right in both content and speaker;
- who-said-what (content and speaker right) per gold quote type (direct, mixed, indirect);
- strict correctness on a seeded sample of system claims (speaker right and content close:
  >= 80 % of the gold words, >= 70 % of the system's);
- stance and quantity accuracy on matched claims, dispute-link precision/recall (links among an
  article's claims, ``graph/disputes.py``);
and, in the same run, the same measures for raw spaCy NER, a naive quote baseline (quotation
marks + nearest preceding PERSON) and textacy's ``direct_quotations`` when textacy is installed
(bench-only optional dependency: ``pip install -e .[bench]``).
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
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

GOLD_DIR = REPO / "bench" / "gold"
CORPUS = REPO / "tests" / "data" / "corpus" / "fakes.jsonl"  # --corpus: the full one
QUOTE_TYPES = ("direct", "mixed", "indirect")
_WORD = re.compile(r"\w+")
_QUOTE = re.compile(r"“([^”\n]{8,})”|\"([^\"\n]{8,})\"")


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
        print(f"note: {len(missing)} gold articles are not in {corpus} and are not scored: "
              f"{', '.join(missing)}", file=sys.stderr)
    return out


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


def _speaker_ok(gold: dict, gclaim: dict, snames: str | set[str], anonymous: bool) -> bool:
    """Right speaker: the gold name, one of its ``speaker_alt`` or the gold entity's aliases
    (``anonymous`` in the gold names accepts an anonymous system speaker)."""
    wanted = {norm(x) for x in (gclaim["speaker"], *gclaim.get("speaker_alt", ()))}
    for e in gold.get("entities", ()):
        if norm(e["name"]) in wanted:
            wanted |= {norm(a) for a in e.get("aliases", ())}
    if anonymous and "anonymous" in wanted:
        return True
    names = {norm(snames)} if isinstance(snames, str) else {norm(n) for n in snames}
    return bool(names & wanted)


def match_claims(gold: dict, system: list[tuple]) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, system index, overlap) on content overlap, best first."""
    pairs = []
    for gi, gc in enumerate(gold["claims"]):
        for si, sc in enumerate(system):
            ov = _overlap(gc["content"], sc[0])
            if ov >= 0.5:
                pairs.append((ov, gi, si))
    pairs.sort(reverse=True)
    gu: set[int] = set()
    su: set[int] = set()
    out = []
    for ov, gi, si in pairs:
        if gi in gu or si in su:
            continue
        gu.add(gi)
        su.add(si)
        out.append((gi, si, ov))
    return out


def claim_score(gold: dict, system: list[tuple[str, str, bool]]
                ) -> tuple[int, int, int, int, int]:
    """system: (content, speaker name, anonymous). -> (tp, n_sys, n_gold, matched, spk_ok)."""
    pairs = []
    for gi, gc in enumerate(gold["claims"]):
        for si, sc in enumerate(system):
            ov = _overlap(gc["content"], sc[0])
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
        _, name, anon = system[si][:3]
        spk += _speaker_ok(gold, gold["claims"][gi], name, anon)
    return len(gu), len(system), len(gold["claims"]), len(gu), spk


def naive_quotes(doc) -> list[tuple[str, str, bool]]:  # noqa: ANN001 - a spaCy Doc
    out = []
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    for m in _QUOTE.finditer(doc.text):
        before = [p for p in persons if p.start_char < m.start()]
        out.append((m.group(0), before[-1].text if before else "", False))
    return out


def textacy_available() -> bool:
    """Is the baseline installed (``pip install -e .[bench]``)? Without it its rows are left out
    of the table: a row of zeros would read as a baseline that finds nothing."""
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        return False
    return True


def textacy_quotes(doc) -> list[tuple[str, str, bool]]:  # noqa: ANN001 - a spaCy Doc
    """textacy's direct_quotations (speaker as written); [] when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return []
    try:
        found = list(direct_quotations(doc))
    except ValueError:  # textacy bails out on an unclosed quotation mark: no quotes
        return []
    return [(q.content.text, " ".join(t.text for t in q.speaker), False) for q in found]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--previous", default=None, help="git ref of the previous extractor")
    ap.add_argument("--no-previous", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--sample", type=int, default=40, help="strict-correctness sample size")
    args = ap.parse_args(argv)

    import spacy

    from bench.entity_metrics import EntityScores, extract_previous, merge_base
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
    splits: dict[str, tuple[Scores, EntityScores]] = {}
    for (g, text, _), res in zip(data, results, strict=True):
        doc = raw(text)
        for name in ("all", g.get("split", "dev")):
            claims, ents = splits.setdefault(name, (Scores(), EntityScores()))
            ents.add(g, text, res, doc, prev.get(g["id"]) if prev else None)
            claims.add(g, res, doc)
        if args.verbose and g.get("split", "dev") != "heldout":
            _explain(g, res, text)
    print(f"\nthis extractor: {EXTRACTOR_VERSION}; previous: {prev_version or '(skipped)'}")
    summary: dict[str, object] = {"corpus": str(args.corpus), "gold_articles": len(data)}
    for name, (sc, es) in splits.items():
        print(f"\n[{name}] articles: {len(sc.articles)}, gold claims: {sc.m['claim'].n_gold}")
        summary[name] = {**es.report(), **sc.report(args.sample)}
    print(json.dumps(summary))
    return 0


def _sys_claims(res: object) -> list[tuple]:
    """(content, {speaker names}, anonymous, quote type, claim) per system claim."""
    aliases = {e.id: {e.name, *e.aliases} for e in res.entities}  # type: ignore[attr-defined]
    out = []
    for c in res.claims:  # type: ignore[attr-defined]
        names = {c.speaker.name, *aliases.get(c.speaker.id, ())}
        out.append((c.content, names, c.speaker.anonymous, c.quote_type.value, c))
    return out


def _views(res: object) -> list:
    """graph.disputes.ClaimView per system claim. Sides (``side_keys``) as the graph read
    builds them: the speaker's id, name (named speakers) and country, its HAS_ROLE
    organizations/places with their names and countries, an anonymous source's affiliation;
    the accused's id and country likewise."""
    from graph.dispute_sides import side_keys
    from graph.disputes import ClaimView

    country = {e.id: e.country for e in res.entities}  # type: ignore[attr-defined]
    name = {e.id: e.name for e in res.entities}  # type: ignore[attr-defined]
    roles: dict[str, set[str]] = {}
    for r in res.relations:  # type: ignore[attr-defined]
        if r.type == "HAS_ROLE" and r.target:
            roles.setdefault(r.source, set()).add(r.target)

    def sides(eid: str, *names: str | None) -> set[str]:
        ids = {eid, *roles.get(eid, ())}
        return side_keys(ids, [n for n in (*names, *(name.get(r) for r in roles.get(eid, ())))
                               if n], [country.get(i) for i in ids])

    out = []
    for c in res.claims:  # type: ignore[attr-defined]
        q = getattr(c, "quantity", None)
        lo = hi = None
        if q is not None:
            lo = q.low if q.low is not None else q.value
            hi = q.high if q.high is not None else q.value
        out.append(ClaimView(
            id=c.id, speaker_id=c.speaker.id, content=c.content,
            stance=c.stance.value if hasattr(c, "stance") else "asserts",
            entities=set(c.about) | ({c.target} if c.target else set()), target=c.target,
            date=c.date, sides=sides(c.speaker.id, c.speaker.affiliation,
                                    None if c.speaker.anonymous else c.speaker.name),
            target_sides=sides(c.target) if c.target else set(),
            counted=q.counted if q else None, low=lo, high=hi, unit=q.unit if q else None,
            where=q.where if q else None, when=q.when if q else None,
            article_id=res.id, start=c.content_span[0], end=c.content_span[1],  # type: ignore[attr-defined]
            sentence_start=c.sentence_span[0], sentence_end=c.sentence_span[1]))
    return out


def system_disputes(res: object) -> list[tuple[int, int, str]]:
    """The extractor's dispute links among one article's claims (indexes into res.claims)."""
    from graph.disputes import article_disputes

    return article_disputes(_views(res))


class Scores:
    """P/R/F1 accumulators for the extractor and the baselines over a set of articles."""

    def __init__(self) -> None:
        keys = ["claim", "claim_raw", "claim_tx", "cs", "cs_raw", "cs_tx",
                "dispute"] + [f"cs_{q}" for q in QUOTE_TYPES]
        self.m = {k: PRF() for k in keys}
        self.spk = [0, 0]
        self.spk_raw = [0, 0]
        self.stance = [0, 0]
        self.qty = [0, 0]
        self.strict: list[tuple[str, int, bool]] = []  # (article, index, strictly right)
        self.articles: list[str] = []

    def add(self, g: dict, res: object, doc: object) -> None:  # res: ExtractionResult, doc: Doc
        self.articles.append(g["id"])
        if "claims" not in g:  # entity-only gold: bench/entity_metrics.py scores it
            return
        sys_claims = _sys_claims(res)
        for key, ckey, spk, claims in (
                ("claim", "cs", self.spk, sys_claims),
                ("claim_raw", "cs_raw", self.spk_raw, naive_quotes(doc)),
                ("claim_tx", "cs_tx", [0, 0], textacy_quotes(doc))):
            tp, ns, ng, matched, ok = claim_score(g, claims)
            self.m[key].add(tp, ns, ng)
            self.m[ckey].add(ok, ns, ng)
            spk[0] += ok
            spk[1] += matched
        self._detail(g, sys_claims, res)

    def _detail(self, g: dict, sys_claims: list[tuple], res: object) -> None:
        gold = g["claims"]
        pairs = match_claims(g, sys_claims)
        by_sys = {si: (gi, ov) for gi, si, ov in pairs}
        # per quote type: recall by the gold type, precision by the matched gold type (else
        # the system's own)
        for q in QUOTE_TYPES:
            n_gold = sum(1 for c in gold if c.get("quote_type", "indirect") == q)
            n_sys = tp = 0
            for si, sc in enumerate(sys_claims):
                gi = by_sys.get(si, (None, 0))[0]
                qt = gold[gi].get("quote_type", "indirect") if gi is not None else sc[3]
                if qt != q:
                    continue
                n_sys += 1
                tp += gi is not None and _speaker_ok(g, gold[gi], sc[1], sc[2])
            self.m[f"cs_{q}"].add(tp, n_sys, n_gold)
        for si, sc in enumerate(sys_claims):
            gi = by_sys.get(si, (None, 0))[0]
            ok = False
            if gi is not None and _speaker_ok(g, gold[gi], sc[1], sc[2]):
                gw, sw = _words(gold[gi]["content"]), _words(sc[0])
                common = sum(min(gw.count(w), sw.count(w)) for w in set(gw))
                ok = common >= 0.8 * len(gw) and common >= 0.7 * len(sw)
            self.strict.append((g["id"], si, ok))
            if gi is not None and "stance" in gold[gi]:
                stance = getattr(sc[4], "stance", None)  # None: an extractor before 1.5
                self.stance[0] += stance is not None and stance.value == gold[gi]["stance"]
                self.stance[1] += 1
            if gi is not None and "quantity" in gold[gi]:
                gq, sq = gold[gi]["quantity"], getattr(sc[4], "quantity", None)
                self.qty[1] += 1
                if sq is not None and sq.counted == gq.get("counted"):
                    self.qty[0] += all(getattr(sq, k) == gq[k] for k in ("value", "low", "high")
                                       if k in gq)
        self._disputes(g, by_sys, res)

    def _disputes(self, g: dict, by_sys: dict[int, tuple[int, float]], res: object) -> None:
        gold_links = {frozenset((a, b)) for a, b, *_ in g.get("disputes", ())}
        found = 0
        links = system_disputes(res)
        for i, j, _ in links:
            gi, gj = by_sys.get(i, (None,))[0], by_sys.get(j, (None,))[0]
            found += gi is not None and gj is not None and frozenset((gi, gj)) in gold_links
        self.m["dispute"].add(found, len(links), len(gold_links))

    def report(self, sample: int) -> dict[str, object]:
        print(f"{'measure':<40}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'sys':>6}{'gold':>6}")
        rows = [("claims (content overlap)", "claim"), ("  naive quote baseline", "claim_raw"),
                ("  textacy direct_quotations", "claim_tx"),
                ("who-said-what (content + speaker)", "cs"),
                *((f"  {q} quotes", f"cs_{q}") for q in QUOTE_TYPES),
                ("  naive quote baseline", "cs_raw"), ("  textacy direct_quotations", "cs_tx"),
                ("dispute links", "dispute")]
        out: dict[str, object] = {}
        if not textacy_available():
            rows = [(label, key) for label, key in rows if not key.endswith("_tx")]
            print("  (textacy baseline not installed: pip install -e '.[bench]')")
        for label, key in rows:
            p, r, f = self.m[key].row()
            out[key] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
            print(f"{label:<40}{p:>7.3f}{r:>7.3f}{f:>7.3f}{self.m[key].tp:>6}"
                  f"{self.m[key].n_sys:>6}{self.m[key].n_gold:>6}")
        acc = self.spk[0] / self.spk[1] if self.spk[1] else 0.0
        print(f"{'speaker accuracy on matched claims':<40}{acc:>7.3f}  ({self.spk[0]}/"
              f"{self.spk[1]})")
        rng = random.Random(7)
        picked = rng.sample(self.strict, min(sample, len(self.strict)))
        strict = sum(ok for *_, ok in picked) / len(picked) if picked else 0.0
        print(f"{'strict correctness (seeded sample)':<40}{strict:>7.3f}  "
              f"({sum(ok for *_, ok in picked)}/{len(picked)})")
        # the seeded sample shifts whenever the set of system claims changes; the share over
        # all system claims is the stable figure to compare versions with
        n_ok = sum(ok for *_, ok in self.strict)
        strict_all = n_ok / len(self.strict) if self.strict else 0.0
        print(f"{'strict correctness (all system claims)':<40}{strict_all:>7.3f}  "
              f"({n_ok}/{len(self.strict)})")
        st = self.stance[0] / self.stance[1] if self.stance[1] else 0.0
        qa = self.qty[0] / self.qty[1] if self.qty[1] else 0.0
        print(f"{'stance accuracy on matched claims':<40}{st:>7.3f}  ({self.stance[0]}/"
              f"{self.stance[1]})")
        print(f"{'quantity accuracy (gold figures)':<40}{qa:>7.3f}  ({self.qty[0]}/"
              f"{self.qty[1]})")
        out |= {"speaker_acc": round(acc, 3), "strict": round(strict, 3),
                "strict_all": round(strict_all, 3),
                "stance_acc": round(st, 3), "quantity_acc": round(qa, 3)}
        return out


def _explain(g: dict, res: object, text: str = "") -> None:
    """Dev articles only: extra system entities, wrong canonical names, missed gold entities
    and mention errors (span + type), then the claims."""
    from bench.entity_metrics import gold_mentions, system_entities

    gold_names = {norm(x) for e in g.get("entities", ()) for x in (e["name"], *e["aliases"])}
    print(f"== {g['id']}")
    if "entities" in g:
        sys_ents = system_entities(res)
        used: set[int] = set()
        for stype, sname, names, _ in sys_ents:
            if not names & gold_names:
                print(f"   extra entity: {stype} {sname}")
                continue
            for i, ge in enumerate(g["entities"]):
                gnames = {norm(x) for x in (ge["name"], *ge["aliases"])}
                if i not in used and ge["type"] == stype and names & gnames:
                    used.add(i)
                    if norm(sname) != norm(ge["name"]):
                        print(f"   canonical: {stype} {sname!r} (gold {ge['name']!r})")
                    break
            else:
                print(f"   wrong type or dup: {stype} {sname}")
        for i, ge in enumerate(g["entities"]):
            if i not in used:
                print(f"   missed: {ge['type']} {ge['name']}")
        gm = gold_mentions(g, text) if text else None
        if gm is not None:
            sm = {(s, e, t) for t, _, _, spans in sys_ents for s, e in spans}
            for s, e, t in sorted(gm - sm):
                print(f"   mention missed: {t} {text[s:e]!r} @{s}")
            for s, e, t in sorted(sm - gm):
                print(f"   mention extra: {t} {text[s:e]!r} @{s}")
    for c in res.claims:  # type: ignore[attr-defined]
        stance = getattr(c, "stance", None)
        print(f"   claim: {c.speaker.name[:30]:<30} {c.cue:<10} {stance or '':<9} "
              f"{c.content[:70]}")
    if "claims" not in g:
        return
    pairs = {si: gi for gi, si, _ in match_claims(g, _sys_claims(res))}
    gold = {frozenset(d[:2]): d[2] for d in g.get("disputes", ())}
    found = set()
    for i, j, why in system_disputes(res):
        key = frozenset((pairs.get(i), pairs.get(j)))
        found.add(key)
        print(f"   dispute {why} ({'right' if key in gold else 'WRONG'}): "
              f"{res.claims[i].content[:45]!r} <> {res.claims[j].content[:45]!r}")  # type: ignore[attr-defined]
    for key, why in gold.items():
        if key not in found:
            a, b = sorted(key)
            print(f"   missed dispute {why}: {g['claims'][a]['content'][:45]!r} <> "
                  f"{g['claims'][b]['content'][:45]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
