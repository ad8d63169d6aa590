"""spaCy loading and the ``SpacyExtractor`` (the Extractor stage).

One ``nlp.pipe`` pass per batch; per doc, one linear pass per rule family over the parsed
tokens (no re-parsing). The EntityRuler sits before ``ner`` so the model keeps gazetteer
names (Kyiv, Trump, Zaporizhzhia) and predicts only around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.models import EntityRecord, EntityType, ExtractionResult, Mention, StoredArticle
from graph.settings import get_settings
from ingest.extract.abbreviations import abbreviates, bracketed_abbreviations
from ingest.extract.claims import ClaimCtx, find_claims
from ingest.extract.coordination import unresolved_places_among_organizations
from ingest.extract.coref import (
    PersonLocator,
    add_surname_mentions,
    fix_person_orgs,
    resolve_descriptions,
    resolve_people,
)
from ingest.extract.dates import parse_published
from ingest.extract.entities import (
    FAC_PERSON_CANDIDATE,
    Ment,
    Rules,
    build_rules,
    detect_mentions,
    join_possessives,
)
from ingest.extract.furniture import get_furniture, tz_abbreviations
from ingest.extract.gazetteer import Gazetteer, load_gazetteer, ruler_patterns
from ingest.extract.groups import one_group_per_name
from ingest.extract.institutions import find_unnamed as find_unnamed_institutions
from ingest.extract.institutions import name_owned_bodies
from ingest.extract.institutions import qualify as qualify_institutions
from ingest.extract.known_names import name_lone_surnames
from ingest.extract.names import given_names, translit_key
from ingest.extract.one_name import (
    join_given_names,
    one_entity_per_place_name,
    one_organization_per_name,
    one_thing_per_stem,
    one_type_per_name,
    people_tagged_org,
    publishers_typed_person,
)
from ingest.extract.outlets import outlets_by_evidence, speaking_facilities
from ingest.extract.person_evidence import (
    article_named_organizations,
    persons_without_evidence,
)
from ingest.extract.place_context import bare_region_names
from ingest.extract.place_names import written_place_name
from ingest.extract.places import PlaceIndex, get_place_index, resolve_in_named_oblasts
from ingest.extract.quotes import quote_mask
from ingest.extract.roles import find_roles, role_phrases, to_relations
from ingest.extract.settlements import SettlementIndex

# Bump whenever rules or data files change what comes out: the graph stores it per article.
EXTRACTOR_VERSION = "kg-extract/1.11"

# Comment-form boilerplate of page scrapes: everything from its first line on is ignored.
_BOILERPLATE_RE = re.compile(
    r"^\s*(Comments\s*$|No comments yet\b|Leave a Reply\b|Leave a Comment\b|"
    r"Why don[’']t you start the discussion|Related (?:Posts|Articles)\s*$|Share this:?\s*$)",
    re.MULTILINE | re.IGNORECASE,
)


def content_end(text: str) -> int:
    """Offset where trailing page boilerplate starts (len(text) when there is none)."""
    first_break = text.find("\n")  # never before the first line: a title may say 'Comments'
    if first_break < 0:
        return len(text)
    m = _BOILERPLATE_RE.search(text, first_break)
    return m.start() if m else len(text)


@lru_cache(maxsize=2)
def load_nlp(model_name: str | None = None) -> Language:
    """Load the spaCy model once per process, with the gazetteer EntityRuler before ``ner``."""
    nlp = spacy.load(model_name or get_settings().spacy_model)
    # '--Reuters' closing a wire story: a leading double hyphen is punctuation, so the
    # agency's name is a token the gazetteer ruler can match
    prefixes = [*nlp.Defaults.prefixes, r"--(?=[A-Z])"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    if "kg_entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="kg_entity_ruler",
                             before="ner" if "ner" in nlp.pipe_names else None,
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        ruler.add_patterns(ruler_patterns(load_gazetteer()))  # type: ignore[attr-defined]
    from ingest.extract.segment import add_to

    add_to(nlp)  # no 900k-character sentence reaches the parser
    return nlp


# A blank line ends a paragraph, and a sentence never runs across one.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Each token's sentence as character offsets, cut at paragraph breaks and without the
    whitespace around it: the parser sometimes runs a sentence on over a blank line (a
    closing quote, then the next paragraph), and evidence quoting that span showed the
    previous paragraph's quote as part of the claim's sentence."""
    text = doc.text
    out: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        parts = _paragraph_parts(text, sent.start_char, sent.end_char)
        k = 0
        for i in range(sent.start, sent.end):
            idx = doc[i].idx
            while k + 1 < len(parts) and idx >= parts[k + 1][0]:
                k += 1
            out[i] = parts[k]
    return out


