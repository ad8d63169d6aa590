"""Entity mentions: spaCy's NER corrected by gazetteers and context rules.

The small model tags Kyiv as a person, Kursk as a product, Stepove as a work of art and
Trump as an organization. The EntityRuler (placed before ``ner``) fixes known names; the rules
here fix the rest from context: '<X> region', '<X>, a village in ...', a preposition before a
known GeoNames place, a surname shared with a named person, '<demonym> forces' as a Group.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entity_rules import (  # noqa: F401 - re-exported: the mention API
    PLACE_LABELS,
    Ment,
    Rules,
    build_rules,
    common_words_only,
    demonym_code,
    mk,
    trim,
)
from ingest.extract.entity_types import (  # noqa: F401 - re-exported
    FAC_PERSON_CANDIDATE,
    HEAD_OF,
    classify,
    owner_mention,
)
from ingest.extract.furniture import tz_abbreviations
from ingest.extract.gazetteer import norm
from ingest.extract.groups import surname_regimes
from ingest.extract.kinds import classify_thing, scan_equipment
from ingest.extract.names import is_given_name
from ingest.extract.person_evidence import (
    HONORIFIC_WORDS,
    PARTICLES,
    missed_given_name,
    other_given_name,
    past_holder,
    untagged_people,
)
from ingest.extract.place_context import (
    context_countries,
    country_abbreviation,
    country_before,
    dateline,
    owner_possessive,
    place_ment,
    possessive_place,
)
from ingest.extract.spans import (
    dateline_spans,
    extend_initials,
    extend_number,
    is_title_org,
    is_title_person,
    place_led_org,
)


def untagged_after_settlement_noun(doc: Doc, taken: bytearray, rules: Rules
                                   ) -> list[tuple[int, int]]:
    """Spans of one to three title-case proper nouns, untagged by the model and free, right
    after a settlement noun ('city', 'village') or '<settlement noun> of'."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in rules.settlement_words or tok.pos_ != "NOUN":
            continue
        s = tok.i + 1 + (tok.i + 1 < n and doc[tok.i + 1].lower_ == "of")
        e = s
        while e < n and e - s < 3 and not taken[e] and not doc[e].ent_type_ \
                and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper():
            e += 1
        if e > s and (e >= n or doc[e].pos_ != "PROPN"):
            out.append((s, e))
    return out


