"""Entity mentions: spaCy's NER corrected by gazetteers and context rules.

The small model tags Kyiv as a person, Kursk as a product, Stepove as a work of art and
Trump as an organization. The EntityRuler (placed before ``ner``) fixes known names; the rules
here fix the rest from context: '<X> region', '<X>, a village in ...', a preposition before a
known GeoNames place, a surname shared with a named person, '<demonym> forces' as a Group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graph.models import EntityType
from ingest.extract.furniture import tz_abbreviations
from ingest.extract.gazetteer import GazEntry, Gazetteer, norm
from ingest.extract.kinds import TypeWords, classify_thing, load_type_words, scan_equipment
from ingest.extract.names import is_given_name
from ingest.extract.person_evidence import (
    HONORIFIC_WORDS,
    PARTICLES,
    is_surname_in_doc,
    missed_given_name,
    other_given_name,
    past_holder,
    person_evidence,
    untagged_people,
)
from ingest.extract.places import PlaceIndex, PlaceInfo
from ingest.extract.spans import (
    after_org_kind,
    common_noun_acronym,
    common_word_opener,
    dateline_spans,
    extend_initials,
    extend_number,
    is_title_org,
    is_title_person,
    org_kind_apposition,
    place_led_org,
    title_case,
)

_PLACE_LABELS = {"GPE", "LOC"}
_CLAUSE_POS = {"VERB", "AUX", "SCONJ", "CCONJ", "PRON", "ADP"}
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
# method of a model FAC span that may be a person's name (kept only if retyped Person)
FAC_PERSON_CANDIDATE = "fac-person"


@dataclass
class Ment:
    """One mention in one doc; ``key`` becomes the canonical entity id."""

    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    type: EntityType
    key: str | None = None
    name: str | None = None
    method: str = "model"
    place: PlaceInfo | None = None
    entry: GazEntry | None = None
    description: str | None = None  # description mentions: normalized phrase
    after_title: bool = False  # a role title right before ('President Biden')
    aliases: list[str] = field(default_factory=list)


def _common_words(text: str, rules: Rules) -> bool:
    """A span without a capital letter or a digit is no proper name ('state' in 'secretary of
    state'), unless the gazetteer knows it or it ends in a state institution's words ('the
    defence ministry', which institutions.py qualifies by country)."""
    if any(c.isupper() or c.isdigit() for c in text):
        return False
    t = norm(text)
    if rules.gaz.lookup(text) is not None:
        return False
    return not any(t == a or t.endswith(" " + a) for a in rules.types.institution_aliases)


@dataclass
class Rules:
    """Matchers compiled once per ``nlp`` (they hold its vocab)."""

    gaz: Gazetteer
    places: PlaceIndex
    descriptions: PhraseMatcher
    group_phrases: PhraseMatcher
    demonyms: dict[str, str | None]
    group_nouns: frozenset[str]
    group_canonical: dict[str, str]
    region_words: frozenset[str]
    settlement_words: frozenset[str]
    title_heads: frozenset[str]
    types: TypeWords = field(default_factory=load_type_words)
    # English common words (WordNet noun-and-verb, adjective, adverb) from the lemmatizer's
    # lookup tables: a capitalised one opening a sentence is no name ('Film posted ...')
    common_words: frozenset[str] = frozenset()


def build_rules(nlp: Language, gaz: Gazetteer, places: PlaceIndex) -> Rules:
    lex = gaz.lexicon
    desc = PhraseMatcher(nlp.vocab, attr="LOWER")
    for phrase in gaz.by_description:
        variants = {phrase, phrase.replace("'", "’")}
        desc.add(phrase, [nlp.make_doc(v) for v in variants])
    groups = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups.add("GROUP", [nlp.make_doc(p) for p in lex["group_standalone"]])
    return Rules(gaz, places, desc, groups, dict(lex["demonyms"]),
                 gaz.words("group_nouns"), dict(lex["group_nouns_canonical"]),
                 gaz.words("region_words"), gaz.words("settlement_words"),
                 frozenset(t.split()[-1] for t in lex["role_titles"]),
                 common_words=_common_english_words(nlp))


def _common_english_words(nlp: Language) -> frozenset[str]:
    """Words the lemmatizer's WordNet index lists as a noun and a verb, or as an adjective
    or adverb: common words, not names (WordNet's proper nouns are nouns only: 'putin')."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return frozenset()
    nouns, verbs = set(index.get("noun", ())), set(index.get("verb", ()))
    return frozenset((nouns & verbs) | set(index.get("adj", ())) | set(index.get("adv", ())))


def demonym_code(rules: Rules, text: str) -> tuple[bool, str | None]:
    """('Russian') -> (True, 'RU'); ('us') is the pronoun unless written US/U.S."""
    low = text.lower()
    if low == "us" and text not in ("US", "U.S."):
        return False, None
    if low in rules.demonyms:
        return True, rules.demonyms[low]
    return False, None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive/punctuation from a span."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    for k in range(start + 1, end):  # 'Workers Union (TGWU': the bracket starts another name
        if doc[k].text in ("(", "["):
            end = k
            break
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "the", "a", "an")
                           or doc[end - 1].is_punct):
        end -= 1
    if end - start > 1 and doc[start].is_sent_start and doc[start].pos_ == "ADV":
        start += 1  # 'Later the ...': a sentence-initial adverb is not part of a name
    return start, end


def _mk(doc: Doc, start: int, end: int, etype: EntityType, **kw: object) -> Ment:
    span = doc[start:end]
    return Ment(start, end, span.start_char, span.end_char, span.text, etype, **kw)  # type: ignore[arg-type]


def _country_before(doc: Doc, rules: Rules, i: int) -> str | None:
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
        claim(_mk(doc, t.start_tok, t.end_tok, t.type, key=t.key, name=t.name, method="kind"))
    # 1) descriptions ('the Russian leader'), not titles ('Russian President Vladimir Putin').
    for match_id, s, e in rules.descriptions(doc):
        nxt = doc[e] if e < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.ent_type_ == "PERSON"):
            continue
        if past_holder(doc, s, e, rules.types):
            continue  # 'the then Russian president', 'a former president': not the holder now
        if free(s, e):
            claim(_mk(doc, s, e, EntityType.PERSON, method="description",
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
            claim(_mk(doc, i, e, EntityType.GROUP, name=name, method="rule"))
    for _, s, e in rules.group_phrases(doc):
        s, e = _trim(doc, s, e)
        if s < e and free(s, e) and not (e - s == 1 and doc[s].text == "west"):
            claim(_mk(doc, s, e, EntityType.GROUP, name=doc[s:e].text, method="rule"))
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
        info = rules.places.region(stem, _country_before(doc, rules, s), ctx)
        if info is not None:
            claim(_mk(doc, s, i + 1, EntityType.PLACE, place=info, name=info.name,
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
                claim(_mk(doc, i + 2, e, EntityType.PLACE, place=info, name=info.name,
                          key=info.id, method=info.method))
    # 3c) wire datelines: 'KHARKIV, Ukraine — ...' is a place, never an organization.
    for s, e, region in dateline_spans(doc):
        if free(s, e):
            m = _dateline(doc, s, e, region, rules, ctx)
            for i in range(s, e):
                taken[i] = 1
            if m is not None:
                out.append(m)
    # 4) named entities, corrected.
    for ent in doc.ents:
        s, e = _trim(doc, ent.start, ent.end)
        if ent.label_ == "PERSON" and e < len(doc) and doc[e - 1].lower_ in PARTICLES \
                and doc[e].text[:1].isupper():
            e += 1  # 'Ursula von der' + 'Leyen': the model cuts names at particles
        if ent.label_ == "PERSON":
            e = extend_initials(doc, s, e)  # 'Sergey V.' + 'Lavrov'
            if e - s == 1 and s > 0 and missed_given_name(doc, s, taken, rules) and (
                    not ent.ent_id_ or rules.gaz.lookup(doc[s - 1 : e].text) is not None
                    or other_given_name(doc[s - 1].text, doc[s].text, rules)):
                # 'Taras' + 'Melnyk': the model left the given name out; 'Hunter' + the
                # gazetteer's 'Biden': another person of that surname
                s -= 1
        elif ent.label_ == "ORG":
            e = extend_number(doc, s, e)  # 'Group of' + '20'
            if s > 0 and not taken[s - 1] and not doc[s - 1].ent_type_ \
                    and _country_abbreviation(doc[s - 1], rules):
                s -= 1  # untagged 'UK' + 'Independence Party': part of the name
        if s >= e or not free(s, e):
            continue
        org_end = place_led_org(doc, e) if ent.label_ in _PLACE_LABELS | {"ORG"} else None
        if org_end is not None and free(e, org_end):
            # 'Kyiv Court of Appeals': an organization named after its place; 'European
            # Union Agency for Asylum': a body of an organization (the model splits it into
            # the parent and a second name, and the parent would get its words)
            claim(_mk(doc, s, org_end, EntityType.ORGANIZATION, method="rule"))
            continue
        if is_title_org(doc, ent, s, e, rules.title_heads) or (
                ent.label_ == "PERSON" and is_title_person(doc, s, e, rules.title_heads,
                                                           HONORIFIC_WORDS)):
            continue  # 'Secretary of State <Name>', 'Senior Sgt.': a title, not a name
        text = doc[s:e].text
        if text in tz_abbreviations():
            continue  # 'at 2000 GMT', '7am BST': a time zone, not an organization
        if _common_words(text, rules):
            continue  # 'secretary of state' tagged ORG on 'state': no capital, no name
        known = rules.gaz.lookup(text) is not None or rules.places.country_code(text) \
            is not None or (ent.label_ in _PLACE_LABELS and rules.places.has_city(text)) \
            or demonym_code(rules, text)[0]
        stem = None
        if e - s > 1 and not is_given_name(doc[s].text):  # 'Charles Smith' is no possessive
            stem = _possessive_place(doc[s].text, rules,
                                     countries_only=ent.label_ not in _PLACE_LABELS)
        if stem is not None and ent.label_ in _PLACE_LABELS | {"ORG", "PERSON", "FAC"}:
            # FA-KES: 'Aleppos Old City', 'Aleppos Salaheddin': the first word is the
            # possessive of a place, the rest a place in it when it is one proper name
            owner = _place_ment(doc, s, s + 1, stem, rules, ctx)
            claim(owner)
            if ent.label_ not in _PLACE_LABELS:  # 'Syrias Bashar al-Assad' tagged PERSON
                rest = _classify(doc, ent, s + 1, e, rules, ctx, out)
                if rest is not None:
                    claim(rest)
            elif e - s == 2 and doc[s + 1].pos_ == "PROPN":
                info = rules.places.resolve(doc[s + 1].text, context=ctx,
                                            country=owner.place.country if owner.place else None)
                claim(_mk(doc, s + 1, e, EntityType.PLACE, key=info.id, name=info.name,
                          place=info, method=info.method))
            continue
        thing = classify_thing(doc, ent, s, e, rules.types, known)
        if thing is not None:
            if free(thing.start_tok, thing.end_tok):
                claim(_mk(doc, thing.start_tok, thing.end_tok, thing.type, key=thing.key,
                          name=thing.name, method="kind"))
            continue
        m = _classify(doc, ent, s, e, rules, ctx, out)
        if m is not None:
            claim(m)
    # 4b) 'Related Syrias Assad says Turkeys Erdogan ...': untagged country possessives
    for tok in doc:
        if not taken[tok.i] and not tok.ent_type_ and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].text[:1].isupper():
            stem = _possessive_place(tok.text, rules, countries_only=True)
            if stem is not None:
                claim(_place_ment(doc, tok.i, tok.i + 1, stem, rules, ctx))
    # 5) '<given name> <Surname>' the model left untagged ('the oligarch Alexei Mordashov')
    for s, e in untagged_people(doc, taken, rules):
        claim(_mk(doc, s, e, EntityType.PERSON, method="rule"))
    out.sort(key=lambda m: m.start)
    return out


def _country_abbreviation(tok: Token, rules: Rules) -> bool:
    """'UK', 'US', 'U.S.': an all-caps country abbreviation written right before a name."""
    return tok.text.replace(".", "").isupper() and len(tok.text) <= 4 \
        and tok.whitespace_ != "" and rules.places.country_code(tok.text) is not None


def _possessive_place(text: str, rules: Rules, countries_only: bool = False) -> str | None:
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


def _place_ment(doc: Doc, s: int, e: int, stem: str, rules: Rules,
                ctx: tuple[str, ...]) -> Ment:
    entry = rules.gaz.lookup(stem)
    if entry is not None and entry.type is not EntityType.PLACE:
        entry = None
    info = rules.places.resolve(entry.name if entry else stem,
                                lookup=entry.geonames if entry else None,
                                country=entry.country if entry else None, context=ctx)
    name = entry.name if entry is not None and info.kind != "country" else info.name
    return _mk(doc, s, e, EntityType.PLACE, key=info.id, name=name, place=info,
               method="gazetteer" if entry else info.method)


def _dateline(doc: Doc, s: int, e: int, region: str | None, rules: Rules,
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
    return _mk(doc, s, e, EntityType.PLACE, key=info.id, name=name, place=info,
               method="gazetteer" if entry else info.method)


def _settlement_context(doc: Doc, e: int, rules: Rules, ments: list[Ment]
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


def _settlement_apposition(doc: Doc, s: int, e: int, rules: Rules) -> bool:
    """'the region’s capital, Tiraspol,' / 'Tiraspol, the region's capital,': a name in
    apposition with a settlement noun (or 'capital') that GeoNames knows as a city."""
    root = doc[s:e].root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [t for t in root.children if t.dep_ == "appos"]
    return any(t.lemma_.lower() in rules.settlement_words or t.lower_ == "capital"
               for t in nouns) and rules.places.has_city(doc[s:e].text)


def _later_in_settlement_list(doc: Doc, s: int, rules: Rules) -> bool:
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


def _classify(doc: Doc, ent: Span, s: int, e: int, rules: Rules, ctx: tuple[str, ...],
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
    if entry is None and e - s == 1:
        if label in ("PERSON", "ORG") and doc[s].is_sent_start and doc[s].pos_ != "PROPN":
            return None  # 'Inquiries continue.': a capitalized common noun, not a name
        if label in ("PERSON", "ORG") and not is_given_name(text) \
                and common_word_opener(doc, s, e, rules.common_words):
            return None  # 'Film posted online ...', '“Queues and ...': a common word
        if label == "ORG" and common_noun_acronym(doc, s, e):
            return None  # 'liquefied natural gas (LNG)': a thing's abbreviation
        if label == "PERSON" and s > 0 and doc[s - 1].lower_ in _INDEFINITE:
            return None  # 'one Muscovite told ...': a common noun, not a person's name
        if label in _PLACE_LABELS and demonym_code(rules, text)[0] \
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
    is_settlement, admin1, country = _settlement_context(doc, e, rules, ments)
    if not is_settlement and label in ("ORG", "PERSON") and entry is None and (
            (e < len(doc) and doc[e].lower_ in rules.settlement_words
             and doc[e].lower_ != "capital")
            or (s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lemma_.lower()
                in rules.settlement_words and doc[s - 2].lower_ != "capital")
            or _later_in_settlement_list(doc, s, rules)
            or _settlement_apposition(doc, s, e, rules)):
        # 'from Hazimah town', 'the al-Serian neighborhood', 'the neighborhood of Tareeq
        # al-Bab': a settlement noun next to a name makes it a place whatever the model said
        is_settlement = True
    if entry is not None and entry.type is not EntityType.PLACE:
        if label in ("GPE", "LOC") and entry.type is EntityType.PERSON and not ent.ent_id_:
            return None  # a place the gazetteer knows only as a surname ('Johnson City')
        return _mk(doc, s, e, entry.type, key=entry.id, name=entry.name, entry=entry,
                   method="gazetteer")
    if entry is None and not is_settlement and e - s == 1 and label in _PLACE_LABELS \
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
            return None
    if entry is not None or label in _PLACE_LABELS or is_settlement:
        info = rules.places.resolve(entry.name if entry else text,
                                    lookup=entry.geonames if entry else None,
                                    # the gazetteer's country is certain; the context's a guess
                                    country=(entry.country if entry else None) or country,
                                    admin1_key=admin1, context=ctx)
        if label not in _PLACE_LABELS and entry is None and not is_settlement:
            return None
        if info.kind == "unresolved" and entry is None and not is_settlement \
                and _branch_of_country(doc, s, e, rules):
            return _mk(doc, s, e, EntityType.ORGANIZATION)  # 'Lumo Russia' tagged GPE
        # the gazetteer's spelling ('Zaporizhzhia') beats GeoNames' ('Zaporizhzhya')
        name = entry.name if entry is not None and info.kind != "country" else info.name
        return _mk(doc, s, e, EntityType.PLACE, key=info.id, name=name, place=info,
                   method="gazetteer" if entry else info.method)
    if label in _MISLABEL_LABELS and e - s == 1 and label != "NORP":
        # A lone capitalized token after a place preposition that GeoNames knows in a country
        # the article is about: the model's PERSON/PRODUCT guess loses.
        prev = doc[s - 1].lower_ if s > 0 else ""
        # an ORG here too ('the towns of Kefraya and ...'), unless written like an acronym
        if prev in _PLACE_PREPS and not (label == "ORG" and (text.isupper() or prev == "and")):
            info = rules.places.resolve(text, context=ctx)
            if info.geonames_id is not None and info.kind == "city" and info.country in ctx:
                return _mk(doc, s, e, EntityType.PLACE, key=info.id, name=info.name,
                           place=info, method="context")
    if label == "PERSON" and e - s == 1 and entry is None and after_org_kind(doc, s):
        return _mk(doc, s, e, EntityType.ORGANIZATION)  # 'the nuclear operator Energoatom'
    if label in ("PERSON", "FAC", "PRODUCT") and e - s == 1 and entry is None \
            and not is_given_name(doc[s].text) \
            and s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _HEADS_OF_ORGS:
        # 'the new head of Roscosmos': what a head or chief is 'of' is an organization
        return _mk(doc, s, e, EntityType.ORGANIZATION, method=HEAD_OF)
    if label == "PERSON" and entry is None and not is_given_name(doc[s].text) \
            and org_kind_apposition(doc, s, e):
        return _mk(doc, s, e, EntityType.ORGANIZATION)  # 'Maxar, the company that ...'
    if label == "PERSON" and e - s == 1 and not person_evidence(doc, s, e, rules) \
            and not is_given_name(text) and not is_surname_in_doc(doc, text):
        # 'Belgorod' tagged PERSON with nothing person-like around it: a big city (or one in
        # a country the article is about) of that name is the better reading.
        info = rules.places.resolve(text, context=ctx)
        if info.kind == "city" and (info.population >= AMBIGUOUS_PLACE_POPULATION
                                    or (info.country in ctx and info.population >= 15_000)):
            return _mk(doc, s, e, EntityType.PLACE, key=info.id, name=info.name, place=info,
                       method="context")
    if label == "PERSON" and _branch_of_country(doc, s, e, rules) \
            and not (is_given_name(doc[s].text) and is_given_name(doc[e - 1].text)):
        # 'Tui Russia', 'Vodafone Ukraine': a name ending in a country's name is a company's
        # national branch, not a person (unless both words are given names: 'Chris France')
        return _mk(doc, s, e, EntityType.ORGANIZATION)
    if label == "PERSON":
        return _mk(doc, s, e, EntityType.PERSON)
    if label == "ORG":
        return _mk(doc, s, e, EntityType.ORGANIZATION)
    if label == "FAC" and 2 <= e - s <= 3 and is_given_name(doc[s].text.split("-")[0]) \
            and not is_settlement and (e >= len(doc) or doc[e].pos_ != "NOUN"):
        # 'by its mayor Oleksandr Goncharenko' tagged FAC: a candidate that
        # one_name.people_tagged_org keeps only when it is written like a person's name
        return _mk(doc, s, e, EntityType.ORGANIZATION, method=FAC_PERSON_CANDIDATE)
    return None



_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
            "central", "northeast", "northwest", "southeast", "southwest", "greater", "upper",
            "lower", "new", "old", "free", "occupied", "soviet", "imperial", "mainland"}


def _branch_of_country(doc: Doc, s: int, e: int, rules: Rules) -> bool:
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