def _paragraph_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) split at blank lines, each part stripped of surrounding whitespace
    (a part that is only whitespace keeps its place, so every token falls in one)."""
    cuts = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    bounds = list(zip([start, *cuts], [*cuts, end], strict=True))
    parts = []
    for s, e in bounds:
        s2, e2 = s, e
        while s2 < e2 and text[s2].isspace():
            s2 += 1
        while e2 > s2 and text[e2 - 1].isspace():
            e2 -= 1
        parts.append((s2, e2) if s2 < e2 else (s, e))
    return parts


def extract_doc(doc: Doc, article_id: str, published: str | None, rules: Rules) -> ExtractionResult:
    """All records for one parsed article; every offset points into ``doc.text``."""
    sent_of = _sentence_spans(doc)
    ments = detect_mentions(doc, rules)
    resolve_in_named_oblasts(ments, rules.places)  # villages in the oblasts the text names
    unresolved_places_among_organizations(doc, ments)  # 'the GMB and Unison'
    bare_region_names(doc, ments, rules)  # 'Idlib province … a village in Idlib'
    ments = find_unnamed_institutions(doc, ments, rules)  # 'Russia’s central bank'
    people_tagged_org(ments, rules)
    ments = [m for m in ments if m.method != FAC_PERSON_CANDIDATE]  # not name-shaped: no entity
    fix_person_orgs(doc, ments, rules.title_heads)
    resolve_people(ments, rules)
    one_group_per_name(ments)  # 'Syrian opposition forces' … 'opposition forces'
    ments = add_surname_mentions(doc, ments)
    join_possessives(doc, ments, rules)
    one_type_per_name(ments)
    one_thing_per_stem(ments, rules)  # 'Azovstal steel plant' / 'Azovstal plant' / 'Azovstal'
    one_entity_per_place_name(ments)  # 'Moldova' Place and ORG in one article: the place
    one_organization_per_name(ments)  # 'head of Roscosmos' ... 'Roscosmos said'
    join_given_names(ments)
    publishers_typed_person(doc, ments)
    outlets_by_evidence(doc, ments)  # 'the newspaper Kommersant', 'the Times of Israel'
    speaking_facilities(doc, ments, rules)  # 'the National Cyber Security Centre said'
    # a Person needs person evidence (title, given name, apposition, speaking verb, a
    # gazetteer entry or a named person's surname): 'Kafr Takharim' tagged PERSON is dropped
    unproven = persons_without_evidence(doc, ments, rules)
    unproven -= article_named_organizations(ments, unproven)  # 'Al Qaeda' tagged PERSON
    if unproven:
        ments = [m for m in ments if m.key not in unproven]
    name_lone_surnames(doc, ments, rules)  # 'Mr. Bout' alone: the corpus' Viktor Bout
    qualify_institutions(doc, ments, rules, article_id)
    name_owned_bodies(doc, ments, rules)  # 'Norway’s Security Council'
    ments = bracketed_abbreviations(doc, ments)  # 'the World Health Organization (WHO)'
    _join_abbreviations(ments)
    roles = find_roles(doc, ments, rules)
    ments = resolve_descriptions(ments, rules, role_phrases(roles, doc))
    ments = [m for m in ments if m.key]
    # Demonym affiliations ('Russian President') point at the country as a Place entity.
    country_key: dict[str, str] = {}
    for m in ments:
        if m.place is not None and m.place.kind == "country" and m.place.country:
            country_key.setdefault(m.place.country, m.key or "")
    for r in roles:
        if r.target is None and r.country and r.country not in country_key \
                and r.demonym_tok is not None and r.country in rules.places.countries:
            info = rules.places.resolve(rules.places.countries[r.country]["name"])
            t = doc[r.demonym_tok]
            ments.append(Ment(t.i, t.i + 1, t.idx, t.idx + len(t), t.text, EntityType.PLACE,
                              key=info.id, name=info.name, method="demonym", place=info))
            country_key[r.country] = info.id
    relations = to_relations(roles, {i: s for i, s in enumerate(sent_of)}, country_key)
    tok2ment: list[Ment | None] = [None] * len(doc)
    for m in ments:
        for i in range(m.start_tok, m.end_tok):
            tok2ment[i] = m
    ctx = ClaimCtx(doc, rules, article_id, parse_published(published), tok2ment,
                   PersonLocator(ments), quote_mask(doc.text), sent_of)
    claims = find_claims(ctx)
    ments.extend(ctx.extra)  # speakers named only as a known institution ('the ministry')
    return ExtractionResult(id=article_id, extractor_version=EXTRACTOR_VERSION,
                            entities=_records(ments, sent_of, rules.gaz,
                                              rules.places.settlements),
                            claims=claims, relations=relations)


def _records(
    ments: list[Ment], sent_of: list[tuple[int, int]], gaz: Gazetteer,
    settlements: SettlementIndex,
) -> list[EntityRecord]:
    recs: dict[str, EntityRecord] = {}
    kinds: dict[str, str] = {}  # entity id -> place kind of its first mention
    for m in sorted(ments, key=lambda x: x.start):
        key = m.key or ""
        rec = recs.get(key)
        if rec is None:
            p = m.place
            res: dict[str, object] | None = None
            if m.method not in ("model", "rule"):
                res = {"method": m.method, "score": p.score if p else 1.0,
                       "matched": m.text}
            rec = recs[key] = EntityRecord(
                id=key, type=m.type, name=m.name or m.text,
                geonames_id=p.geonames_id if p else None, lat=p.lat if p else None,
                lon=p.lon if p else None, country=p.country if p else None,
                admin1=p.admin1 if p else None, resolution=res)
            if p is not None:
                kinds[key] = p.kind
        # a role description ('the Russian president') is not a name of the person: it
        # belongs to a role with dates, so it is a mention but never an alias
        if m.description is None and m.text != rec.name and m.text not in rec.aliases:
            rec.aliases.append(m.text)
        s0, s1 = sent_of[m.start_tok]
        rec.mentions.append(Mention(start=m.start, end=m.end, text=m.text,
                                    sentence_start=s0, sentence_end=s1))
    for rec in recs.values():
        _fullest_name(rec)
        written_place_name(rec, kinds.get(rec.id))  # 'Novomoskovsk', not GeoNames' 'Samar'
        _national_spelling(rec, settlements)
        # Every known spelling goes on the entity, so a search for "Kiev" finds Kyiv even
        # when this article only wrote "Kyiv".
        entry = gaz.lookup(rec.name)
        if entry is not None and entry.type is rec.type:
            rec.aliases.extend(a for a in entry.aliases if a != rec.name and a not in rec.aliases)
    return list(recs.values())


class SpacyExtractor:
    """Extractor stage: ``SpacyExtractor()(articles) -> list[ExtractionResult]``."""

    version: str = EXTRACTOR_VERSION

    def __init__(self, model_name: str | None = None, *, batch_size: int | None = None,
                 nlp: Language | None = None, place_index: PlaceIndex | None = None) -> None:
        settings = get_settings()
        self.nlp = nlp or load_nlp(model_name or settings.spacy_model)
        self.batch_size = batch_size or settings.spacy_batch_size
        self.rules = build_rules(self.nlp, load_gazetteer(), place_index or get_place_index())
        self.furniture = get_furniture()
        # load the reference tables now (country names, given names, tz abbreviations), not
        # inside the first batch
        self.rules.places.country_code("Ukraina")
        given_names()
        tz_abbreviations()

    def __call__(self, articles: Sequence[StoredArticle]) -> list[ExtractionResult]:
        return list(self.iter_extract((a.id, a.text, a.published, a.source) for a in articles))

    def iter_extract(self, items: Iterable[tuple[str, str, str | None]
                                           | tuple[str, str, str | None, str | None]]
                     ) -> Iterable[ExtractionResult]:
        """(id, text, published[, outlet]) -> results, streaming through ``nlp.pipe``.

        Only the text before trailing boilerplate is parsed, with the outlet's furniture
        lines blanked to spaces: a same-length prefix keeps every offset valid for the full
        stored text."""
        furniture = self.furniture

        def texts() -> Iterable[tuple[str, tuple[str, str | None]]]:
            for item in items:
                aid, text, published = item[0], item[1], item[2]
                outlet = item[3] if len(item) > 3 else None  # type: ignore[misc]
                yield furniture.mask(text[: content_end(text)], outlet), (aid, published)

        for doc, (aid, published) in self.nlp.pipe(texts(), batch_size=self.batch_size,
                                                   as_tuples=True):
            yield extract_doc(doc, aid, published, self.rules)


def _fullest_name(rec: EntityRecord) -> None:
    """Canonical name = the fullest form the article gives, never its abbreviation or a
    non-ASCII reference spelling when the article wrote the name in ASCII: the model's own
    organization names only (gazetteer and institution names are already canonical)."""
    if rec.type is EntityType.ORGANIZATION and not rec.id.startswith(("org:inst:",)) \
            and (rec.resolution or {}).get("method") != "gazetteer":
        full = next((a for a in rec.aliases if abbreviates(rec.name, a)), None)
        if full is not None:
            rec.aliases = [a for a in rec.aliases if a != full] + [rec.name]
            rec.name = full
    elif rec.type is EntityType.PLACE and not rec.name.isascii():
        # GeoNames' 'Al Ḩasakah' for an article's 'Hasaka': keep the reference spelling
        # as an alias, name the place as English news writes it
        written = next((m.text for m in rec.mentions if m.text.isascii()), None)
        if written is not None and written[:1].isupper():
            rec.aliases = [a for a in rec.aliases if a != written] + [rec.name]
            rec.name = written


def _national_spelling(rec: EntityRecord, settlements: SettlementIndex) -> None:
    """A Ukrainian settlement is named in Ukraine's national transliteration (KATOTTG, KMU
    2010: 'Kramatorsk', 'Pokrovsk', not GeoNames' 'Kramators'k'); the spelling written
    elsewhere stays an alias, so one town has one name whichever article named it."""
    if rec.type is not EntityType.PLACE or rec.country != "UA":
        return
    national = settlements.national_spelling(rec.geonames_id)
    # only another romanisation of the same name: a town renamed since ('Sievierodonetsk',
    # now 'Siverskodonetsk') keeps the name the news wrote
    if national and national != rec.name \
            and translit_key(national) in {translit_key(n) for n in (rec.name, *rec.aliases)}:
        rec.aliases = [a for a in rec.aliases if a != national] + [rec.name]
        rec.name = national


def _join_abbreviations(ments: list[Ment]) -> None:
    """'the Transport and General Workers Union (TGWU) ... the TGWU', 'the Metropolitan
    Police ... the Met': a one-word organization that abbreviates a longer one named in the
    same article is that organization."""
    full = [m for m in ments if m.type is EntityType.ORGANIZATION and m.key
            and len((m.name or m.text).split()) > 1]
    if not full:
        return
    for m in ments:
        if m.type is not EntityType.ORGANIZATION or len(m.text.split()) != 1 or m.entry:
            continue
        hit = next((f for f in full if abbreviates(m.text, f.name or f.text)), None)
        if hit is not None:
            m.key, m.name, m.method = hit.key, hit.name, "abbreviation"
