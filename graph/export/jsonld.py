"""Claims as schema.org JSON-LD for fact-checkers: ``Claim``, a ``ClaimReview`` skeleton around
it (the rating left for the fact-checker), and stored reviews as ``ClaimReview`` with
``reviewRating``.

Every document carries our own context inline (``graph.export.context``): nothing needs the
network to parse. Node ``@id``s are the same stable IRIs as the RDF export and dereference at
``/id/{kind}/{id}``. An anonymous source is a Person with a description and no name, so nothing
ever merges it with a named person; its affiliation is the country when the word is a
nationality ("Ukrainian" -> Ukraine), never an organization named after an adjective.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.driver import Graph
from graph.export.context import base_iri, jsonld_context
from graph.export.countries import country_by_geonames, country_of
from graph.export.rdf import entity_iri, node_iri, safe_iri, web_url
from graph.models import ClaimOut, ClaimReviewOut, NodeLabel

_TYPES = {"Person": "Person", "Organization": "Organization", "Place": "Place",
          "Group": "Organization", "Outlet": "Organization"}


@dataclass
class AuthorFacts:
    """What the graph knows beyond the claim row (``graph.reviews.speaker_info`` and
    ``existing_entities``): speakers' titles and roles, which country Places exist."""

    speakers: dict[str, dict[str, Any]] = field(default_factory=dict)
    entity_ids: set[str] = field(default_factory=set)


def _prop(name: str, value: Any, **extra: Any) -> dict[str, Any]:
    return {"@type": "PropertyValue", "name": name, "value": value, **extra}


def _place(geonames_id: int | None) -> dict[str, Any]:
    country = country_by_geonames(geonames_id)
    out: dict[str, Any] = {"@type": "Country" if country else "Place"}
    if geonames_id is not None:
        out["sameAs"] = f"https://sws.geonames.org/{int(geonames_id)}/"
    return out


def _affiliation(org: dict[str, Any], base_url: str) -> dict[str, Any]:
    out = _place(org.get("geonames_id")) if org.get("type") == "Place" else {
        "@type": _TYPES.get(str(org.get("type")), "Organization")}
    return {**out, "@id": str(entity_iri(base_url, str(org["id"]))), "name": org.get("name")}


def author_jsonld(claim: ClaimOut, base_url: str, facts: AuthorFacts | None = None
                  ) -> dict[str, Any]:
    facts = facts or AuthorFacts()
    sp = claim.speaker
    if sp.anonymous or sp.type == "AnonymousSource":
        out: dict[str, Any] = {
            "@type": "Person",
            "@id": str(node_iri(base_url, NodeLabel.ANONYMOUS_SOURCE, sp.id)),
            "description": sp.description or sp.name,
            "additionalType": f"{base_iri(base_url)}/ns#AnonymousSource",
        }
        country = country_of(sp.affiliation)
        if country is not None:
            aff = {"@type": "Country", "name": country.name, "sameAs": country.geonames_iri}
            if country.entity_id in facts.entity_ids:
                aff["@id"] = str(entity_iri(base_url, country.entity_id))
            out["affiliation"] = aff
        elif sp.affiliation:
            out["affiliation"] = {"@type": "Organization", "name": sp.affiliation}
        return out
    out = {"@type": _TYPES.get(sp.type, "Thing"), "@id": str(entity_iri(base_url, sp.id)),
           "name": sp.name}
    known = facts.speakers.get(sp.id)
    if known:
        titles = list(dict.fromkeys(t for t in [*known["titles"], *known["role_titles"]] if t))
        if titles and out["@type"] == "Person":
            out["jobTitle"] = titles[0] if len(titles) == 1 else titles
        orgs = [_affiliation(o, base_url) for o in known["orgs"] if o and o.get("id")]
        if orgs:
            key = "affiliation" if out["@type"] == "Person" else "parentOrganization"
            out[key] = orgs[0] if len(orgs) == 1 else orgs
        if known.get("geonames_id") is not None:
            out["sameAs"] = f"https://sws.geonames.org/{int(known['geonames_id'])}/"
    return out


