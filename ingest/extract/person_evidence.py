"""Person evidence: which model-found names are people, and which people the model missed.

Split out of ``entities.py`` (behaviour unchanged). A Person found only by the model needs
evidence on at least one mention (a title or honorific before it, a given name as its first
word, a title apposition after it, or being the subject of a speaking verb); two capitalised
proper nouns outside every entity, the first a given name, are a person the model missed;
an untagged proper noun before a one-word person may be its given name; a role description
with a past marker ('the former president') never names the current holder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.gazetteer import Gazetteer, slug
from ingest.extract.kinds import TypeWords
from ingest.extract.names import given_names_compatible, is_given_name

if TYPE_CHECKING:
    from ingest.extract.entities import Ment, Rules

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord",
              "gen", "gen.", "col", "col.", "lt", "lt.", "sgt", "sgt.", "maj", "maj.",
              "capt", "capt.", "rev", "rev.", "sheikh", "imam", "prof", "prof."}
HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in HONORIFICS)
# name particles ('von der Leyen', 'al-Assad'): never a given name of their own
PARTICLES = {"von", "der", "van", "de", "al", "el", "bin", "ibn", "da", "du", "la", "le"}


def untagged_people(doc: Doc, taken: bytearray, rules: Rules) -> list[tuple[int, int]]:
    """Two capitalised proper nouns outside any entity, the first a given name and the
    second no place, facility or equipment word, not followed by a third name."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    words, places = rules.types, rules.places
    for i in range(n - 1):
        a, b = doc[i], doc[i + 1]
        if taken[i] or taken[i + 1] or a.ent_type_ or b.ent_type_ or a.pos_ != "PROPN" \
                or b.pos_ != "PROPN" or not (a.is_title and b.is_title and b.is_alpha) \
                or a.is_stop or (i > 0 and doc[i - 1].pos_ == "PROPN") \
                or (i + 2 < n and doc[i + 2].pos_ == "PROPN" and doc[i + 2].text[:1].isupper()):
            continue
        low = b.lower_
        if low in rules.title_heads or a.lower_ in rules.title_heads \
                or a.lower_ in HONORIFIC_WORDS or low in words.facility \
                or low in words.features or low in words.equipment \
                or not is_given_name(a.text) or is_given_name(b.text) \
                or places.country_code(b.text) is not None or places.region(b.text) \
                or places.has_city(b.text):
            continue
        out.append((i, i + 2))
    return out


def missed_given_name(doc: Doc, s: int, taken: bytearray, rules: Rules) -> bool:
    """Is the untagged proper noun before a one-word person the person's given name? A
    known given name, or any capitalised proper noun that is no title, place or sentence
    opener ('the victim, Oleksandar Shelipov')."""
    prev = doc[s - 1]
    if taken[s - 1] or prev.ent_type_ or not (prev.is_title and prev.is_alpha) \
            or prev.pos_ != "PROPN" or prev.is_stop or not doc[s].is_title \
            or doc[s].lower_ in PARTICLES or (s >= 2 and doc[s - 2].pos_ == "PROPN"
                                               and doc[s - 2].lower_.rstrip(".")
                                               not in HONORIFIC_WORDS | rules.title_heads) \
            or is_given_name(doc[s].text):
        return False
    if is_given_name(prev.text):
        return True
    low = prev.lower_
    return not prev.is_sent_start and low not in rules.title_heads \
        and low not in HONORIFIC_WORDS and not rules.places.has_city(prev.text) \
        and rules.places.country_code(prev.text) is None


def other_given_name(given: str, surname: str, rules: Rules) -> bool:
    """A known given name that is not the gazetteer person's ('Hunter' before 'Biden')."""
    entry = rules.gaz.lookup(surname)
    if entry is None or entry.type is not EntityType.PERSON or not is_given_name(given):
        return False
    return not given_names_compatible(given, entry.name.split()[0])


def is_surname_in_doc(doc: Doc, text: str) -> bool:
    """Is ``text`` the last word of a multi-word PERSON entity of the doc?"""
    return any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == text
               for ent in doc.ents)


_CUES: dict[int, frozenset[str]] = {}


def _cue_words(gaz: Gazetteer) -> frozenset[str]:
    """Speaking verbs, built once per gazetteer (``words`` makes a new set per call)."""
    cues = _CUES.get(id(gaz))
    if cues is None:
        cues = _CUES[id(gaz)] = gaz.words("cue_verbs")
    return cues


# the Arabic (and Spanish) article is also a given name ('Al Gore'), so it proves no person:
# 'Al Qaeda', 'Al Jazeera', 'Al Shabab' tagged PERSON need other evidence
ARTICLE_GIVEN_NAMES = frozenset({"al", "el"})


def person_evidence(doc: Doc, s: int, e: int, rules: Rules) -> bool:
    """Person evidence around one mention: a title or honorific before it, a given name as
    its first word, a title apposition after it, or a speaking verb it is the subject of."""
    prev = doc[s - 1].lower_ if s > 0 else ""
    if prev in HONORIFICS or prev in rules.title_heads:
        return True
    if e - s >= 2 and is_given_name(doc[s].text) and doc[s].lower_ not in ARTICLE_GIVEN_NAMES:
        return True
    if e < len(doc) - 1 and doc[e].text == "," and any(
            t.lower_ in rules.title_heads for t in doc[e + 1 : min(len(doc), e + 5)]):
        return True
    cues = _cue_words(rules.gaz)
    for tok in doc[s:e]:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in cues:
            return True
        if tok.dep_ == "compound" and tok.head.dep_ == "nsubj" \
                and tok.head.head.lemma_.lower() in cues:
            return True
    return False


def persons_without_evidence(doc: Doc, ments: list[Ment], rules: Rules) -> set[str]:
    """Keys of model-found people none of whose mentions carries person evidence."""
    by_key: dict[str, list[Ment]] = {}
    for m in ments:
        if m.type is EntityType.PERSON and m.key and m.description is None:
            by_key.setdefault(m.key, []).append(m)
    out: set[str] = set()
    for key, ms in by_key.items():
        if any(m.method not in ("model", "suffix") for m in ms):
            continue  # gazetteer, surname of a named person, rule-corrected
        if not any(person_evidence(doc, m.start_tok, m.end_tok, rules) for m in ms):
            out.add(key)
    return out





def past_holder(doc: Doc, s: int, e: int, words: TypeWords) -> bool:
    """Does a role description name a past or interim holder? A marker inside or right before
    the phrase ('the former president', 'ex-president', 'the then prime minister', 'acting
    minister') or a time qualifier right after it ('the president at the time')."""
    for tok in doc[max(0, s - 2) : e]:
        low = tok.lower_
        if low in words.past_markers or low.startswith("ex-") or low.rstrip("-") == "ex":
            return True
    after = doc[e : min(len(doc), e + 4)].text.lower()
    return any(after.startswith(p) for p in words.past_phrases)


def article_named_organizations(ments: list[Ment], unproven: set[str]) -> set[str]:
    """Of the unproven people, those named '<Al|El> <Name>' are organizations ('selling
    weapons to Al Qaeda, the Taliban and …'), retyped in place; their keys are returned."""
    out: set[str] = set()
    for m in ments:
        words = m.text.replace("-", " ").split()
        if m.key in unproven and len(words) >= 2 and words[0].lower() in ARTICLE_GIVEN_NAMES:
            out.add(m.key)
    for m in ments:
        if m.key in out:
            m.type, m.key, m.name = EntityType.ORGANIZATION, f"org:{slug(m.text)}", m.text
    return out