def detect_mentions(doc: Doc, rules: Rules) -> list[Ment]:
    """All entity mentions in ``doc``, non-overlapping, in text order (linear in doc length)."""
    taken = bytearray(len(doc))
    out: list[Ment] = []
    ctx = context_countries(doc, rules)

    def claim(m: Ment) -> None:
        for i in range(m.start_tok, m.end_tok):
            taken[i] = 1
        if m.start_tok > 0 and doc[m.start_tok - 1].lower_ in rules.title_heads:
            m.after_title = True
        out.append(m)

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    # 0) equipment by shape ('an Su-25 jet', 'the cruiser Moskva'), whatever the model said.
    for t in scan_equipment(doc, rules.types):
        claim(mk(doc, t.start_tok, t.end_tok, t.type, key=t.key, name=t.name, method="kind"))
    # 1) descriptions ('the Russian leader'), not titles ('Russian President Vladimir Putin').
    for match_id, s, e in rules.descriptions(doc):
        nxt = doc[e] if e < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.ent_type_ == "PERSON"):
            continue
        if past_holder(doc, s, e, rules.types):
            continue  # 'the then Russian president', 'a former president': not the holder now
        if free(s, e):
            claim(mk(doc, s, e, EntityType.PERSON, method="description",
                      description=doc.vocab.strings[match_id]))
    # 2) groups: '<demonym> <group noun>' and fixed phrases ('government forces').
    for i in range(len(doc) - 1):
        is_dem, _ = demonym_code(rules, doc[i].text)
        if is_dem and doc[i + 1].lower_ in rules.group_nouns and free(i, i + 2):
            # 'Syrian opposition forces', 'Syrian regime forces': take a second group noun
            e = i + 3 if i + 2 < len(doc) and doc[i + 2].lower_ in rules.group_nouns else i + 2
            nouns = [rules.group_canonical.get(t.lower_, t.lower_) if t.i == e - 1 else t.lower_
                     for t in doc[i + 1 : e]]
            dem = doc[i].text if doc[i].text.isupper() else doc[i].text.capitalize()
            name = " ".join([dem, *nouns])
            org = rules.gaz.lookup(doc[i].text)
            if org is not None and org.type is EntityType.ORGANIZATION:
                # 'NATO countries', 'EU leaders': the organization is named too
                claim(mk(doc, i, i + 1, org.type, key=org.id, name=org.name, entry=org,
                         method="gazetteer"))
                claim(mk(doc, i + 1, e, EntityType.GROUP, name=name, method="rule"))
                continue
            claim(mk(doc, i, e, EntityType.GROUP, name=name, method="rule"))
    for i in surname_regimes(doc, rules):  # 'the Assad regime': a Group, not the man
        if free(i, i + 2):
            claim(mk(doc, i, i + 2, EntityType.GROUP, name=doc[i : i + 2].text, method="rule"))
    for _, s, e in rules.group_phrases(doc):
        s, e = trim(doc, s, e)
        if s < e and free(s, e) and not (e - s == 1 and doc[s].text == "west"):
            name = doc[s:e].text
            if e - s > 3 and doc[s + 1].text == "-" and doc[s + 2].lower_ in ("led", "backed") \
                    and rules.places.country_code(doc[s].text) is not None \
                    and not (demonym_code(rules, doc[s].text)[0]
                             and norm(doc[s].text) not in rules.places.country_by_name):
                # 'the US-led coalition': the country leading it is named too, a Place
                claim(place_ment(doc, s, s + 1, doc[s].text, rules, ctx))
                s += 3
            claim(mk(doc, s, e, EntityType.GROUP, name=name, method="rule"))
    # 3) regions: '<X> region|oblast|province' with X tagged or a proper noun.
    for i in range(1, len(doc)):
        if doc[i].lower_ not in rules.region_words or taken[i] or not doc[i - 1].text[:1].isupper():
            continue
        s = i - 1
        if doc[s].ent_type_ and doc[s].ent_iob_ != "B":
            s = next(j for j in range(s, -1, -1) if doc[j].ent_iob_ == "B")
        stem = doc[s:i].text
        if not free(s, i + 1):
            continue
        info = rules.places.region(stem, country_before(doc, rules, s), ctx)
        if info is not None:
            claim(mk(doc, s, i + 1, EntityType.PLACE, place=info, name=info.name,
                      key=info.id, method=info.method))
    # 3b) 'the northern region of Sumy', 'the province of Idlib': the name after 'of'.
    for i in range(len(doc) - 2):
        if doc[i].lower_ in rules.region_words and doc[i + 1].lower_ == "of" \
                and doc[i + 2].text[:1].isupper() and free(i + 2, i + 3):
            e = i + 3
            while e < len(doc) and doc[e].ent_iob_ == "I" and doc[e].text[:1].isupper():
                e += 1
            if not free(i + 2, e):
                continue
            info = rules.places.region(doc[i + 2 : e].text, None, ctx)
            if info is not None:
                claim(mk(doc, i + 2, e, EntityType.PLACE, place=info, name=info.name,
                          key=info.id, method=info.method))
    # 3c) wire datelines: 'KHARKIV, Ukraine — ...' is a place, never an organization.
    for s, e, region in dateline_spans(doc):
        if free(s, e):
            m = dateline(doc, s, e, region, rules, ctx)
            for i in range(s, e):
                taken[i] = 1
            if m is not None:
                out.append(m)
    # 4) named entities, corrected.
    for ent in doc.ents:
        s, e = trim(doc, ent.start, ent.end)
        if ent.label_ == "PERSON" and e < len(doc) and doc[e - 1].lower_ in PARTICLES \
                and doc[e].text[:1].isupper():
            e += 1  # 'Ursula von der' + 'Leyen': the model cuts names at particles
        if ent.label_ == "PERSON":
            e = extend_initials(doc, s, e)  # 'Sergey V.' + 'Lavrov'
            # 'Andriy Zagorodnyuk - Ukraine's former …': a spaced dash ends a name (a
            # hyphen inside one has no space: 'Pannier-Runacher')
            e = next((j for j in range(s + 1, e) if doc[j].text in ("-", "–", "—")
                      and doc[j - 1].whitespace_), e)
            if e - s == 1 and s > 0 and missed_given_name(doc, s, taken, rules) and (
                    not ent.ent_id_ or rules.gaz.lookup(doc[s - 1 : e].text) is not None
                    or other_given_name(doc[s - 1].text, doc[s].text, rules)):
                # 'Taras' + 'Melnyk': the model left the given name out; 'Hunter' + the
                # gazetteer's 'Biden': another person of that surname
                s -= 1
        elif ent.label_ == "ORG":
            e2 = extend_number(doc, s, e)  # 'Group of' + '20', 'University of' + 'Kharkiv'
            e = e2 if free(s, e2) else e
            if s > 0 and not taken[s - 1] and not doc[s - 1].ent_type_ \
                    and country_abbreviation(doc[s - 1], rules):
                s -= 1  # untagged 'UK' + 'Independence Party': part of the name
        if s >= e or not free(s, e):
            continue
        k = owner_possessive(doc, s, e, ent.label_, rules)
        if k is not None:
            # 'Norway’s Security Council': the owner is a mention of its own, the name
            # starts after the possessive (the institution rules read the owner from there)
            owner = owner_mention(doc, ent, s, k, rules, ctx, out)
            if owner is not None:
                claim(owner)
            s = k + 1
        org_end = place_led_org(doc, e) if ent.label_ in PLACE_LABELS | {"ORG"} else None
        if org_end is not None and free(e, org_end):
            # 'Kyiv Court of Appeals': an organization named after its place; 'European
            # Union Agency for Asylum': a body of an organization (the model splits it into
            # the parent and a second name, and the parent would get its words)
            claim(mk(doc, s, org_end, EntityType.ORGANIZATION, method="rule"))
            continue
        if is_title_org(doc, ent, s, e, rules.title_heads) or (
                ent.label_ == "PERSON" and is_title_person(doc, s, e, rules.title_heads,
                                                           HONORIFIC_WORDS)):
            continue  # 'Secretary of State <Name>', 'Senior Sgt.': a title, not a name
        text = doc[s:e].text
        if text in tz_abbreviations():
            continue  # 'at 2000 GMT', '7am BST': a time zone, not an organization
        if common_words_only(text, rules):
            continue  # 'secretary of state' tagged ORG on 'state': no capital, no name
        known = rules.gaz.lookup(text) is not None or rules.places.country_code(text) \
            is not None or (ent.label_ in PLACE_LABELS and rules.places.has_city(text)) \
            or demonym_code(rules, text)[0]
        stem = None
        if e - s > 1 and not is_given_name(doc[s].text):  # 'Charles Smith' is no possessive
            stem = possessive_place(doc[s].text, rules,
                                     countries_only=ent.label_ not in PLACE_LABELS)
        if stem is not None and ent.label_ in PLACE_LABELS | {"ORG", "PERSON", "FAC"}:
            # FA-KES: 'Aleppos Old City', 'Aleppos Salaheddin': the first word is the
            # possessive of a place, the rest a place in it when it is one proper name
            owner = place_ment(doc, s, s + 1, stem, rules, ctx)
            claim(owner)
            if ent.label_ not in PLACE_LABELS:  # 'Syrias Bashar al-Assad' tagged PERSON
                rest = classify(doc, ent, s + 1, e, rules, ctx, out)
                if rest is not None:
                    claim(rest)
            elif e - s == 2 and doc[s + 1].pos_ == "PROPN":
                info = rules.places.resolve(doc[s + 1].text, context=ctx,
                                            country=owner.place.country if owner.place else None)
                claim(mk(doc, s + 1, e, EntityType.PLACE, key=info.id, name=info.name,
                          place=info, method=info.method))
            continue
        if not known and ent.label_ in ("GPE", "LOC") and e < len(doc) \
                and doc[e].lower_ in rules.types.facility | rules.types.features:
            # 'the Brenvik coke plant' tagged GPE: a site unless some reference data (a
            # KATOTTG village: 'the Kalynivka school') knows a place of that name
            known = rules.places.resolve(text, context=ctx).kind != "unresolved"
        thing = classify_thing(doc, ent, s, e, rules.types, known)
        if thing is not None:
            if free(thing.start_tok, thing.end_tok):
                claim(mk(doc, thing.start_tok, thing.end_tok, thing.type, key=thing.key,
                          name=thing.name, method="kind"))
            continue
        m = classify(doc, ent, s, e, rules, ctx, out)
        if m is not None:
            claim(m)
    # 4b) 'Related Syrias Assad says Turkeys Erdogan ...': untagged country possessives
    for tok in doc:
        if not taken[tok.i] and not tok.ent_type_ and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].text[:1].isupper():
            stem = possessive_place(tok.text, rules, countries_only=True)
            if stem is not None:
                claim(place_ment(doc, tok.i, tok.i + 1, stem, rules, ctx))
    # 4c) '… including another city Qamishli', 'the town of Hazm': a name the model left
    # untagged right after a settlement noun is a Place when GeoNames knows it as a city
    for s, e in untagged_after_settlement_noun(doc, taken, rules):
        info = rules.places.resolve(doc[s:e].text, context=ctx)
        if info.kind == "city":
            claim(mk(doc, s, e, EntityType.PLACE, key=info.id, name=info.name, place=info,
                     method="context"))
    # 5) '<given name> <Surname>' the model left untagged ('the oligarch Alexei Mordashov')
    for s, e in untagged_people(doc, taken, rules):
        claim(mk(doc, s, e, EntityType.PERSON, method="rule"))
    out.sort(key=lambda m: m.start)
    return out


