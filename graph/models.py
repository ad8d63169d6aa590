"""The one schema module: enums and pydantic models shared by ingest, graph and api.

Three shapes, kept apart on purpose:
- input shapes (``ArticleIn``): what a client or a file hands us;
- record shapes (``ExtractionResult`` and its parts): what ``kg extract`` prints and what the
  graph writer consumes; every offset points into the exact ``Article.text`` that is stored;
- public shapes (``ClaimOut``, ``Evidence``, ``Page``): what the API answers.

Models are pure data: nothing here reads or writes the graph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class NodeLabel(StrEnum):
    ARTICLE = "Article"
    SOURCE = "Source"  # the outlet that published an article
    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    GROUP = "Group"
    CLAIM = "Claim"
    ANONYMOUS_SOURCE = "AnonymousSource"
    ENTITY = "Entity"  # shared by Person/Organization/Place/Group/Outlet: one key, one index
    RESOLUTION = "ResolutionDecision"
    MIGRATION = "SchemaMigration"


class RelType(StrEnum):
    PUBLISHED_BY = "PUBLISHED_BY"  # Article -> Source
    MENTIONS = "MENTIONS"  # Article -> Entity (offsets on the relationship)
    SAID = "SAID"  # Entity|AnonymousSource -> Claim
    ABOUT = "ABOUT"  # Claim -> Entity
    TARGETS = "TARGETS"  # Claim -> Entity (accuse / criticize / deny)
    REPORTED_IN = "REPORTED_IN"  # Claim -> Article
    DISPUTES = "DISPUTES"  # Claim -> Claim
    HAS_ROLE = "HAS_ROLE"  # Person -> Organization|Place|Group (title on the relationship)
    LOCATED_IN = "LOCATED_IN"  # Place -> Place
    DUPLICATE_OF = "DUPLICATE_OF"  # Article -> Article (near-duplicates, with a score)
    RESOLVED = "RESOLVED"  # ResolutionDecision -> Entity


class EntityType(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    GROUP = "Group"
    OUTLET = "Outlet"

    @property
    def label(self) -> NodeLabel:
        # Outlets cited as sources are Organizations in the graph (and also Sources when
        # they publish an article we hold).
        return NodeLabel.ORGANIZATION if self is EntityType.OUTLET else NodeLabel(self.value)


class QuoteType(StrEnum):
    DIRECT = "direct"
    MIXED = "mixed"
    INDIRECT = "indirect"


class Stance(StrEnum):
    """What the speaker does with the proposition in ``statement``."""

    ASSERTS = "asserts"
    DENIES = "denies"
    QUESTIONS = "questions"
    PREDICTS = "predicts"
    ACCUSES = "accuses"


class ArticleStatus(StrEnum):
    OK = "ok"
    DUPLICATE = "duplicate"
    NEAR_DUPLICATE = "near_duplicate"
    EMPTY = "empty"
    BINARY = "binary"
    NOT_UTF8 = "not_utf8"
    TOO_LARGE = "too_large"
    NO_ARTICLE = "no_article"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    FETCH_FAILED = "fetch_failed"
    FAILED = "failed"


def content_hash(text: str) -> str:
    """Hash of the normalized text: exact duplicates (whitespace/case aside) share it."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def stable_id(*parts: object, prefix: str = "", n: int = 16) -> str:
    raw = "\x1f".join(str(p) for p in parts)
    return prefix + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:n]


# --------------------------------------------------------------------------- input shapes


class ArticleIn(BaseModel):
    """An article as a client or a file gives it. ``id`` defaults to a hash of the text."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime, as given
    source: str | None = None  # outlet name
    author: str | None = None
    language: str | None = None

    def resolved_id(self) -> str:
        return self.id or stable_id(content_hash(self.text), prefix="art-")


# --------------------------------------------------------------------------- record shapes


class Mention(BaseModel):
    start: int
    end: int
    text: str
    sentence_start: int | None = None
    sentence_end: int | None = None


class EntityRecord(BaseModel):
    """One entity as found in one article (ids are canonical: the same across articles)."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    # Places: gazetteer data (GeoNames id where one exists).
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    # How this entity was resolved (gazetteer, alias table, surname, fuzzy, new, ...).
    resolution: dict[str, object] | None = None


class SpeakerRef(BaseModel):
    id: str
    name: str
    type: str  # an EntityType value, or "AnonymousSource"
    anonymous: bool = False
    description: str | None = None  # anonymous sources: "a U.S. official"
    affiliation: str | None = None  # anonymous sources: "U.S."


