"""Canonical names of places matched to GeoNames: the name the article wrote.

GeoNames names a place by its current official or local form, and matching goes through
its alternate names, so the reference name is often not the name the news used:
- a renamed town ('Novomoskovsk' in 2022, GeoNames now 'Samar'; 'Sievierodonetsk', GeoNames
  'Severodonetsk');
- an English exonym ('Seville' for GeoNames' 'Sevilla');
- a neighbouring unit's name reached through an alternate name ('Kalynivka' matched to a
  place GeoNames calls 'Kalynivskyi').
A place the gazetteer (``places.json``) names keeps its curated name; a country or a region
keeps the reference name ('Britain' is the United Kingdom, 'Kharkiv region' Kharkiv Oblast);
a written short form of the reference name ('Rostov' for 'Rostov-on-Don') does not replace
it. Every other spelling stays an alias. The national KMU spelling of a Ukrainian settlement
(``pipeline._national_spelling``) still applies afterwards when it is another romanisation
of the written name ('Slovyansk' -> 'Sloviansk').
"""

from __future__ import annotations

from collections import Counter

from graph.models import EntityRecord, EntityType


def _written_forms(rec: EntityRecord) -> list[str]:
    """Title-case written names, most frequent first (ties: first written)."""
    counts: Counter[str] = Counter()
    for m in rec.mentions:
        t = m.text
        if t[:1].isupper() and not t.isupper() and t.isascii():
            counts[t] += 1
    return [t for t, _ in counts.most_common()]


def _short_form(written: str, name: str) -> bool:
    """'Rostov' of 'Rostov-on-Don', 'Frankfurt' of 'Frankfurt am Main'."""
    words = name.replace("-", " ").casefold().split()
    return written.casefold() in words and len(words) > 1


def written_place_name(rec: EntityRecord, kind: str | None) -> None:
    """Name a GeoNames city or settlement as the article wrote it, in place."""
    if rec.type is not EntityType.PLACE or kind != "city" or rec.geonames_id is None \
            or (rec.resolution or {}).get("method") == "gazetteer":
        return
    forms = _written_forms(rec)
    if not forms or any(f.casefold() == rec.name.casefold() for f in forms):
        return
    best = next((f for f in forms if not _short_form(f, rec.name)), None)
    if best is None:
        return
    rec.aliases = [a for a in rec.aliases if a != best] + [rec.name]
    rec.name = best
