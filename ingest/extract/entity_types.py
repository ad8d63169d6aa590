"""One model entity span, typed: the gazetteer first, then place context, then the type
rules that override spaCy's label ('Belgorod' tagged PERSON, 'Maxar, the company ...',
'the new head of Roscosmos', a time stamp or a common word opening a sentence)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from graph.models import EntityType
from ingest.extract.entity_rules import PLACE_LABELS, Ment, Rules, demonym_code, mk
from ingest.extract.gazetteer import norm
from ingest.extract.names import is_given_name
from ingest.extract.person_evidence import is_surname_in_doc, person_evidence
from ingest.extract.place_context import (
    branch_of_country,
    later_in_settlement_list,
    place_ment,
    settlement_apposition,
    settlement_context,
)
from ingest.extract.spans import (
    after_org_kind,
    common_noun_acronyms,
    common_word_opener,
    org_kind_apposition,
)

_INDEFINITE = {"a", "an", "one", "another", "every", "each", "any"}
_MISLABEL_LABELS = {"PERSON", "PRODUCT", "WORK_OF_ART", "ORG", "FAC", "EVENT", "NORP"}
_PLACE_PREPS = {"in", "near", "from", "outside", "around", "at", "to", "into", "towards",
                "toward", "of", "across", "inside", "and"}
# prepositions that make a place reading of an ambiguous name (a given name) likely
_STRONG_PLACE_PREPS = {"in", "near", "outside", "around", "into", "towards", "toward",
                       "across", "inside", "from"}
# a name that is also a given name is a place only with place evidence and this population
# (or a city in a country the article talks about)
AMBIGUOUS_PLACE_POPULATION = 100_000
# titles whose 'of' names an organization ('head of', never 'aide to', 'spokesman for')
_HEADS_OF_ORGS = frozenset({"head", "chief", "director", "ceo", "chairman", "chairwoman",
                            "founder", "owner", "boss"})
HEAD_OF = "head-of"
# nouns that make '<Country> <noun>' a situation, not a body: 'the Yemen crisis', 'the
# Libya conflict' (a 'Coordinator for the Yemen Crisis' names no organization or person)
_SITUATION_NOUNS = frozenset({"crisis", "conflict", "war", "question", "issue", "file",
                              "dossier", "emergency", "situation"})
# method of a model FAC span that may be a person's name (kept only if retyped Person)
FAC_PERSON_CANDIDATE = "fac-person"


def _portfolio_of_title(doc: Doc, e: int) -> bool:
    """'<Defense> Secretary', '<Health> Minister': a word before a minister's or secretary's
    title (not 'Secretary General', an organization's own head) names the portfolio."""
    if e >= len(doc) or doc[e].lower_ not in ("secretary", "minister"):
        return False
    nxt = doc[e + 1].lower_ if e + 1 < len(doc) else ""
    return nxt not in ("general", "-", "-general") and not doc[e].text.endswith("-General")


def classify(doc: Doc, ent: Span, s: int, e: int, rules: Rules, ctx: tuple[str, ...],
              ments: list[Ment]) -> Ment | None:
    text = doc[s:e].text
    entry = rules.gaz.lookup(text)
    label = ent.label_
    if entry is None and ("@" in text or "://" in text or "pic.twitter" in text):
        return None  # embedded-post markup ('@UNOCHA', '… pic.twitter.com/… — Name'): no name
    if label == "PERSON" and entry is None and (any(c.isdigit() for c in text) or "/" in text):
        # '8 May' of a live blog's time stamp: no person's name has a digit; 'M. Name/H.
        # Name' is a credit line naming two staff, not a person
        return None
    if entry is None and e - s == 2 and label in ("PERSON", "ORG") \
            and doc[s + 1].lower_ in _SITUATION_NOUNS \
            and rules.places.country_code(doc[s].text) is not None:
        return None  # 'the Yemen Crisis': a situation, not a name
    if entry is None and e - s == 1:
        if label in ("PERSON", "ORG") and doc[s].is_sent_start and doc[s].pos_ != "PROPN":
            return None  # 'Inquiries continue.': a capitalized common noun, not a name
        if label in ("PERSON", "ORG") and not is_given_name(text) \
                and common_word_opener(doc, s, e, rules.common_words):
            return None  # 'Film posted online ...', '“Queues and ...': a common word
        if label == "ORG" and text in common_noun_acronyms(doc):
            # 'liquefied natural gas (LNG)' ... 'crude oil and LNG': a thing's abbreviation
            return None
        if label == "PERSON" and s > 0 and doc[s - 1].lower_ in _INDEFINITE:
            return None  # 'one Muscovite told ...': a common noun, not a person's name
        if label in PLACE_LABELS and demonym_code(rules, text)[0] \
                and norm(text) not in rules.places.country_by_name:
            return None  # 'the Ukrainian city of ...': a demonym is not the place
        if text.endswith("s") and len(text) > 4 and "'" not in text:
            # FA-KES strips apostrophes: 'Syrias', 'Aleppos' are possessives of places
            stem = rules.gaz.lookup(text[:-1])
            if stem is not None and stem.type is EntityType.PLACE:
                entry, label = stem, "GPE"
            elif norm(text[:-1]) in rules.places.country_by_name:  # not 'Ukrainians'
                text, label = text[:-1], "GPE"
    if entry is None and e - s > 1 and text.endswith("s") and "'" not in text \
            and label in ("PERSON", "ORG"):
        # ... and of people and groups: 'Bashar Assads', 'al-Nusras', 'al-Qaedas'
        entry = rules.gaz.lookup(text[:-1])
        if entry is not None and entry.type is EntityType.PLACE:
            entry = None
    is_settlement, admin1, country = settlement_context(doc, e, rules, ments)
    if not is_settlement and label in ("ORG", "PERSON") and entry is None and (
            (e < len(doc) and doc[e].lower_ in rules.settlement_words
             and doc[e].lower_ != "capital")
            or (s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lemma_.lower()
                in rules.settlement_words and doc[s - 2].lower_ != "capital")
            or later_in_settlement_list(doc, s, rules)
            or settlement_apposition(doc, s, e, rules)):
        # 'from Hazimah town', 'the al-Serian neighborhood', 'the neighborhood of Tareeq
        # al-Bab': a settlement noun next to a name makes it a place whatever the model said
        is_settlement = True
    if entry is not None and entry.type is not EntityType.PLACE:
        if label in ("GPE", "LOC") and entry.type is EntityType.PERSON and not ent.ent_id_:
            return None  # a place the gazetteer knows only as a surname ('Johnson City')
        return mk(doc, s, e, entry.type, key=entry.id, name=entry.name, entry=entry,
                   method="gazetteer")
    if entry is None and not is_settlement and e - s == 1 and label in PLACE_LABELS \
            and rules.places.country_code(text) is None and is_given_name(text):
        # 'Natalia' tagged GPE: a given name is a place only with place evidence and no
        # person reading -- no capitalized name after it, and a big city of that name or one
        # after a place preposition in a country the article talks about.
        prev = doc[s - 1].lower_ if s > 0 else ""
        nxt = doc[e] if e < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
            return None
        info = rules.places.resolve(text, context=ctx)
        near = prev in _STRONG_PLACE_PREPS and info.country in ctx and info.population >= 1000
        if info.kind != "city" or not (info.population >= AMBIGUOUS_PLACE_POPULATION or near):
            # '… said Vitaliy, a soldier' tagged GPE: a person when something says so
            return mk(doc, s, e, EntityType.PERSON) if person_evidence(doc, s, e, rules) \
                else None
    if entry is not None or label in PLACE_LABELS or is_settlement:
        info = rules.places.resolve(entry.name if entry else text,
                                    lookup=entry.geonames if entry else None,
                                    # the gazetteer's country is certain; the context's a guess
                                    country=(entry.country if entry else None) or country,
                                    admin1_key=admin1, context=ctx)
        if label not in PLACE_LABELS and entry is None and not is_settlement:
            return None
        if info.kind == "unresolved" and entry is None and not is_settlement \
                and branch_of_country(doc, s, e, rules):
            return mk(doc, s, e, EntityType.ORGANIZATION)  # 'Lumo Russia' tagged GPE
        if info.kind == "unresolved" and entry is None and not is_settlement \
                and any(c.isdigit() for c in text) and text[:1].isupper():
            # 'the G7 summit', 'G20 leaders' tagged GPE: no reference data knows a place of
            # that name, and place names are not written with digits; forums of states are
            return mk(doc, s, e, EntityType.ORGANIZATION)
        # the gazetteer's spelling ('Zaporizhzhia') beats GeoNames' ('Zaporizhzhya')
        name = entry.name if entry is not None and info.kind != "country" else info.name
        return mk(doc, s, e, EntityType.PLACE, key=info.id, name=name, place=info,
                   method="gazetteer" if entry else info.method)
    if label in _MISLABEL_LABELS and label != "NORP" and (e - s == 1 or (
            e - s <= 3 and not is_given_name(doc[s].text)
            and all(t.text[:1].isupper() for t in doc[s:e]))):
        # A capitalized name after a place preposition that GeoNames knows in a country the
        # article is about: the model's PERSON/PRODUCT/FAC guess loses (also for two or three
        # words, 'the hospital in Kafr Nabudah' tagged FAC, when no given name opens them).
        prev = doc[s - 1].lower_ if s > 0 else ""
        # an ORG here too ('the towns of Kefraya and ...'), unless written like an acronym
        if prev in _PLACE_PREPS and not (label == "ORG" and (text.isupper() or prev == "and")):
            info = rules.places.resolve(text, context=ctx)
            if label == "ORG" and e - s == 1 and text.lower() in rules.common_nouns \
                    and info.population < AMBIGUOUS_PLACE_POPULATION:
                pass  # 'opposition from Congress': the assembly, not a village so named
            elif info.geonames_id is not None and info.kind == "city" and info.country in ctx:
                return mk(doc, s, e, EntityType.PLACE, key=info.id, name=info.name,
                           place=info, method="context")
    if label == "PERSON" and e - s == 1 and entry is None and after_org_kind(doc, s):
        return mk(doc, s, e, EntityType.ORGANIZATION)  # 'the nuclear operator Energoatom'
    if label in ("PERSON", "FAC", "PRODUCT") and e - s == 1 and entry is None \
            and not is_given_name(doc[s].text) \
            and s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _HEADS_OF_ORGS:
        # 'the new head of Roscosmos': what a head or chief is 'of' is an organization
        return mk(doc, s, e, EntityType.ORGANIZATION, method=HEAD_OF)
    if label == "PERSON" and entry is None and not is_given_name(doc[s].text) \
            and org_kind_apposition(doc, s, e):
        return mk(doc, s, e, EntityType.ORGANIZATION)  # 'Maxar, the company that ...'
    if label == "PERSON" and e - s == 1 and not person_evidence(doc, s, e, rules) \
            and not is_given_name(text) and not is_surname_in_doc(doc, text):
        # 'Belgorod' tagged PERSON with nothing person-like around it: a big city (or one in
        # a country the article is about) of that name is the better reading.
        info = rules.places.resolve(text, context=ctx)
        if info.kind == "city" and (info.population >= AMBIGUOUS_PLACE_POPULATION
                                    or (info.country in ctx and info.population >= 15_000)):
            return mk(doc, s, e, EntityType.PLACE, key=info.id, name=info.name, place=info,
                       method="context")
    if label == "PERSON" and branch_of_country(doc, s, e, rules) \
            and not (is_given_name(doc[s].text) and is_given_name(doc[e - 1].text)):
        # 'Tui Russia', 'Vodafone Ukraine': a name ending in a country's name is a company's
        # national branch, not a person (unless both words are given names: 'Chris France')
        return mk(doc, s, e, EntityType.ORGANIZATION)
    if label == "PERSON":
        return mk(doc, s, e, EntityType.PERSON)
    if label == "ORG" and e - s == 1 and entry is None and not text.isupper() \
            and _portfolio_of_title(doc, e):
        return None  # 'Defense Secretary Lloyd Austin': the portfolio is part of the title
    if label == "ORG" and entry is None and not branch_of_country(doc, s, e, rules):
        # 'Moldova’s breakaway region' tagged ORG: a country's own name is the country (the
        # government speaking through it is still the Place, as the gold types it)
        info = rules.places.resolve(text, context=ctx)
        if info.kind == "country" and norm(info.name) == norm(text):
            return mk(doc, s, e, EntityType.PLACE, key=info.id, name=info.name, place=info,
                       method="context")
    if label == "ORG" and e - s == 1 and entry is None and not text.isupper() \
            and is_given_name(text) and person_evidence(doc, s, e, rules):
        return mk(doc, s, e, EntityType.PERSON)  # '… said Volodymyr, a soldier' tagged ORG
    if label == "ORG":
        return mk(doc, s, e, EntityType.ORGANIZATION)
    if label == "FAC" and 2 <= e - s <= 3 and is_given_name(doc[s].text.split("-")[0]) \
            and not is_settlement and (e >= len(doc) or doc[e].pos_ != "NOUN"):
        # 'by its mayor Oleksandr Goncharenko' tagged FAC: a candidate that
        # one_name.people_tagged_org keeps only when it is written like a person's name
        return mk(doc, s, e, EntityType.ORGANIZATION, method=FAC_PERSON_CANDIDATE)
    return None


def owner_mention(doc: Doc, ent: Span, s: int, k: int, rules: Rules, ctx: tuple[str, ...],
                  ments: list[Ment]) -> Ment | None:
    """The owner ``doc[s:k]`` of '<Owner>’s <Name>' (``place_context.owner_possessive``): a
    gazetteer entry, a person (a PERSON span's full name) or a place."""
    entry = rules.gaz.lookup(doc[s:k].text)
    if ent.label_ == "PERSON" and entry is None:
        return classify(doc, ent, s, k, rules, ctx, ments)
    if entry is not None and entry.type is not EntityType.PLACE:
        return mk(doc, s, k, entry.type, key=entry.id, name=entry.name, entry=entry,
                  method="gazetteer")
    return place_ment(doc, s, k, doc[s:k].text, rules, ctx)
