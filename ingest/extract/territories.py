"""First-level regions of every country from rigour's territory data (Wikidata-backed: US
states, German Länder, Russia's federal subjects, the UK's nations, Iraqi Kurdistan, ...).

``ingest/data/admin1.tsv`` names the regions of the war zones with the GeoNames admin1 codes
their cities carry; everywhere else a region named on its own ('Bavaria', 'Texas', 'Scotland')
used to stay an unresolved place without a country. rigour gives each a stable code
(``de-by``), its Wikidata QID and its country. No coordinates: none of the packages has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ingest.extract.gazetteer import norm

# '<X> region' / '<X> province' ...: the words rigour's names end in for the same region
REGION_SUFFIXES = ("oblast", "krai", "province", "region", "republic", "autonomous okrug")


@dataclass(frozen=True)
class Territory:
    code: str  # rigour / ISO 3166-2 style, lower case: 'de-by'
    name: str
    country: str  # ISO alpha-2, upper case
    qid: str | None


@lru_cache(maxsize=1)
def territories_by_name() -> dict[str, tuple[Territory, ...]]:
    """Normalised name -> the current sub-national territories of that name (a name two
    countries share keeps both: the caller needs a country to choose)."""
    from rigour.territories import get_territories

    out: dict[str, list[Territory]] = {}
    for t in get_territories():
        parent = t.parent
        if t.is_country or t.is_historical or parent is None or "(" in t.name:
            continue  # 'Donetsk (Occupied Ukraine)' names a status, not how news writes it
        terr = Territory(t.code, t.name, parent.code.split("-")[0].upper(), t.qid)
        out.setdefault(norm(t.name), []).append(terr)
    return {k: tuple(v) for k, v in out.items()}


def find_territory(name: str, country: str | None = None,
                   context: tuple[str, ...] = ()) -> Territory | None:
    """The one region called ``name`` (in ``country`` when given; among several, the one in a
    country the text is about), else None."""
    table = territories_by_name()
    key = norm(name)
    cands = list(table.get(key, ()))
    if not cands:
        for suffix in REGION_SUFFIXES:  # 'Belgorod' + region -> 'Belgorod Oblast'
            cands.extend(table.get(f"{key} {suffix}", ()))
    if country:
        cands = [t for t in cands if t.country == country]
    if len(cands) > 1 and context:
        cands = [t for t in cands if t.country in context] or cands
    return cands[0] if len(cands) == 1 else None
