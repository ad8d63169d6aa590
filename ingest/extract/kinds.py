"""Types from evidence: equipment, facilities and geographic features are not people or
organizations, and a person needs person evidence.

The small model calls a cruiser, a drone model or a steel plant PERSON or ORG. The word next to
the name says what it is: '<Name> drones', 'the cruiser <Name>', 'USS <Name>', '<Name> steel
plant', 'the <Name> river'; a model designation ('Su-25', 'MV-22') is equipment. Word classes
live in ``ingest/data/types.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Span

from graph.models import EntityType
from ingest.extract.gazetteer import DATA_DIR, norm, slug

# 'Su-25', 'MV-22', 'T-72B3', 'S-400', 'F-16s', 'MiG-29': up to three letters, a hyphen,
# digits -- a designation on its own ('Covid-19' has five letters and is not one).
_MODEL_RE = re.compile(r"^[A-Z][A-Za-z]{0,2}-\d{1,4}[A-Za-z]{0,3}s?$")
# 'TB2', 'M777': without the hyphen only before an equipment noun ('U2', 'ITV1' are not)
_MODEL_PLAIN_RE = re.compile(r"^[A-Z]{1,3}\d{1,3}[A-Z]?$")
_SHIP_NOUNS = {"cruiser", "ship", "vessel", "warship", "frigate", "submarine", "destroyer",
               "carrier", "corvette", "flagship", "boat"}
_TYPEABLE = {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "GPE", "LOC", "EVENT", "NORP"}


@dataclass(frozen=True)
class TypeWords:
    version: str
    facility: frozenset[str]
    equipment: frozenset[str]
    ship_prefixes: frozenset[str]
    features: frozenset[str]
    institutions: dict[str, tuple[str, ...]]
    past_markers: frozenset[str]
    past_phrases: tuple[str, ...]

    @cached_property
    def institution_aliases(self) -> dict[str, str]:
        """Normalized alias ('defence ministry', 'state department') -> institution."""
        return {norm(a): inst for inst, aliases in self.institutions.items() for a in aliases}


@lru_cache(maxsize=1)
def load_type_words() -> TypeWords:
    with (DATA_DIR / "types.json").open(encoding="utf-8") as fh:
        d = json.load(fh)
    return TypeWords(d["version"], frozenset(d["facility_nouns"]),
                     frozenset(d["equipment_nouns"]), frozenset(d["ship_prefixes"]),
                     frozenset(d["place_feature_nouns"]),
                     {k: tuple(v) for k, v in d["state_institutions"].items()},
                     frozenset(d["past_role_markers"]), tuple(d["past_role_phrases"]))


@dataclass
class Typed:
    start_tok: int
    end_tok: int
    type: EntityType
    name: str
    key: str


# facility nouns whose names are institutions first (people work and study 'at' them); the
# gold, like OntoNotes, types them Organization
_INSTITUTION_SEATS = frozenset({"university", "academy", "college"})
# '<kind> of …' names a body, not a site, for these ('School of Economics', 'Center of …')
_SEATS_OF_BODIES = _INSTITUTION_SEATS | {"school", "centre", "center", "base", "port"}


def _noun_tail(doc: Doc, e: int, heads: frozenset[str], limit: int = 4) -> int | None:
    """End token of '<Name> [lower-case modifiers] <head noun>' starting at ``e``."""
    for k in range(e, min(len(doc), e + limit)):
        tok = doc[k]
        if tok.lower_ in heads and tok.pos_ in ("NOUN", "PROPN"):
            return k + 1
        if tok.text == "-" and k > e:
            continue  # 'NLAW anti-tank bazooka': a hyphenated modifier is one word
        if not (tok.is_lower and tok.pos_ in ("NOUN", "ADJ")):
            return None
    return None


def classify_thing(doc: Doc, ent: Span, s: int, e: int, words: TypeWords,
                   known_place: bool) -> Typed | None:
    """Equipment / Facility / geographic feature for one model entity, or None."""
    if ent.label_ not in _TYPEABLE or s >= e:
        return None
    span = doc[s:e]
    prev = doc[s - 1] if s > 0 else None
    # ships: 'USS Kearsarge', 'U.S.S. Kearsarge', 'the cruiser Moskva'
    if span[0].text in words.ship_prefixes and e - s > 1:
        return Typed(s, e, EntityType.EQUIPMENT, span.text, f"equipment:{slug(span[1:].text)}")
    if prev is not None and prev.text in words.ship_prefixes:
        s2 = s - 1
        name = doc[s2:e].text
        return Typed(s2, e, EntityType.EQUIPMENT, name, f"equipment:{slug(span.text)}")
    if known_place:
        return None  # 'Kyiv airport', 'Mariupol theatre': the place is mentioned, keep it
    if prev is not None and prev.lower_ in _SHIP_NOUNS and ent.label_ != "GPE":
        return Typed(s, e, EntityType.EQUIPMENT, span.text, f"equipment:{slug(span.text)}")
    if any(_MODEL_RE.match(t.text) for t in span) and ent.label_ not in ("GPE", "LOC"):
        return Typed(s, e, EntityType.EQUIPMENT, span.text, f"equipment:{slug(span.text)}")
    tail = _noun_tail(doc, e, words.equipment)
    if tail is not None and ent.label_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "NORP",
                                           "GPE"):
        return Typed(s, e, EntityType.EQUIPMENT, span.text, f"equipment:{slug(span.text)}")
    tail = _noun_tail(doc, e, words.features, limit=1)
    if tail is not None or (e - s > 1 and span[-1].lower_ in words.features):
        end = tail or e
        name = " ".join(t.text if not t.is_lower else t.text.capitalize() for t in doc[s:end])
        return Typed(s, end, EntityType.PLACE, name, f"place:feature:{slug(name)}")
    if span[-1].lower_ in words.facility and e - s > 1 and ent.label_ in ("FAC", "ORG"):
        if span[-1].lower_ in _INSTITUTION_SEATS:
            # 'a professor at Northeastern University': the institution, not its campus
            return Typed(s, e, EntityType.ORGANIZATION, span.text, f"org:{slug(span.text)}")
        return Typed(s, e, EntityType.FACILITY, span.text, f"facility:{slug(span.text)}")
    if e - s > 2 and span[0].lower_ in words.facility - _SEATS_OF_BODIES \
            and span[1].lower_ == "of" and ent.label_ in ("FAC", "ORG"):
        # 'the Church of St Andrew', 'the Palace of Culture': a site named by its kind first
        return Typed(s, e, EntityType.FACILITY, span.text, f"facility:{slug(span.text)}")
    tail = _noun_tail(doc, e, words.facility)
    if tail is not None and ent.label_ in ("PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART",
                                           "GPE", "LOC"):
        # a GPE/LOC gets here only when no reference data knows it as a place
        name = doc[s:tail].text
        return Typed(s, tail, EntityType.FACILITY, name, f"facility:{slug(name)}")
    return None


def scan_equipment(doc: Doc, words: TypeWords) -> list[Typed]:
    """Equipment the model does not tag: a model designation before an equipment noun or a
    name ('an Su-25 jet', 'MV-22 Osprey'), and the name after a ship noun ('the cruiser
    Moskva', 'the warship Admiral Makarov')."""
    out: list[Typed] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        nxt = doc[i + 1] if i + 1 < n else None
        if (_MODEL_RE.match(tok.text) or _MODEL_PLAIN_RE.match(tok.text)) and nxt is not None \
                and (nxt.lower_ in words.equipment or (_MODEL_RE.match(tok.text) is not None
                                                       and nxt.pos_ == "PROPN"
                                                       and nxt.text[:1].isupper())):
            end = i + 2 if nxt.pos_ == "PROPN" and nxt.lower_ not in words.equipment else i + 1
            start = i
            if i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper() \
                    and not doc[i - 1].is_sent_start and (not out or out[-1].end_tok < i):
                start = i - 1  # the maker's name: 'Bayraktar TB2'
            name = doc[start:end].text
            out.append(Typed(start, end, EntityType.EQUIPMENT, name, f"equipment:{slug(name)}"))
            i = end
            continue
        if tok.lower_ in _SHIP_NOUNS and nxt is not None and nxt.pos_ == "PROPN" \
                and nxt.text[:1].isupper():
            end = i + 1
            while end < n and end < i + 4 and doc[end].pos_ == "PROPN" \
                    and doc[end].text[:1].isupper():
                end += 1
            name = doc[i + 1 : end].text
            out.append(Typed(i + 1, end, EntityType.EQUIPMENT, name, f"equipment:{slug(name)}"))
            i = end
            continue
        i += 1
    return out
