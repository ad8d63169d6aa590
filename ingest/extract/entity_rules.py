"""The mention record and the rules compiled once per ``nlp`` for entity detection
(``entities.py``): gazetteer, place index, phrase matchers, demonyms and common words."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.gazetteer import GazEntry, Gazetteer, norm
from ingest.extract.kinds import TypeWords, load_type_words
from ingest.extract.places import PlaceIndex, PlaceInfo

PLACE_LABELS = {"GPE", "LOC"}


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


def common_words_only(text: str, rules: Rules) -> bool:
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
    # every WordNet noun: 'Congress' tagged ORG after 'from' is the assembly, not a village
    # of that name (entity_types.classify)
    common_nouns: frozenset[str] = frozenset()


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
                 common_words=_common_english_words(nlp),
                 common_nouns=_wordnet_nouns(nlp))


def _common_english_words(nlp: Language) -> frozenset[str]:
    """Words the lemmatizer's WordNet index lists as a noun and a verb, or as an adjective
    or adverb: common words, not names (WordNet's proper nouns are nouns only: 'putin')."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return frozenset()
    nouns, verbs = set(index.get("noun", ())), set(index.get("verb", ()))
    return frozenset((nouns & verbs) | set(index.get("adj", ())) | set(index.get("adv", ())))


def _wordnet_nouns(nlp: Language) -> frozenset[str]:
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(index.get("noun", ()))


def demonym_code(rules: Rules, text: str) -> tuple[bool, str | None]:
    """('Russian') -> (True, 'RU'); ('us') is the pronoun unless written US/U.S."""
    low = text.lower()
    if low == "us" and text not in ("US", "U.S."):
        return False, None
    if low in rules.demonyms:
        return True, rules.demonyms[low]
    return False, None


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive/punctuation from a span."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    for k in range(start + 1, end):  # 'Workers Union (TGWU': the bracket starts another name
        if doc[k].text in ("(", "["):
            end = k
            break
        if doc[k].text in ("-", "–", "—", "--") and doc[k - 1].whitespace_ \
                and doc[k].whitespace_:
            end = k  # 'Name - Ukraine’s former minister -': a spaced dash ends the name
            break
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "the", "a", "an")
                           or doc[end - 1].is_punct):
        end -= 1
    if end - start > 1 and doc[start].is_sent_start and doc[start].pos_ == "ADV":
        start += 1  # 'Later the ...': a sentence-initial adverb is not part of a name
    return start, end


# zero-width characters that pasted web text leaves inside a token ('Bronk\u200b'): never
# part of a name, so a mention ends before them (its offsets still point at its text)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def mk(doc: Doc, start: int, end: int, etype: EntityType, **kw: object) -> Ment:
    span = doc[start:end]
    text = span.text
    a = len(text) - len(text.lstrip(_INVISIBLE))
    b = len(text.rstrip(_INVISIBLE))
    return Ment(start, end, span.start_char + a, span.start_char + b, text[a:b], etype,  # type: ignore[arg-type]
                **kw)
