"""FollowTheMoney entities (line-delimited JSON) for Aleph / OpenAleph.

Mapping (FtM 4 schemata): Person -> Person; Organization, Group and outlets -> Organization;
Place -> Address (name, coordinates, country); Article -> Article; an anonymous source ->
LegalEntity whose name carries the article id, so cross-referencing never merges two "U.S.
officials"; a claim -> Documentation (the article documents the speaker; the claim is the
summary, the sentence the description) plus one UnknownLink speaker -> entity per entity the
claim is about or targets (proof: the article); MENTIONS -> Mention (persons, organizations) or
UnknownLink article -> place (Mention resolves only to legal entities); HAS_ROLE -> Membership
(organizations) or UnknownLink. Values pass through FtM's own cleaning (``proxy.add``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from followthemoney import model

from graph.export.stream import Edge, Node, PageSource
from graph.models import NodeLabel, RelType, stable_id

_SCHEMA = {
    NodeLabel.PERSON: "Person", NodeLabel.ORGANIZATION: "Organization",
    NodeLabel.GROUP: "Organization", NodeLabel.PLACE: "Address",
    NodeLabel.SOURCE: "Organization", NodeLabel.ARTICLE: "Article",
    NodeLabel.ANONYMOUS_SOURCE: "LegalEntity",
    NodeLabel.FACILITY: "RealEstate", NodeLabel.EQUIPMENT: "Asset",
}
_ENTITY_KINDS = {NodeLabel.PERSON, NodeLabel.ORGANIZATION, NodeLabel.GROUP, NodeLabel.PLACE,
                 NodeLabel.FACILITY, NodeLabel.EQUIPMENT}
_LEGAL = {"Person", "Organization", "Group"}


def ftm_id(kind: str, *parts: object) -> str:
    # All node kinds share one FtM id space: the kind is part of the hash.
    return stable_id(kind, *parts, prefix="kg-", n=32)


def node_ftm_id(kind: NodeLabel, node_id: str) -> str:
    return ftm_id("entity" if kind in _ENTITY_KINDS else kind.value, node_id)


def _make(schema: str, eid: str, props: dict[str, Any]) -> dict[str, Any]:
    proxy = model.make_entity(schema)
    proxy.id = eid
    for name, value in props.items():
        if value is None or value == "" or value == []:
            continue
        proxy.add(name, value)
    return proxy.to_dict()


class FtmMapper:
    def __init__(self) -> None:
        # ABOUT/TARGETS edges follow their claim in the same page; they need its speaker.
        self._claim: tuple[str, str, str | None] | None = None  # (claim id, speaker, article)

    def of(self, rec: Node | Edge) -> Iterator[dict[str, Any]]:
        if isinstance(rec, Node):
            yield from self._node(rec)
        else:
            yield from self._edge(rec)

    def _node(self, n: Node) -> Iterator[dict[str, Any]]:
        p = n.props
        eid = node_ftm_id(n.kind, n.id)
        if n.kind is NodeLabel.CLAIM:
            yield from self._claim_node(n)
        elif n.kind is NodeLabel.ARTICLE:
            yield _make("Article", eid, {
                "title": p.get("title") or n.id, "sourceUrl": p.get("url"),
                "publishedAt": p.get("published"), "publisher": p.get("source"),
                "author": p.get("author"), "bodyText": p.get("text"),
                "language": p.get("language"),
            })
        elif n.kind is NodeLabel.ANONYMOUS_SOURCE:
            desc = p.get("description") or p.get("name") or "anonymous source"
            yield _make("LegalEntity", eid, {
                "name": f"{desc} (anonymous source, article {p.get('article_id', '?')})",
                "description": desc, "summary": p.get("affiliation"),
            })
        elif n.kind is NodeLabel.SOURCE:
            yield _make("Organization", eid, {"name": p.get("name") or n.id,
                                              "sector": "news media"})
        else:
            props: dict[str, Any] = {
                "name": p.get("name") or n.id,
                "alias": [a for a in p.get("aliases", []) if a != p.get("name")],
            }
            if n.kind is NodeLabel.PLACE:
                props |= {"full": p.get("name"), "latitude": p.get("lat"),
                          "longitude": p.get("lon"), "country": p.get("country"),
                          "region": p.get("admin1")}
            elif n.kind is NodeLabel.PERSON:
                props["title"] = p.get("titles")
            elif n.kind is NodeLabel.GROUP:
                props["description"] = "armed or political group"
            yield _make(_SCHEMA[n.kind], eid, props)

    def _claim_node(self, n: Node) -> Iterator[dict[str, Any]]:
        p = n.props
        speaker_kind = NodeLabel.ANONYMOUS_SOURCE if p.get("anonymous") else NodeLabel.PERSON
        speaker = node_ftm_id(speaker_kind, p["speaker_id"]) if p.get("speaker_id") else None
        article = node_ftm_id(NodeLabel.ARTICLE, p["article_id"]) if p.get("article_id") else None
        self._claim = (n.id, speaker, article) if speaker else None
        if not speaker or not article:
            return
        yield _make("Documentation", ftm_id("claim", n.id), {
            "document": article, "entity": speaker,
            "role": f"said ({p.get('cue', '')}, {p.get('quote_type', '')} quote)",
            "summary": p.get("content"), "description": p.get("sentence"),
            "date": p.get("date") or p.get("published"), "recordId": n.id,
        })

    def _edge(self, e: Edge) -> Iterator[dict[str, Any]]:
        target = node_ftm_id(NodeLabel.PERSON, e.target)  # entity ids: one space for all kinds
        kind = e.props.get("target_kind")
        if e.type is RelType.MENTIONS:
            article = node_ftm_id(NodeLabel.ARTICLE, e.source)
            texts = e.props.get("texts") or []
            if kind in _LEGAL:
                yield _make("Mention", ftm_id("mention", e.source, e.target), {
                    "document": article, "resolved": target,
                    "name": texts[0] if texts else e.props.get("target_name", e.target),
                    "detectedSchema": _SCHEMA[NodeLabel(kind)],
                })
            else:
                yield _make("UnknownLink", ftm_id("mention", e.source, e.target), {
                    "subject": article, "object": target, "role": "mentions",
                })
        elif e.type is RelType.HAS_ROLE:
            person = node_ftm_id(NodeLabel.PERSON, e.source)
            if kind in ("Organization", "Group"):
                schema, ends = "Membership", {"member": person, "organization": target}
            else:
                schema, ends = "UnknownLink", {"subject": person, "object": target}
            # One HAS_ROLE edge per piece of evidence: the article and offset make it unique.
            yield _make(schema, ftm_id("role", e.source, e.target, e.props.get("title"),
                                       e.props.get("article_id"), e.props.get("start")),
                        ends | {"role": e.props.get("title"),
                                "recordId": e.props.get("article_id")})
        elif e.type in (RelType.ABOUT, RelType.TARGETS) and self._claim and (
            self._claim[0] == e.source
        ):
            _, speaker, article = self._claim
            yield _make("UnknownLink", ftm_id(e.type.value, e.source, e.target), {
                "subject": speaker, "object": target,
                "role": "said about" if e.type is RelType.ABOUT else "targeted by claim",
                "date": e.props.get("date"), "proof": article, "recordId": e.source,
            })


def serialize_ftm(source: PageSource) -> Iterator[str]:
    mapper = FtmMapper()
    for page in source():
        lines = [json.dumps(ent, ensure_ascii=False) for rec in page for ent in mapper.of(rec)]
        if lines:
            yield "\n".join(lines) + "\n"
