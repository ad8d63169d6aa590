"""One claim as schema.org ``Claim`` JSON-LD, for fact-checkers.

The shape is what a ``ClaimReview`` wants as its ``itemReviewed``: the claim's text, its author
(the speaker; an anonymous source is a Person with a description and no name, so nothing ever
merges it with a named person), its appearance (the news article with url, headline, publisher
and date), what it is about, the quoted words with their character offsets, and the
check-worthiness score with its reasons. Node ``@id``s are the same stable IRIs as the RDF export.
"""

from __future__ import annotations

from typing import Any

from graph.export.rdf import base_iri, entity_iri, node_iri
from graph.models import ClaimOut, NodeLabel

SCHEMA_CONTEXT = "https://schema.org"

_TYPES = {"Person": "Person", "Organization": "Organization", "Place": "Place",
          "Group": "Organization", "Outlet": "Organization"}


def _prop(name: str, value: Any, **extra: Any) -> dict[str, Any]:
    return {"@type": "PropertyValue", "name": name, "value": value, **extra}


def author_jsonld(claim: ClaimOut, base_url: str) -> dict[str, Any]:
    sp = claim.speaker
    if sp.anonymous or sp.type == "AnonymousSource":
        out: dict[str, Any] = {
            "@type": "Person",
            "@id": str(node_iri(base_url, NodeLabel.ANONYMOUS_SOURCE, sp.id)),
            "description": sp.description or sp.name,
            "additionalType": f"{base_iri(base_url)}/ns#AnonymousSource",
        }
        if sp.affiliation:
            out["affiliation"] = {"@type": "Organization", "name": sp.affiliation}
        return out
    return {"@type": _TYPES.get(sp.type, "Thing"), "@id": str(entity_iri(base_url, sp.id)),
            "name": sp.name}


def appearance_jsonld(claim: ClaimOut, base_url: str) -> dict[str, Any]:
    ev = claim.evidence
    out: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": str(node_iri(base_url, NodeLabel.ARTICLE, ev.article_id)),
        "identifier": ev.article_id,
    }
    if ev.url:
        out["url"] = ev.url
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


def claim_jsonld(claim: ClaimOut, base_url: str) -> dict[str, Any]:
    """schema.org ``Claim`` for one claim, ready to be the ``itemReviewed`` of a ClaimReview."""
    base = base_iri(base_url)
    ev = claim.evidence
    author = author_jsonld(claim, base_url)
    appearance = appearance_jsonld(claim, base_url)
    out: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Claim",
        "@id": str(node_iri(base_url, NodeLabel.CLAIM, claim.id)),
        "identifier": claim.id,
        "url": f"{base}/v1/claims/{claim.id}",
        "text": claim.content,
        "author": author,
        "appearance": appearance,
        # This claim node is one statement as reported in one article: that article is where
        # we first saw it.
        "firstAppearance": {"@id": appearance["@id"], "@type": "NewsArticle",
                            **({"url": ev.url} if ev.url else {})},
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
            "@type": "Quotation",
            "text": claim.content,
            "spokenByCharacter": {"@id": author["@id"]},
            "isPartOf": {"@id": appearance["@id"]},
        }
        if ev.sentence:
            quotation["description"] = ev.sentence  # the whole sentence, for context
        out["hasPart"] = quotation
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
    out["additionalProperty"] = props
    return out


def claim_review_stub(claim: ClaimOut, base_url: str) -> dict[str, Any]:
    """A ClaimReview skeleton around the claim; the fact-checker fills in the rating."""
    item = claim_jsonld(claim, base_url)
    item.pop("@context")
    return {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview", "itemReviewed": item,
            "claimReviewed": claim.content}
