"""Cross-article entity resolution: one canonical node per real-world entity.

The extractor already gives deterministic ids where it can (gazetteer ids such as
``person:vladimir-putin``, GeoNames ids such as ``place:geonames:703448``, slugs otherwise).
``CanonicalResolver`` maps each article's entities onto an index of known canonical
entities (seeded from the graph by the caller; this module never talks to Neo4j):
exact id -> a bare site name to its Facility -> alias -> fuzzy name (rapidfuzz) -> new.
Each non-trivial decision is recorded in ``EntityRecord.resolution`` so the writer can
store it for audit and undo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rapidfuzz import fuzz, process

from graph.models import EntityRecord, EntityType, ExtractionResult
from ingest.extract.gazetteer import load_gazetteer, norm
from ingest.extract.names import given_names_compatible, translit_key

KnownEntity = tuple[str, str, str, Sequence[str]]  # (id, type, name, aliases)

# Ids that come from an authority (gazetteer, GeoNames) are never fuzzily re-mapped.
_AUTHORITATIVE = ("place:geonames:", "place:admin1:", "place:katottg:", "place:territory:")
_NO_REMAP = ("org:inst:",)


@dataclass
class _Canon:
    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)


def _tokens_compatible(a: str, b: str) -> bool:
    """Person names: same number of words, compatible given names and every word close
    after transliteration folding ('Zelenskyy'~'Zelensky', 'Shoygu'~'Shoigu'), so 'Kim
    Jong-un' never merges with 'Kim Jong-il', nor 'Hunter Biden' with 'Joe Biden'."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or not given_names_compatible(ta[0], tb[0]) and len(ta) > 1:
        return False
    ka, kb = translit_key(a).split(), translit_key(b).split()
    if len(ka) != len(kb):
        return all(fuzz.ratio(x, y) >= 80 for x, y in zip(ta, tb, strict=True))
    return all(fuzz.ratio(x, y) >= 80 for x, y in zip(ka, kb, strict=True))


