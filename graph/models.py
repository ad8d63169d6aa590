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

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class NodeLabel(StrEnum):
    ARTICLE = "Article"
    SOURCE = "Source"  # the outlet that published an article
    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    GROUP = "Group"
    FACILITY = "Facility"  # plants, bases, bridges, airports: named sites that are not places
    EQUIPMENT = "Equipment"  # weapons, ships, vehicles, drone and missile models
    CLAIM = "Claim"
    ANONYMOUS_SOURCE = "AnonymousSource"
    ENTITY = "Entity"  # shared by Person/Organization/Place/Group/Outlet: one key, one index
    RESOLUTION = "ResolutionDecision"
    MIGRATION = "SchemaMigration"
    ENTITY_STATS = "EntityStats"  # one per entity: per-day mention/article/claim counts
    TOP_NEIGHBOURS = "TopNeighbours"  # one per entity: its top-K neighbours (graph/toplists.py)
    NEWEST_CLAIMS = "NewestClaims"  # one per entity with claims (graph/newest_claims.py)
    JUDGEMENT = "Judgement"  # an analyst's merge or split, undoable (graph/judgements.py)


    CLAIM_REVIEW = "ClaimReview"  # a fact-checker's review of a claim (several per claim)


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
    REVIEWS = "REVIEWS"  # ClaimReview -> Claim


class AggRel(StrEnum):
    """Write-time aggregates between entities (graph/aggregates.py): ``weight`` in total, one
    ``m<YYYY-MM>`` property per month, ``first``/``last`` day seen."""

    CO_MENTIONED = "CO_MENTIONED"  # Entity -> Entity (lower id -> higher id): shared articles
    CLAIMED_ABOUT = "CLAIMED_ABOUT"  # speaker -> subject or target: claims (about/target split)
    HOLDS_ROLE = "HOLDS_ROLE"  # Person -> Organization|Place|Group: HAS_ROLE evidence count