class ReportedBy(BaseModel):
    """The attribution chain: the outlet a speaker talked to ('told Reuters', 'in an interview
    with the BBC': role ``audience``) or the party that relayed the words ('TASS quoted Peskov
    as saying': role ``relay``)."""

    role: Literal["audience", "relay"]
    name: str
    id: str | None = None  # entity id when the outlet/relay is a known entity
    type: str | None = None


class Quantity(BaseModel):
    """A figure in a claim: a value or a range, what it counts, where and when."""

    text: str  # the figure as written ('at least 45', 'between 10 and 20')
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # the counted noun as written ('civilians', 'drones')
    counted: str | None = None  # killed|wounded|displaced|captured|shot_down|munitions|aid|other
    where: str | None = None  # place entity id
    when: str | None = None  # ISO date (the claim's date)


class ClaimRecord(BaseModel):
    id: str
    speaker: SpeakerRef
    speaker_span: tuple[int, int] | None = None
    cue: str
    cue_span: tuple[int, int] | None = None
    content: str
    content_span: tuple[int, int]
    sentence_span: tuple[int, int]
    quote_type: QuoteType
    direct: bool = False
    about: list[str] = Field(default_factory=list)
    target: str | None = None  # entity id for accuse/criticize/deny
    date: str | None = None  # ISO date the statement was made, when resolvable
    # Added in kg-extract/1.5 (all optional: older JSONL lines still load).
    stance: Stance = Stance.ASSERTS
    statement: str | None = None  # the proposition as one stand-alone sentence
    reported_by: ReportedBy | None = None
    quantity: Quantity | None = None
    # Other places in the same article where the same speaker says the same thing (a repeated
    # lead, a live-blog update): folded into this claim, content offsets of each repeat.
    appearances: list[tuple[int, int]] = Field(default_factory=list)


class RelationRecord(BaseModel):
    """A typed relation with evidence, e.g. a role: Peskov -HAS_ROLE{title}-> Kremlin."""

    type: Literal["HAS_ROLE", "LOCATED_IN"]
    source: str  # entity id
    target: str | None = None  # entity id (None when the role names no organization)
    title: str | None = None
    span: tuple[int, int]
    sentence_span: tuple[int, int]


class ExtractionResult(BaseModel):
    """What the extractor produces for one article; the graph writer consumes exactly this."""

    id: str  # article id
    extractor_version: str
    entities: list[EntityRecord] = Field(default_factory=list)
    claims: list[ClaimRecord] = Field(default_factory=list)
    relations: list[RelationRecord] = Field(default_factory=list)