def join_possessives(doc: Doc, ments: list[Ment], rules: Rules) -> None:
    """FA-KES strips apostrophes: 'al-Nusras fighters', 'Afisis men' is the possessive of a
    person or organization the article names without the 's' -- the same entity (only
    before a noun: 'Williams said' is not William's). And 'US Congress' ... 'Congress': an
    organization written once with its country's abbreviation is one organization."""
    by_text = {m.text: m for m in ments if m.key and m.type in (EntityType.PERSON,
                                                               EntityType.ORGANIZATION)}
    for m in ments:
        if m.method != "model" or not m.text.endswith("s") or len(m.text) < 5 \
                or m.type not in (EntityType.PERSON, EntityType.ORGANIZATION):
            continue
        nxt = doc[m.end_tok] if m.end_tok < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        other = by_text.get(m.text[:-1])
        if other is not None and other.key != m.key:
            m.key, m.name, m.type, m.method = other.key, other.name, other.type, "possessive"
    orgs = {m.name: m for m in ments if m.type is EntityType.ORGANIZATION and m.key
            and m.name}
    for m in ments:
        words = (m.name or "").split()
        if m.type is not EntityType.ORGANIZATION or len(words) < 3 \
                or not words[0].replace(".", "").isupper() \
                or rules.places.country_code(words[0]) is None:
            continue  # 'UK Independence Party' ~ 'Independence Party'; never 'US Army' ~ 'Army'

        bare = orgs.get(" ".join(words[1:]))
        if bare is not None and bare.key != m.key and bare.key:
            old_key = bare.key
            for x in ments:
                if x.key == old_key:
                    x.key, x.name = m.key, m.name
