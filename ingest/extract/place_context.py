"""Place context for entity mentions: the country or region a text gives a place ('Ukraine’s
Zaporizhzhia region', '<X>, a village in ...', datelines, 'the towns of A and B'), FA-KES
possessives ('Aleppos'), and a company's national branch ('Tui Russia')."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.models import EntityType
from ingest.extract.entity_rules import Ment, Rules, demonym_code, mk
from ingest.extract.gazetteer import norm
from ingest.extract.names import is_given_name
from ingest.extract.spans import ORG_HEADS, title_case

BIG_CITY = 100_000  # a city owner needs no other evidence: few names are such a city by chance
_CLAUSE_POS = {"VERB", "AUX", "SCONJ", "CCONJ", "PRON", "ADP"}


def country_before(doc: Doc, rules: Rules, i: int) -> str | None:
    """'Ukraine’s Zaporizhzhia region': the country owning the region, if written."""
    if i >= 2 and doc[i - 1].lower_ in ("'s", "’s"):
        return rules.places.country_code(doc[i - 2].text)
    return None


def context_countries(doc: Doc, rules: Rules) -> tuple[str, ...]:
    """Countries the article talks about (GPE names and demonyms), to rank place candidates."""
    seen: dict[str, None] = {}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            code = rules.places.country_code(ent.text) or demonym_code(rules, ent.text)[1]
            if code:
                seen[code] = None
    return tuple(seen)


def country_abbreviation(tok: Token, rules: Rules) -> bool:
    """'UK', 'US', 'U.S.': an all-caps country abbreviation written right before a name."""
    return tok.text.replace(".", "").isupper() and len(tok.text) <= 4 \
        and tok.whitespace_ != "" and rules.places.country_code(tok.text) is not None


def possessive_place(text: str, rules: Rules, countries_only: bool = False) -> str | None:
    """'Syrias' -> 'Syria', 'Aleppos' -> 'Aleppo' (FA-KES strips apostrophes): the stem when
    it is a country or a gazetteer place (or, unless ``countries_only``, a GeoNames city)."""
    if len(text) < 5 or not text.endswith("s") or not text[:1].isupper() or "'" in text:
        return None
    stem = text[:-1]
    entry = rules.gaz.lookup(stem)
    if norm(stem) in rules.places.country_by_name \
            or (entry is not None and entry.type is EntityType.PLACE):
        return stem
    if countries_only:
        return None
    return stem if rules.places.has_city(stem) else None


def place_ment(doc: Doc, s: int, e: int, stem: str, rules: Rules,
                ctx: tuple[str, ...]) -> Ment:
    entry = rules.gaz.lookup(stem)
    if entry is not None and entry.type is not EntityType.PLACE:
        entry = None
    info = rules.places.resolve(entry.name if entry else stem,
                                lookup=entry.geonames if entry else None,
                                country=entry.country if entry else None, context=ctx)
    name = entry.name if entry is not None and info.kind != "country" else info.name
    return mk(doc, s, e, EntityType.PLACE, key=info.id, name=name, place=info,
               method="gazetteer" if entry else info.method)


def dateline(doc: Doc, s: int, e: int, region: str | None, rules: Rules,
              ctx: tuple[str, ...]) -> Ment | None:
    """The place of a dateline, named as the gazetteer or GeoNames spell it."""
    name = title_case(doc[s:e].text)
    entry = rules.gaz.lookup(name)
    if entry is not None and entry.type is not EntityType.PLACE:
        return None
    country = rules.places.country_code(region) if region else None
    info = rules.places.resolve(entry.name if entry else name,
                                lookup=entry.geonames if entry else None,
                                country=country or (entry.country if entry else None),
                                context=ctx)
    if info.kind == "unresolved" and region is None:
        return None  # an all-caps opener that no reference data knows: not sure it is a place
    if entry is not None and info.kind != "country":
        name = entry.name
    elif info.kind != "unresolved":
        name = info.name
    return mk(doc, s, e, EntityType.PLACE, key=info.id, name=name, place=info,
               method="gazetteer" if entry else info.method)


def settlement_context(doc: Doc, e: int, rules: Rules, ments: list[Ment]
                        ) -> tuple[bool, str | None, str | None]:
    """'<X>, a village in Ukraine’s Zaporizhzhia region' -> (True, 'UA.26', 'UA')."""
    if e >= len(doc) or doc[e].text != ",":
        return False, None, None
    window = doc[e + 1 : min(len(doc), e + 7)]
    hit = next((t for t in window if t.lower_ in rules.settlement_words), None)
    if hit is None:
        return False, None, None
    if any(t.pos_ in _CLAUSE_POS for t in doc[e + 1 : hit.i]):
        # '<X>, while the strategic city of Y ...': a new clause, not an apposition to X
        return False, None, None
    # the location must be introduced by a preposition right after the settlement noun:
    # 'a village in Ukraine’s X region' -- not 'a key town seized by Ukraine'.
    if hit.i + 1 >= len(doc) or doc[hit.i + 1].lower_ not in ("in", "near", "of", "outside"):
        return True, None, None
    admin1 = country = None
    limit = hit.i + 10
    for m in ments:
        if hit.i < m.start_tok <= limit and m.place is not None:
            if m.place.kind == "admin1":
                admin1, country = m.place.admin1_key, m.place.country
                break
            if m.place.kind == "country" and country is None:
                country = m.place.country
    if country is None:
        for t in doc[hit.i + 1 : min(len(doc), limit)]:
            country = rules.places.country_code(t.text)
            if country:
                break
    return True, admin1, country


def settlement_apposition(doc: Doc, s: int, e: int, rules: Rules) -> bool:
    """'the region’s capital, Tiraspol,' / 'Tiraspol, the region's capital,': a name in
    apposition with a settlement noun (or 'capital') that GeoNames knows as a city."""
    root = doc[s:e].root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [t for t in root.children if t.dep_ == "appos"]
    return any(t.lemma_.lower() in rules.settlement_words or t.lower_ == "capital"
               for t in nouns) and rules.places.has_city(doc[s:e].text)


def later_in_settlement_list(doc: Doc, s: int, rules: Rules) -> bool:
    """'the villages of al-Foua and Kefraya', 'the towns of A, B and C': a later name of a
    list that a plural settlement noun heads (no verb and no new sentence in between)."""
    if s < 1 or doc[s - 1].lower_ not in ("and", ",", "or"):
        return False
    for k in range(s - 1, max(s - 12, 0), -1):
        tok = doc[k]
        if tok.is_sent_start or tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.lower_ == "of" and k >= 1 and doc[k - 1].tag_ == "NNS" \
                and doc[k - 1].lemma_.lower() in rules.settlement_words:
            return True
    return False


_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
            "central", "northeast", "northwest", "southeast", "southwest", "greater", "upper",
            "lower", "new", "old", "free", "occupied", "soviet", "imperial", "mainland"}


def branch_of_country(doc: Doc, s: int, e: int, rules: Rules) -> bool:
    """'Tui Russia', 'Vodafone Ukraine': a name, then a country's name -- a company's
    national branch. Not 'Western Ukraine' or 'North Korea' (a compass word or adjective
    first, or a country of its own)."""
    if e - s < 2 or rules.places.country_code(doc[e - 1].text) is None:
        return False
    first = doc[s]
    return first.pos_ == "PROPN" and first.lower_ not in _COMPASS \
        and all(t.text[:1].isupper() for t in doc[s:e]) \
        and not demonym_code(rules, first.text)[0] \
        and rules.places.country_code(doc[s:e].text) is None


def owner_possessive(doc: Doc, s: int, e: int, label: str, rules: Rules) -> int | None:
    """'Norway’s Security Council', 'Moldova’s Constitutional Court', 'Alphabet’s YouTube'
    tagged as one name: the index of the inner possessive when the words before it are an
    owner with a name of its own -- a country, a place the gazetteer or GeoNames knows, a
    gazetteer entry, or (a PERSON span) a full name ('<Given> <Surname>’s <Name>') -- and a
    capitalised name follows. 'King’s College', 'Lloyd’s List', 'the President’s Office'
    keep their possessive: no owner of their own."""
    k = next((i for i in range(s + 1, min(e - 1, s + 4)) if doc[i].lower_ in ("'s", "’s")),
             None)
    if k is None or not doc[k + 1].text[:1].isupper() \
            or not all(t.text[:1].isupper() for t in doc[s:k]):
        return None
    owner = doc[s:k].text
    entry = rules.gaz.lookup(owner)
    country = rules.places.country_code(owner)
    if country is not None and rules.gaz.lookup(doc[k + 1 : e].text) is not None:
        return None  # a country's own body is not the international one of that name
    if entry is not None or country is not None:
        return k
    if not is_given_name(owner) and owner.lower() not in rules.common_nouns \
            and rules.places.resolve(owner).population >= BIG_CITY:
        return k  # 'Canberra’s …'; not 'King’s College', 'Lloyd’s List' (small towns too)
    if label == "PERSON" and k - s >= 2 and is_given_name(doc[s].text):
        return k  # 'Anna Petrova’s Olga': an actor and her role
    return None


def generic_body_name(name: str, rules: Rules) -> bool:
    """'Security Council', 'Constitutional Court', 'Operational Command': a body named only
    by common words and headed by an organization noun, which names nothing without its
    country ('Gazprom', 'Siemens Energy' do)."""
    words = [w.lower() for w in name.replace("-", " ").split()]
    return bool(words) and words[-1] in ORG_HEADS \
        and all(w in rules.common_nouns or w in rules.common_words
                or w in ("of", "for", "and", "the") for w in words)


def bare_region_names(doc: Doc, ments: list[Ment], rules: Rules) -> None:
    """'… in Idlib province … a village in Idlib … Idlib is a stronghold': a bare name that
    the article also gives as a region ('<X> province'), and that contains a place ('a
    village in X', '<Town> in X'), is the region each time, not the same-named city --
    unless the text marks the city ('the city of X', 'X city')."""
    regions: dict[str, Ment] = {}
    for m in ments:
        if m.type is EntityType.PLACE and m.place is not None and m.place.kind == "admin1":
            stem = [t.text for t in doc[m.start_tok : m.end_tok]
                    if t.lower_ not in rules.region_words and t.lower_ not in ("of", "the")]
            regions.setdefault(norm(" ".join(stem)), m)
    if not regions:
        return
    place_ends = {m.end_tok for m in ments if m.type is EntityType.PLACE}
    bare: dict[str, list[Ment]] = {}
    for m in ments:
        if m.type is EntityType.PLACE and m.place is not None and m.place.kind == "city" \
                and norm(m.text) in regions:
            bare.setdefault(norm(m.text), []).append(m)
    for stem, group in bare.items():
        def contains(m: Ment) -> bool:
            i = m.start_tok
            return i >= 2 and doc[i - 1].lower_ == "in" and (
                doc[i - 2].lower_ in rules.settlement_words or i - 1 in place_ends)

        def city_marked(m: Ment) -> bool:
            i, e = m.start_tok, m.end_tok
            return (i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ == "city") \
                or (e < len(doc) and doc[e].lower_ == "city")
        if not any(contains(m) for m in group) or any(city_marked(m) for m in group):
            continue
        region = regions[stem]
        for m in group:
            m.key, m.name, m.place, m.method = region.key, region.name, region.place, "region"