class StoredArticle(BaseModel):
    """An article as stored: raw text plus metadata, whatever its status."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    fetched_at: datetime | None = None
    content_hash: str
    status: ArticleStatus = ArticleStatus.OK
    error: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass
class WriteSummary:
    articles: int = 0
    entities: int = 0
    claims: int = 0
    relations: int = 0
    skipped: list[str] = field(default_factory=list)

    def add(self, other: WriteSummary) -> None:
        self.articles += other.articles
        self.entities += other.entities
        self.claims += other.claims
        self.relations += other.relations
        self.skipped.extend(other.skipped)


# --------------------------------------------------------------------------- public shapes


class Evidence(BaseModel):
    article_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    sentence: str | None = None
    start: int | None = None  # offsets of the evidence span in the stored article text
    end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


class ClaimOut(BaseModel):
    id: str
    speaker: SpeakerRef
    cue: str
    content: str
    quote_type: QuoteType
    date: str | None = None
    about: list[dict[str, object]] = Field(default_factory=list)
    target: dict[str, object] | None = None
    checkworthiness: float | None = None
    checkworthiness_reasons: list[str] = Field(default_factory=list)
    stance: Stance = Stance.ASSERTS
    statement: str | None = None
    reported_by: ReportedBy | None = None
    quantity: Quantity | None = None
    # other offsets in the same article where the speaker repeats it (folded repeats)
    appearances: list[tuple[int, int]] = Field(default_factory=list)
    evidence: Evidence


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next: str | None = None


# Query-API shapes (issue 5): entities, subgraphs, paths, timelines, sources, analysts' Cypher.


class EntityRef(BaseModel):
    id: str
    name: str | None = None
    type: str | None = None


class EntityOut(BaseModel):
    """An entity in a list; ``mentions`` counts the articles that mention it."""

    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    score: float | None = None  # full-text relevance, when found by a search
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None


class PeriodCount(BaseModel):
    period: str  # "2025-03" (month), "2025-03-17" (day or the Monday of a week)
    mentions: int = 0  # occurrences in the text
    articles: int = 0


class CoMention(BaseModel):
    entity: EntityOut
    articles: int  # articles mentioning both


class RoleOut(BaseModel):
    person: EntityRef
    title: str | None = None
    organization: EntityRef | None = None
    evidence: Evidence


class EntityProfile(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    mentions: int = 0
    articles: int = 0
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    mentions_by_month: list[PeriodCount] = Field(default_factory=list)
    co_mentioned: list[CoMention] = Field(default_factory=list)
    claims_by: list[ClaimOut] = Field(default_factory=list)
    claims_about: list[ClaimOut] = Field(default_factory=list)
    roles: list[RoleOut] = Field(default_factory=list)


class RelatedClaim(BaseModel):
    reason: str  # why it is listed: "same_speaker", "disputing_cue", "targets_speaker", ...
    claim: ClaimOut


class ClaimDetail(BaseModel):
    claim: ClaimOut
    same_speaker: list[RelatedClaim] = Field(default_factory=list)
    disputes: list[RelatedClaim] = Field(default_factory=list)


class GraphNode(BaseModel):
    id: str
    name: str | None = None
    type: str
    mentions: int = 0
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    content: str | None = None  # claim nodes: what was said


class GraphEdge(BaseModel):
    id: str
    source: str
    target: str
    type: str  # CO_MENTIONED | CLAIM_ABOUT | HAS_ROLE | SAID | ABOUT
    weight: float = 1.0
    title: str | None = None  # HAS_ROLE
    claim_ids: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Subgraph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False  # the node limit cut the expansion short


class PathOut(BaseModel):
    length: int  # hops between entities
    nodes: list[GraphNode]
    hops: list[GraphEdge]


class PathsOut(BaseModel):
    source: EntityRef
    target: EntityRef
    paths: list[PathOut]


class Relationship(BaseModel):
    a: EntityOut
    b: EntityOut
    co_mentions: list[Evidence] = Field(default_factory=list)
    co_mention_articles: int = 0
    claims_a_about_b: list[ClaimOut] = Field(default_factory=list)
    claims_b_about_a: list[ClaimOut] = Field(default_factory=list)
    roles: list[RoleOut] = Field(default_factory=list)


class TimelineBucket(BaseModel):
    period: str
    mentions: int = 0
    articles: int = 0
    claim_count: int = 0
    claims: list[ClaimOut] = Field(default_factory=list)


class Timeline(BaseModel):
    entity: EntityRef
    bucket: Literal["day", "week", "month"]
    buckets: list[TimelineBucket]


class SourceOut(BaseModel):
    id: str
    name: str | None = None
    articles: int = 0
    claims: int | None = None  # counted in GET /v1/sources/{id} only (it reads every article)


class ArticleBrief(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    status: str | None = None
    claims: int = 0


class DuplicateLink(BaseModel):
    article: ArticleBrief
    duplicate_of: ArticleBrief
    similarity: float | None = None


class SourceProfile(BaseModel):
    source: SourceOut
    articles: Page[ArticleBrief]
    claims: list[ClaimOut] = Field(default_factory=list)
    duplicates: list[DuplicateLink] = Field(default_factory=list)


class ArticleOut(BaseModel):
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    source_id: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    fetched_at: str | None = None
    content_hash: str | None = None
    status: str | None = None
    error: str | None = None
    claims: int = 0
    duplicates: list[DuplicateLink] = Field(default_factory=list)


class SearchOut(BaseModel):
    entities: list[EntityOut]
    claims: list[ClaimOut]


class CypherIn(BaseModel):
    cypher: str = Field(min_length=1, max_length=20_000)
    params: dict[str, object] = Field(default_factory=dict)


class CypherOut(BaseModel):
    columns: list[str]
    rows: list[dict[str, object]]
    truncated: bool = False  # the row limit was reached


__all__ = [
    "ArticleIn",
    "ArticleStatus",
    "ClaimOut",
    "ClaimRecord",
    "EntityRecord",
    "EntityType",
    "Evidence",
    "ExtractionResult",
    "Mention",
    "NodeLabel",
    "Page",
    "Quantity",
    "QuoteType",
    "RelType",
    "ReportedBy",
    "RelationRecord",
    "SpeakerRef",
    "Stance",
    "StoredArticle",
    "WriteSummary",
    "content_hash",
    "date",
    "stable_id",
]