class EntityType(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    GROUP = "Group"
    OUTLET = "Outlet"
    FACILITY = "Facility"
    EQUIPMENT = "Equipment"

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
    TOO_COMPLEX = "too_complex"  # past its parse budget (time/memory); text kept, not extracted


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


# Values that are indexed or keyed in Neo4j have hard size limits there ("property value too
# large to index"): one bad article must be refused at the door (API 422, a failed record in
# `kg ingest`) instead of failing its whole write batch. Longest value per field; the keyed ones
# must also be printable (one line).
FIELD_LIMITS: dict[str, int] = {"id": 256, "source": 256, "published": 64, "language": 35,
                                "url": 2048, "author": 512, "title": 2000}
_PRINTABLE_ONLY = frozenset({"id", "source", "published", "language", "url"})


def check_field(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    limit = FIELD_LIMITS[name]
    if len(value) > limit:
        raise ValueError(f"'{name}' is {len(value)} characters long; the limit is {limit}")
    if name in _PRINTABLE_ONLY and not value.isprintable():
        raise ValueError(f"'{name}' contains control or non-printable characters")
    if name == "id" and not value.strip():
        raise ValueError("'id' is blank")
    return value


def field_problems(article: ArticleIn) -> list[tuple[str, str]]:
    """(field, message) for every value of ``article`` over its limit."""
    out = []
    for name in FIELD_LIMITS:
        try:
            check_field(name, getattr(article, name))
        except ValueError as exc:
            out.append((name, str(exc)))
    return out


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
    # Fact-checkers' reviews, side by side (filled in claim detail and the feed).
    reviews: list[ClaimReviewOut] = Field(default_factory=list)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next: str | None = None  # the cursor of the next page: pass it as ?cursor=
    # True when this page does not hold everything that matched (page on with ``next``), or
    # when a search cap cut the candidates (``cap_note`` says which, and how to narrow).
    capped: bool = False
    cap_note: str | None = None


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
    # Set when ``weight`` counts more evidence than ``evidence`` lists: where the rest is.
    evidence_more: str | None = None


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


class SpeakerCount(BaseModel):
    entity: EntityRef
    claims: int


class SpeakerStats(BaseModel):
    """Top speakers (or targets) of claims, optionally about one entity and in a period."""

    about: EntityRef | None = None
    speaker: EntityRef | None = None
    date_from: str | None = None
    date_to: str | None = None
    items: list[SpeakerCount]
    # "aggregates" (write-time monthly counts: whole months) or "recount" (read time, exact
    # to the day, used when a date is finer than a month or no aggregate answers the question)
    counted_from: str
    capped: bool = False  # more entities than ``limit`` had claims (raise limit, max 500)


class TimelineBucket(BaseModel):
    period: str
    mentions: int = 0
    articles: int = 0
    claim_count: int = 0
    claims: list[ClaimOut] = Field(default_factory=list)


class BucketSize(StrEnum):
    # A named enum: an inline Literal here was named "TimelineBucket" by client generators,
    # the name of the model above, and the Timeline schema was dropped.
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Timeline(BaseModel):
    entity: EntityRef
    bucket: BucketSize
    buckets: list[TimelineBucket]
    # Every claim is counted (``claim_count``); True when older buckets with claims list none
    # because of the cap (``cap_note`` says how to see them).
    capped: bool = False
    cap_note: str | None = None


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


# --------------------------------------------------------------------------- judgements


class MergeIn(BaseModel):
    """``other`` is merged into the entity named in the path (the survivor)."""

    other: str = Field(min_length=1, max_length=500)
    reason: str | None = Field(default=None, max_length=2000)


class MentionRef(BaseModel):
    article_id: str = Field(min_length=1, max_length=500)
    start: int = Field(ge=0)


class SplitIn(BaseModel):
    """Exactly one of ``alias`` (every mention written so) or ``mention`` (one mention)."""

    alias: str | None = Field(default=None, min_length=1, max_length=500)
    mention: MentionRef | None = None
    reason: str | None = Field(default=None, max_length=2000)


class JudgementOut(BaseModel):
    id: str
    kind: Literal["merge", "split"]
    entity_id: str  # merge: the survivor; split: the entity the alias was taken from
    other_id: str | None = None  # merge: the entity merged in
    new_entity_id: str | None = None  # split: the entity created
    alias: str | None = None  # split: the alias (or the mention's text)
    article_id: str | None = None  # split of one mention
    start: int | None = None
    reason: str | None = None
    created_at: str
    created_by: str  # the key's role
    undone_at: str | None = None
    undone_by: str | None = None
    # The resolver's original decision(s) for the entity this judgement overrules.
    method: str | None = None
    score: float | None = None


class JudgementResult(BaseModel):
    judgement: JudgementOut
    new_entity_id: str | None = None


class MeOut(BaseModel):
    role: str  # read | ingest | admin


class ReviewRating(BaseModel):
    """schema.org ``Rating`` of a ClaimReview: Google wants a textual rating (alternateName);
    the numeric scale is optional but must be consistent when given."""

    model_config = ConfigDict(extra="forbid")
    alternate_name: str = Field(min_length=1, max_length=200,
                                description='textual verdict, e.g. "False", "Misleading"')
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None

    @model_validator(mode="after")
    def _scale(self) -> ReviewRating:
        lo, hi = self.worst_rating, self.best_rating
        if lo is not None and hi is not None and lo >= hi:
            raise ValueError("worst_rating must be lower than best_rating")
        v = self.rating_value
        if v is not None and ((lo is not None and v < lo) or (hi is not None and v > hi)):
            raise ValueError("rating_value must lie between worst_rating and best_rating")
        return self


def _web_url(value: str | None) -> str | None:
    """Only http(s) URLs with a host: a ``javascript:`` or relative link is refused."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an absolute http or https URL")
    return value.strip()


class Reviewer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=300, description="the fact-checking organization")
    url: str | None = Field(default=None, description="its site (http or https)")

    _url = field_validator("url")(_web_url)


class ClaimReviewIn(BaseModel):
    """What a fact-checker posts to ``/v1/claims/{id}/reviews``."""

    model_config = ConfigDict(extra="forbid")
    rating: ReviewRating
    reviewer: Reviewer
    url: str = Field(description="the published fact-check (http or https)")
    date_published: date = Field(description="when the review was published (ISO date)")
    claim_reviewed: str | None = Field(default=None, max_length=5000,
                                       description="the claim as the reviewer worded it")

    _url = field_validator("url")(_web_url)


class ClaimReviewOut(ClaimReviewIn):
    id: str
    claim_id: str
    created_at: str | None = None


class FeedShape(StrEnum):
    CLAIM = "claim"
    CLAIMREVIEW = "claimreview"


class JsonLdPage(BaseModel):
    """A page of standalone JSON-LD documents (each with its own ``@context``)."""

    items: list[dict[str, object]]
    next: str | None = None


class ErrorInfo(BaseModel):
    code: str = Field(description="machine-readable: invalid_input, not_found, unauthorized, ...")
    message: str
    detail: object | None = None


class ErrorOut(BaseModel):
    """Every error answer: ``{"error": {"code", "message", "detail"}}`` (api/errors.py)."""

    error: ErrorInfo


__all__ = [
    "ArticleIn",
    "ArticleStatus",
    "ClaimOut",
    "ClaimReviewIn",
    "ClaimReviewOut",
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