def appearance_jsonld(claim: ClaimOut, base_url: str) -> dict[str, Any]:
    ev = claim.evidence
    iri = str(node_iri(base_url, NodeLabel.ARTICLE, ev.article_id))
    out: dict[str, Any] = {
        "@type": "NewsArticle", "@id": iri, "identifier": ev.article_id,
        # Google wants a URL for every appearance: the article's stable IRI when we have none
        # (or when the stored one is not http(s): a javascript: link must not be clickable).
        "url": safe_iri(web) if (web := web_url(ev.url)) else iri,
    }
    if ev.title:
        out["headline"] = ev.title
    if ev.outlet:
        out["publisher"] = {"@type": "NewsMediaOrganization", "name": ev.outlet}
    if ev.published:
        out["datePublished"] = ev.published
    return out


def _entity_ref(ent: dict[str, object], base_url: str) -> dict[str, Any]:
    return {"@type": _TYPES.get(str(ent.get("type")), "Thing"),
            "@id": str(entity_iri(base_url, str(ent["id"]))), "name": ent.get("name")}


def claim_statement(claim: ClaimOut) -> str:
    """The standalone statement when the claim has one, else its content."""
    return str(getattr(claim, "statement", None) or claim.content)


def claim_node(claim: ClaimOut, base_url: str, facts: AuthorFacts | None = None
               ) -> dict[str, Any]:
    """schema.org ``Claim`` node (no ``@context``), ready to be a ClaimReview's itemReviewed."""
    ev = claim.evidence
    author = author_jsonld(claim, base_url, facts)
    appearance = appearance_jsonld(claim, base_url)
    iri = str(node_iri(base_url, NodeLabel.CLAIM, claim.id))
    out: dict[str, Any] = {
        "@type": "Claim", "@id": iri, "identifier": claim.id,
        "url": iri,  # dereferenceable without a key (see /id/ in docs/interop.md)
        "text": claim.content,
        "author": author,
        "appearance": appearance,
        # This claim node is one statement as reported in one article: that article is where
        # we first saw it.
        "firstAppearance": {"@id": appearance["@id"], "@type": "NewsArticle",
                            "url": appearance["url"]},
    }
    if ev.published:
        out["datePublished"] = ev.published
    if claim.date:
        out["dateCreated"] = claim.date  # when the statement was made, when we could tell
    if claim.about:
        out["about"] = [_entity_ref(e, base_url) for e in claim.about if e.get("id")]
    if claim.target and claim.target.get("id"):
        out["mentions"] = [_entity_ref(claim.target, base_url)]
    if claim.quote_type.value in ("direct", "mixed"):
        # The speaker's own words (reported speech is a paraphrase, not a Quotation).
        quotation: dict[str, Any] = {
            "@type": "Quotation", "@id": f"{iri}#quotation", "text": claim.content,
            "spokenByCharacter": {"@id": author["@id"]}, "isPartOf": {"@id": appearance["@id"]},
        }
        if ev.sentence:
            quotation["description"] = ev.sentence  # the whole sentence, for context
        out["hasPart"] = quotation
    out["additionalProperty"] = _properties(claim)
    return out