class CanonicalResolver:
    """Implements the ``Resolver`` stage; keeps its index across calls (one per process)."""

    def __init__(self, known: Iterable[KnownEntity] = (), *, threshold: float = 90.0,
                 clock: Callable[[], datetime] | None = None,
                 reference_ids: Iterable[str] | None = None) -> None:
        self.threshold = threshold
        # Ids the gazetteer (reference data) gives: already the canonical entity, never
        # re-mapped. Two of them can share a generic alias ('defence ministry' of the Russian
        # and of the British ministry in one article), which attracted one into the other.
        self.reference_ids = frozenset(
            reference_ids if reference_ids is not None
            else (e.id for e in load_gazetteer().entries))
        self.clock = clock or (lambda: datetime.now(UTC))
        self.by_id: dict[str, _Canon] = {}
        self.by_alias: dict[tuple[str, str], str] = {}
        self.names: dict[str, dict[str, str]] = {}  # type -> normalized name -> id
        # (type, transliteration key) -> id: Zelenskyy / Zelenskiy / Зеленський are one key
        self.translit: dict[tuple[str, str], str] = {}
        # surname -> ids of the people with a full name ending in it: a bare surname shared
        # by two known people ('Kostin' of Andriy and of Oleh) joins neither
        self.surname_owners: dict[str, set[str]] = {}
        for eid, etype, name, aliases in known:
            self.add(eid, str(etype), name, aliases)

    # ------------------------------------------------------------------ index
    def add(self, eid: str, etype: str, name: str, aliases: Iterable[str] = ()) -> None:
        canon = self.by_id.get(eid)
        if canon is None:
            canon = self.by_id[eid] = _Canon(eid, etype, name)
            self.names.setdefault(etype, {})[norm(name)] = eid
        if etype == EntityType.PERSON.value and len(name.split()) > 1:
            self.surname_owners.setdefault(norm(name.split()[-1]), set()).add(eid)
        for alias in (name, *aliases):
            canon.aliases.add(alias)
            # the first owner of an alias keeps it: 'Johnson' must not hop between people
            self.by_alias.setdefault((etype, norm(alias)), eid)
            if etype == EntityType.PERSON.value and not eid.startswith(_AUTHORITATIVE):
                self.translit.setdefault((etype, translit_key(alias)), eid)

    def _given_ok(self, name: str, cand_id: str) -> bool:
        """Given names compatible ('V.' ~ 'Vladimir'); a candidate known by one word only
        gives no evidence either way, so it is not joined."""
        other = self.by_id[cand_id].name.split()
        return len(other) > 1 and given_names_compatible(name.split()[0], other[0])

    def match(self, ent: EntityRecord, siblings: frozenset[str] = frozenset()
              ) -> tuple[str, str, float, str]:
        """(canonical id, method, score, matched text) for one entity. ``siblings``: the ids of
        the other entities of its article, which the extractor already judged to be other
        entities: never a target of an alias or fuzzy match."""
        etype = ent.type.value
        if ent.id in self.by_id or ent.id.startswith(_AUTHORITATIVE) \
                or ent.id in self.reference_ids:
            # An authority's id already says which place it is, from the article's own text
            # and fixed reference data. Re-mapping it through this process's index made the
            # graph depend on which articles a worker had seen first ('Brussels' in a
            # Canadian story became Belgium's in one worker, stayed Ontario's in another).
            return ent.id, "exact", 1.0, ent.name
        if ent.id.startswith(_NO_REMAP):
            # a country's ministry or army: its id already says whose; 'Defence Ministry'
            # written elsewhere about another country must not attract it by alias or fuzz
            return ent.id, "new", 1.0, ent.name
        if ent.type is EntityType.ORGANIZATION and ent.id.startswith("org:") \
                and not ent.resolution:
            # 'Azovstal' alone, tagged ORG, once another article named the site in full
            # ('the Azovstal steel plant' -> facility:azovstal): the site, not a company
            site = "facility:" + ent.id.removeprefix("org:")
            if site in self.by_id and site not in siblings:
                return site, "same-site", 1.0, ent.name
        multi = len(ent.name.split()) > 1
        for alias in (ent.name, *ent.aliases):
            hit = self.by_alias.get((etype, norm(alias)))
            if hit is not None and ent.type is EntityType.PERSON and multi \
                    and len(alias.split()) == 1 and not self._given_ok(ent.name, hit):
                continue  # a shared surname never joins two people: Joe vs Hunter Biden
            if hit is not None and ent.type is EntityType.PERSON and not multi \
                    and len(self.surname_owners.get(norm(alias), ())) > 1:
                continue  # 'Kostin' alone, two known Kostins: not a judgement to guess
            if hit is not None and hit not in siblings:
                return hit, "alias", 1.0, alias
        if ent.type is EntityType.PERSON:
            for alias in (ent.name, *ent.aliases):
                hit = self.translit.get((etype, translit_key(alias)))
                if hit is not None and multi and len(alias.split()) == 1 \
                        and not self._given_ok(ent.name, hit):
                    continue
                if hit is not None and not multi \
                        and len(self.surname_owners.get(norm(alias), ())) > 1:
                    continue
                if hit is not None and hit not in siblings:
                    return hit, "transliteration", 1.0, alias
        pool = self.names.get(etype)
        if pool and not ent.id.startswith(_AUTHORITATIVE):
            best = process.extractOne(norm(ent.name), list(pool), scorer=fuzz.ratio,
                                      score_cutoff=self.threshold)
            if best is not None:
                cand_id = pool[best[0]]
                ok = not cand_id.startswith(_AUTHORITATIVE) or ent.geonames_id is None
                if ent.type is EntityType.PERSON:
                    ok = ok and _tokens_compatible(norm(ent.name), best[0])
                if ok and cand_id not in siblings:
                    return cand_id, "fuzzy", round(float(best[1]) / 100.0, 3), best[0]
        return ent.id, "new", 1.0, ent.name

    # ------------------------------------------------------------------ stage
    def __call__(self, results: Sequence[ExtractionResult]) -> list[ExtractionResult]:
        return [self.resolve_one(r) for r in results]

    def resolve_one(self, result: ExtractionResult) -> ExtractionResult:
        res = result.model_copy(deep=True)
        now = self.clock().isoformat()
        remap: dict[str, str] = {}
        merged: dict[str, EntityRecord] = {}
        ids = frozenset(e.id for e in res.entities)
        for ent in res.entities:
            cid, method, score, matched = self.match(ent, ids - {ent.id})
            prior = ent.resolution
            if cid != ent.id:
                remap[ent.id] = cid
            # "new" is not a decision worth storing: it only says this process had not seen
            # the entity yet, which depends on the number of workers and the article order.
            if method == "same-site":
                ent.type = EntityType(self.by_id[cid].type)
            if method in ("alias", "transliteration", "fuzzy", "same-site"):
                ent.resolution = {"method": method, "score": score, "matched": matched,
                                  "at": now}
                if prior:
                    ent.resolution["prior"] = prior
            elif prior:
                ent.resolution = {**prior, "at": now}
            canon_before = self.by_id.get(cid)
            self.add(cid, ent.type.value, ent.name, ent.aliases)
            canon = canon_before or self.by_id[cid]
            if ent.name != canon.name and ent.name not in ent.aliases:
                ent.aliases.append(ent.name)
            ent.id, ent.name = cid, canon.name
            if cid in merged:  # two article entities turned out to be one
                tgt = merged[cid]
                tgt.mentions.extend(ent.mentions)
                tgt.aliases.extend(a for a in ent.aliases if a not in tgt.aliases)
            else:
                merged[cid] = ent
        res.entities = list(merged.values())
        if remap:
            for c in res.claims:
                if c.speaker.id in remap:
                    c.speaker.id = remap[c.speaker.id]
                    c.speaker.name = self.by_id[c.speaker.id].name
                    c.speaker.type = self.by_id[c.speaker.id].type
                c.about = list(dict.fromkeys(remap.get(a, a) for a in c.about))
                c.target = remap.get(c.target, c.target) if c.target else None
            for r in res.relations:
                r.source = remap.get(r.source, r.source)
                r.target = remap.get(r.target, r.target) if r.target else None
        return res
