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
from ingest.extract.claims import ClaimCtx, find_claims
from ingest.extract.coref import (
    PersonLocator,
    add_surname_mentions,
    fix_person_orgs,
    resolve_descriptions,
    resolve_people,
)
from ingest.extract.dates import parse_published
from ingest.extract.entities import Ment, Rules, build_rules, detect_mentions
from ingest.extract.gazetteer import Gazetteer, load_gazetteer, ruler_patterns
from ingest.extract.places import PlaceIndex, get_place_index
from ingest.extract.quotes import quote_mask
from ingest.extract.roles import find_roles, role_phrases, to_relations

# Bump whenever rules or data files change what comes out: the graph stores it per article.
EXTRACTOR_VERSION = "kg-extract/1.5"

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
    if "kg_entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="kg_entity_ruler",
                             before="ner" if "ner" in nlp.pipe_names else None,
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        ruler.add_patterns(ruler_patterns(load_gazetteer()))  # type: ignore[attr-defined]
    return nlp


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        span = (sent.start_char, sent.end_char)
        for i in range(sent.start, sent.end):
            out[i] = span
    return out


def extract_doc(doc: Doc, article_id: str, published: str | None, rules: Rules) -> ExtractionResult:
    """All records for one parsed article; every offset points into ``doc.text``."""
    sent_of = _sentence_spans(doc)
    ments = detect_mentions(doc, rules)
    fix_person_orgs(doc, ments, rules.title_heads)
    resolve_people(ments, rules)
    ments = add_surname_mentions(doc, ments)
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
                            entities=_records(ments, sent_of, rules.gaz), claims=claims,
                            relations=relations)


def _records(
    ments: list[Ment], sent_of: list[tuple[int, int]], gaz: Gazetteer
) -> list[EntityRecord]:
    recs: dict[str, EntityRecord] = {}
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
        if m.text != rec.name and m.text not in rec.aliases:
            rec.aliases.append(m.text)
        s0, s1 = sent_of[m.start_tok]
        rec.mentions.append(Mention(start=m.start, end=m.end, text=m.text,
                                    sentence_start=s0, sentence_end=s1))
    for rec in recs.values():
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

    def __call__(self, articles: Sequence[StoredArticle]) -> list[ExtractionResult]:
        return list(self.iter_extract((a.id, a.text, a.published) for a in articles))

    def iter_extract(self, items: Iterable[tuple[str, str, str | None]]
                     ) -> Iterable[ExtractionResult]:
        """(id, text, published) -> results, streaming through ``nlp.pipe``.

        Only the text before trailing boilerplate is parsed: a prefix keeps every offset
        valid for the full stored text."""
        def texts() -> Iterable[tuple[str, tuple[str, str | None]]]:
            for aid, text, published in items:
                yield text[: content_end(text)], (aid, published)

        for doc, (aid, published) in self.nlp.pipe(texts(), batch_size=self.batch_size,
                                                   as_tuples=True):
            yield extract_doc(doc, aid, published, self.rules)