def _properties(claim: ClaimOut) -> list[dict[str, Any]]:
    ev = claim.evidence
    props = [
        _prop("quoteType", claim.quote_type.value),
        _prop("cue", claim.cue),
        _prop("stance", claim.stance.value, description="what the speaker does with the "
              "statement: asserts, denies, questions, predicts or accuses"),
    ]
    if claim.statement:
        props.append(_prop("statement", claim.statement, description="the proposition as one "
                           "stand-alone sentence (read it with the stance)"))
    if claim.reported_by is not None:
        props.append(_prop("reportedBy", claim.reported_by.name,
                           description=f"{claim.reported_by.role}: the outlet the speaker "
                           "talked to, or the party that relayed the words"))
    if claim.quantity is not None:
        q = claim.quantity
        extra = {"minValue": q.low, "maxValue": q.high, "unitText": q.unit}
        props.append(_prop("quantity", q.value if q.value is not None else q.text,
                           description=f"{q.counted or 'other'}: {q.text}",
                           **{k: v for k, v in extra.items() if v is not None}))
    if ev.start is not None and ev.end is not None:
        props.append(_prop("contentOffsets", f"{ev.start}-{ev.end}", minValue=ev.start,
                           maxValue=ev.end, description="character offsets of the claim text "
                           "in the stored article text"))
    if ev.sentence_start is not None and ev.sentence_end is not None:
        props.append(_prop("sentenceOffsets", f"{ev.sentence_start}-{ev.sentence_end}",
                           minValue=ev.sentence_start, maxValue=ev.sentence_end))
    if claim.checkworthiness is not None:
        props.append(_prop("checkworthiness", claim.checkworthiness, minValue=0, maxValue=1,
                           description=", ".join(claim.checkworthiness_reasons)))
        props.extend(_prop("checkworthinessReason", r) for r in claim.checkworthiness_reasons)
    return props


def review_node(review: ClaimReviewOut, claim: ClaimOut, base_url: str) -> dict[str, Any]:
    """A stored review as schema.org ``ClaimReview`` with ``reviewRating``."""
    r = review.rating
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": r.alternate_name}
    for key, value in (("ratingValue", r.rating_value), ("bestRating", r.best_rating),
                       ("worstRating", r.worst_rating)):
        if value is not None:
            rating[key] = value
    iri = str(node_iri(base_url, NodeLabel.CLAIM_REVIEW, review.id))
    rating["@id"] = f"{iri}#rating"  # the same (hash) IRIs as the RDF export
    reviewer: dict[str, Any] = {"@type": "Organization", "@id": f"{iri}#author",
                                "name": review.reviewer.name}
    if review.reviewer.url:
        reviewer["url"] = safe_iri(review.reviewer.url)
    return {
        "@type": "ClaimReview",
        "@id": iri,
        "identifier": review.id,
        "url": safe_iri(review.url),
        "claimReviewed": review.claim_reviewed or claim_statement(claim),
        "itemReviewed": {"@id": str(node_iri(base_url, NodeLabel.CLAIM, claim.id))},
        "author": reviewer,
        "datePublished": review.date_published.isoformat(),
        "reviewRating": rating,
    }


def claim_jsonld(claim: ClaimOut, base_url: str, facts: AuthorFacts | None = None
                 ) -> dict[str, Any]:
    """One claim as a JSON-LD document; its stored reviews point at it (``@reverse``)."""
    out = {"@context": jsonld_context(base_url), **claim_node(claim, base_url, facts)}
    if claim.reviews:
        reviews = [review_node(r, claim, base_url) for r in claim.reviews]
        for node in reviews:
            node.pop("itemReviewed")  # implied by @reverse
        out["@reverse"] = {"itemReviewed": reviews}
    return out


def claim_review_stub(claim: ClaimOut, base_url: str, facts: AuthorFacts | None = None,
                      *, context: bool = True) -> dict[str, Any]:
    """A ClaimReview around the claim; the fact-checker fills in rating, author, url, date."""
    out: dict[str, Any] = {"@context": jsonld_context(base_url)} if context else {}
    out.update({
        "@type": "ClaimReview",
        "claimReviewed": claim_statement(claim),
        "itemReviewed": claim_node(claim, base_url, facts),
    })
    return out


def claimreview_documents(graph: Graph, claims: list[ClaimOut], base_url: str
                          ) -> list[dict[str, Any]]:
    """For each claim (reviews filled in): its ClaimReview skeleton, then each stored review as
    a complete ClaimReview; every item a standalone JSON-LD document."""
    from graph.reviews import author_facts

    facts = author_facts(graph, claims)
    ctx = jsonld_context(base_url)
    out: list[dict[str, Any]] = []
    for claim in claims:
        out.append(claim_review_stub(claim, base_url, facts))
        out.extend({"@context": ctx, **review_node(r, claim, base_url)} for r in claim.reviews)
    return out
