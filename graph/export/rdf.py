"""RDF: schema.org for the things, PROV-O for where each claim came from, a small ``kg:``
vocabulary for what neither covers (offsets, cue, check-worthiness).

IRIs are stable: ``{base}/id/<kind>/<id>``, so two exports of the same graph agree and links
from a fact-check to a claim keep working. No blank nodes anywhere: pages are serialized one at
a time and concatenated, and blank-node labels would collide across pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node as Term

from graph.export.context import PROV, SDO, base_iri, kg_ns
from graph.export.countries import country_of
from graph.export.stream import Edge, Node, Page
from graph.models import NodeLabel, RelType

_SEGMENT = {
    NodeLabel.SOURCE: "source", NodeLabel.ARTICLE: "article", NodeLabel.CLAIM: "claim",
    NodeLabel.ANONYMOUS_SOURCE: "anonymous", NodeLabel.PERSON: "entity",
    NodeLabel.ORGANIZATION: "entity", NodeLabel.PLACE: "entity", NodeLabel.GROUP: "entity",
    NodeLabel.CLAIM_REVIEW: "review",
    NodeLabel.FACILITY: "entity", NodeLabel.EQUIPMENT: "entity",
}
_ENTITY_CLASS = {
    NodeLabel.PERSON: SDO.Person, NodeLabel.ORGANIZATION: SDO.Organization,
    NodeLabel.PLACE: SDO.Place, NodeLabel.GROUP: SDO.Organization,
    NodeLabel.FACILITY: SDO.CivicStructure, NodeLabel.EQUIPMENT: SDO.Product,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# The edges whose source node is the claim or article already described by its own triples.
_SKIP_EDGES = {RelType.SAID, RelType.REPORTED_IN, RelType.ABOUT, RelType.TARGETS}


def node_iri(base_url: str, kind: NodeLabel | str, node_id: str) -> URIRef:
    seg = _SEGMENT.get(NodeLabel(kind), "entity")
    return URIRef(f"{base_iri(base_url)}/id/{seg}/{quote(node_id, safe=':-_.~')}")


def entity_iri(base_url: str, node_id: str) -> URIRef:
    return URIRef(f"{base_iri(base_url)}/id/entity/{quote(node_id, safe=':-_.~')}")


def speaker_iri(base_url: str, node_id: str, anonymous: bool) -> URIRef:
    kind = NodeLabel.ANONYMOUS_SOURCE if anonymous else NodeLabel.PERSON
    return node_iri(base_url, kind, node_id)


def web_url(url: object) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None: a stored ``javascript:`` or
    ``data:`` URL must not become a clickable ``schema:url`` in a consumer's viewer."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def safe_iri(url: str) -> str:
    """Scraped URLs may hold spaces or quotes, which no IRI may: percent-encode just those."""
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")


def date_literal(value: str) -> Literal:
    """ISO dates and datetimes get their XSD type; anything else stays a plain string."""
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    if _DATETIME.match(value):
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


class Triples:
    """Turns records into triples. Speaker ids need their kind: anonymous ids say so."""

    def __init__(self, base_url: str) -> None:
        self.base = base_iri(base_url)
        self.kg = kg_ns(base_url)

    def iri(self, kind: NodeLabel, node_id: str) -> URIRef:
        return node_iri(self.base, kind, node_id)

    def extractor(self, version: str) -> URIRef:
        return URIRef(f"{self.base}/id/agent/extractor/{quote(version, safe='-_.~')}")

    def activity(self, article_id: str, version: str) -> URIRef:
        return URIRef(f"{self.base}/id/activity/extraction/{quote(article_id, safe=':-_.~')}/"
                      f"{quote(version, safe='-_.~')}")

    def of(self, rec: Node | Edge) -> Iterator[tuple[Term, Term, Term]]:
        if isinstance(rec, Edge):
            yield from self._edge(rec)
            return
        p = rec.props
        s = self.iri(rec.kind, rec.id)
        yield s, self.kg.id, Literal(rec.id)
        if rec.kind is NodeLabel.SOURCE:
            yield s, RDF.type, SDO.NewsMediaOrganization
            yield from self._lit(s, SDO.name, p.get("name"))
        elif rec.kind is NodeLabel.ARTICLE:
            yield from self._article(s, p)
        elif rec.kind is NodeLabel.CLAIM:
            yield from self._claim(s, rec.id, p)
        elif rec.kind is NodeLabel.CLAIM_REVIEW:
            yield from self._review(s, p)
        elif rec.kind is NodeLabel.ANONYMOUS_SOURCE:
            yield s, RDF.type, self.kg.AnonymousSource
            yield s, RDF.type, SDO.Person
            yield from self._lit(s, SDO.description, p.get("description") or p.get("name"))
            yield from self._lit(s, self.kg.affiliation, p.get("affiliation"))
            country = country_of(p.get("affiliation"))
            if country is not None:  # "Ukrainian" is the country, not an organization
                yield s, SDO.affiliation, URIRef(country.geonames_iri)
            if p.get("article_id"):
                yield s, PROV.wasDerivedFrom, self.iri(NodeLabel.ARTICLE, p["article_id"])
        else:
            yield from self._entity(s, rec.kind, p)

    # ------------------------------------------------------------------ nodes

    def _lit(self, s: Term, pred: Term, value: Any) -> Iterator[tuple[Term, Term, Term]]:
        if value is None or value == "":
            return
        if isinstance(value, list):
            for v in value:
                yield from self._lit(s, pred, v)
            return
        yield s, pred, Literal(value)

    def _article(self, s: URIRef, p: dict[str, Any]) -> Iterator[tuple[Term, Term, Term]]:
        yield s, RDF.type, SDO.NewsArticle
        yield from self._lit(s, SDO.headline, p.get("title"))
        if web_url(p.get("url")):
            yield s, SDO.url, URIRef(safe_iri(p["url"]))
        if p.get("published"):
            yield s, SDO.datePublished, date_literal(p["published"])
        yield from self._lit(s, SDO.author, p.get("author"))
        yield from self._lit(s, SDO.inLanguage, p.get("language"))
        yield from self._lit(s, SDO.articleBody, p.get("text"))
        yield from self._lit(s, self.kg.status, p.get("status"))
        yield from self._lit(s, self.kg.contentHash, p.get("content_hash"))

    def _entity(
        self, s: URIRef, kind: NodeLabel, p: dict[str, Any]
    ) -> Iterator[tuple[Term, Term, Term]]:
        yield s, RDF.type, _ENTITY_CLASS[kind]
        if kind is NodeLabel.GROUP:
            yield s, RDF.type, self.kg.Group
        yield from self._lit(s, SDO.name, p.get("name"))
        aliases = [a for a in p.get("aliases", []) if a != p.get("name")]
        yield from self._lit(s, SDO.alternateName, aliases)
        yield from self._lit(s, SDO.jobTitle, p.get("titles"))
        if p.get("lat") is not None and p.get("lon") is not None:
            yield s, SDO.latitude, Literal(float(p["lat"]))
            yield s, SDO.longitude, Literal(float(p["lon"]))
        if p.get("geonames_id"):
            yield s, SDO.sameAs, URIRef(f"https://sws.geonames.org/{int(p['geonames_id'])}/")
        yield from self._lit(s, self.kg.country, p.get("country"))
        yield from self._lit(s, self.kg.admin1, p.get("admin1"))
        if p.get("first_seen"):
            yield s, self.kg.firstSeen, date_literal(p["first_seen"])

    def _claim(self, s: URIRef, cid: str, p: dict[str, Any]) -> Iterator[tuple[Term, Term, Term]]:
        kg = self.kg
        yield s, RDF.type, SDO.Claim
        yield from self._lit(s, SDO.text, p.get("content"))
        if p.get("date"):
            yield s, SDO.dateCreated, date_literal(p["date"])
        if p.get("published"):
            yield s, SDO.datePublished, date_literal(p["published"])
        yield from self._lit(s, kg.cue, p.get("cue"))
        yield from self._lit(s, kg.quoteType, p.get("quote_type"))
        yield from self._lit(s, kg.sentence, p.get("sentence"))
        for key, pred in (("content_start", kg.contentStart), ("content_end", kg.contentEnd),
                          ("sentence_start", kg.sentenceStart), ("sentence_end", kg.sentenceEnd)):
            if p.get(key) is not None:
                yield s, pred, Literal(int(p[key]))
        if p.get("checkworthiness") is not None:
            yield s, kg.checkworthiness, Literal(float(p["checkworthiness"]))
        yield from self._lit(s, kg.checkworthinessReason, p.get("checkworthiness_reasons"))
        speaker = None
        if p.get("speaker_id"):
            speaker = self.speaker(p["speaker_id"], bool(p.get("anonymous")))
            yield s, SDO.author, speaker
        art = p.get("article_id")
        if art:
            a = self.iri(NodeLabel.ARTICLE, art)
            yield s, SDO.appearance, a
            yield s, SDO.firstAppearance, a
            # Provenance: derived from the article by one extraction run of one version.
            yield s, PROV.wasDerivedFrom, a
            version = p.get("extractor_version") or "unknown"
            act, agent = self.activity(art, version), self.extractor(version)
            yield s, PROV.wasGeneratedBy, act
            yield act, RDF.type, PROV.Activity
            yield act, PROV.used, a
            yield act, PROV.wasAssociatedWith, agent
            yield agent, RDF.type, PROV.SoftwareAgent
            yield agent, SDO.softwareVersion, Literal(version)
        if p.get("ingested_at"):
            yield s, PROV.generatedAtTime, date_literal(p["ingested_at"])
        if p.get("quote_type") in ("direct", "mixed") and p.get("content"):
            # The quoted words themselves, as a part of the claim spoken by its author.
            q = URIRef(f"{s}#quotation")  # a hash IRI: described by the claim's own document
            yield s, SDO.hasPart, q
            yield q, RDF.type, SDO.Quotation
            yield q, SDO.text, Literal(p["content"])
            if speaker is not None:
                yield q, SDO.spokenByCharacter, speaker
            if art:
                yield q, SDO.isPartOf, self.iri(NodeLabel.ARTICLE, art)

    def _review(self, s: URIRef, p: dict[str, Any]) -> Iterator[tuple[Term, Term, Term]]:
        """A fact-checker's review (schema:ClaimReview with a schema:Rating); IRIs only, no
        blank nodes (pages are serialized apart)."""
        yield s, RDF.type, SDO.ClaimReview
        if p.get("claim_id"):
            yield s, SDO.itemReviewed, self.iri(NodeLabel.CLAIM, p["claim_id"])
        yield from self._lit(s, SDO.claimReviewed, p.get("claim_reviewed"))
        if p.get("url"):
            yield s, SDO.url, URIRef(safe_iri(p["url"]))
        if p.get("date_published"):
            yield s, SDO.datePublished, date_literal(p["date_published"])
        # Hash IRIs: the review's own document (/id/review/<id>) describes them.
        org = URIRef(f"{s}#author")
        yield s, SDO.author, org
        yield org, RDF.type, SDO.Organization
        yield from self._lit(org, SDO.name, p.get("reviewer_name"))
        if p.get("reviewer_url"):
            yield org, SDO.url, URIRef(safe_iri(p["reviewer_url"]))
        rating = URIRef(f"{s}#rating")
        yield s, SDO.reviewRating, rating
        yield rating, RDF.type, SDO.Rating
        yield from self._lit(rating, SDO.alternateName, p.get("rating_alternate_name"))
        for key, pred in (("rating_value", SDO.ratingValue), ("best_rating", SDO.bestRating),
                          ("worst_rating", SDO.worstRating)):
            if p.get(key) is not None:
                yield rating, pred, Literal(float(p[key]))

    def speaker(self, node_id: str, anonymous: bool) -> URIRef:
        return node_iri(self.base, NodeLabel.ANONYMOUS_SOURCE if anonymous else
                        NodeLabel.PERSON, node_id)

    # ------------------------------------------------------------------ edges

    def _edge(self, e: Edge) -> Iterator[tuple[Term, Term, Term]]:
        if e.type in _SKIP_EDGES:
            return  # carried by the claim's own triples (author, appearance, about, targets)
        kg = self.kg
        if e.type is RelType.PUBLISHED_BY:
            yield (self.iri(NodeLabel.ARTICLE, e.source), SDO.publisher,
                   self.iri(NodeLabel.SOURCE, e.target))
        elif e.type is RelType.MENTIONS:
            yield (self.iri(NodeLabel.ARTICLE, e.source), SDO.mentions,
                   entity_iri(self.base, e.target))
        elif e.type is RelType.DUPLICATE_OF:
            yield (self.iri(NodeLabel.ARTICLE, e.source), kg.duplicateOf,
                   self.iri(NodeLabel.ARTICLE, e.target))
        elif e.type is RelType.LOCATED_IN:
            yield entity_iri(self.base, e.source), SDO.containedInPlace, entity_iri(
                self.base, e.target)
        elif e.type is RelType.HAS_ROLE:
            person, org = entity_iri(self.base, e.source), entity_iri(self.base, e.target)
            yield person, SDO.affiliation, org
            if e.props.get("title"):
                role = URIRef(f"{person}/role/{quote(e.target, safe=':-_.~')}/"
                              f"{quote(str(e.props['title']), safe='')}")
                yield person, kg.hasRole, role
                yield role, RDF.type, SDO.OrganizationRole
                yield role, SDO.roleName, Literal(e.props["title"])
                yield role, kg.roleIn, org
                if e.props.get("article_id"):
                    yield role, PROV.wasDerivedFrom, self.iri(
                        NodeLabel.ARTICLE, e.props["article_id"])


def _claim_extra(t: Triples, rec: Node | Edge) -> Iterator[tuple[Term, Term, Term]]:
    # ABOUT / TARGETS edges are where the claim's subjects live.
    if isinstance(rec, Edge) and rec.type is RelType.ABOUT:
        yield t.iri(NodeLabel.CLAIM, rec.source), SDO.about, entity_iri(t.base, rec.target)
    elif isinstance(rec, Edge) and rec.type is RelType.TARGETS:
        yield t.iri(NodeLabel.CLAIM, rec.source), t.kg.targets, entity_iri(t.base, rec.target)


def page_triples(page: Page, base_url: str) -> Iterator[tuple[Term, Term, Term]]:
    t = Triples(base_url)
    for rec in page:
        yield from t.of(rec)
        yield from _claim_extra(t, rec)
