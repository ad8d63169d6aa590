"""Hand-built extraction records for export and feed tests (ids prefixed ``xp-``), written with
the real writer into the real test database."""

from __future__ import annotations

from graph.driver import Graph
from graph.models import (
    ArticleIn,
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    RelationRecord,
    SpeakerRef,
)
from graph.writer import Neo4jWriter
from ingest.articles import prepare

TEXT_1 = (
    "Kyiv, 3 May. Defence Minister Oleksii Reznikov said Russian forces shelled Kharkiv, "
    "killing 12 civilians. \"We will respond,\" said the Azov Brigade. "
    "A senior U.S. official said the strike used cluster munitions."
)
TEXT_2 = "Moscow, 4 May. Kremlin spokesman Dmitry Peskov said he hopes talks may resume soon."


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _mention(text: str, part: str) -> Mention:
    s, e = _span(text, part)
    return Mention(start=s, end=e, text=part)


def build() -> tuple[list, list[ExtractionResult]]:
    a1 = prepare(ArticleIn(id="xp-art-1", text=TEXT_1, title="Shelling in Kharkiv",
                           url="https://example.org/xp-1", source="XP Wire",
                           published="2024-05-03"))
    a2 = prepare(ArticleIn(id="xp-art-2", text=TEXT_2, title="Kremlin on talks",
                           url="https://example.org/xp-2", source="XP Daily",
                           published="2024-06-10"))
    ents1 = [
        EntityRecord(id="xp-reznikov", type=EntityType.PERSON, name="Oleksii Reznikov",
                     aliases=["Reznikov"], mentions=[_mention(TEXT_1, "Oleksii Reznikov")]),
        EntityRecord(id="xp-kharkiv", type=EntityType.PLACE, name="Kharkiv",
                     geonames_id=706483, lat=49.98, lon=36.25, country="UA",
                     mentions=[_mention(TEXT_1, "Kharkiv")]),
        EntityRecord(id="xp-russia", type=EntityType.ORGANIZATION, name="Russian forces",
                     mentions=[_mention(TEXT_1, "Russian forces")]),
        EntityRecord(id="xp-azov", type=EntityType.GROUP, name="Azov Brigade",
                     mentions=[_mention(TEXT_1, "Azov Brigade")]),
        EntityRecord(id="xp-modu", type=EntityType.ORGANIZATION, name="Ministry of Defence"),
    ]
    s1 = _span(TEXT_1, "Defence Minister Oleksii Reznikov said Russian forces shelled Kharkiv, "
                       "killing 12 civilians.")
    c1 = _span(TEXT_1, "Russian forces shelled Kharkiv, killing 12 civilians")
    s2 = _span(TEXT_1, "\"We will respond,\" said the Azov Brigade.")
    c2 = _span(TEXT_1, "We will respond")
    s3 = _span(TEXT_1, "A senior U.S. official said the strike used cluster munitions.")
    c3 = _span(TEXT_1, "the strike used cluster munitions")
    claims1 = [
        ClaimRecord(id="xp-claim-numeric",
                    speaker=SpeakerRef(id="xp-reznikov", name="Oleksii Reznikov", type="Person"),
                    cue="say", content=TEXT_1[c1[0]:c1[1]], content_span=c1, sentence_span=s1,
                    quote_type=QuoteType.INDIRECT, about=["xp-kharkiv", "xp-russia"],
                    target="xp-russia", date="2024-05-03"),
        ClaimRecord(id="xp-claim-direct",
                    speaker=SpeakerRef(id="xp-azov", name="Azov Brigade", type="Group"),
                    cue="say", content=TEXT_1[c2[0]:c2[1]], content_span=c2, sentence_span=s2,
                    quote_type=QuoteType.DIRECT, direct=True, date="2024-05-03"),
        ClaimRecord(id="xp-claim-anon",
                    speaker=SpeakerRef(id="xp-anon-1", name="a senior U.S. official",
                                       type="AnonymousSource", anonymous=True,
                                       description="a senior U.S. official",
                                       affiliation="U.S."),
                    cue="say", content=TEXT_1[c3[0]:c3[1]], content_span=c3, sentence_span=s3,
                    quote_type=QuoteType.INDIRECT, date="2024-05-03"),
    ]
    rel1 = [RelationRecord(type="HAS_ROLE", source="xp-reznikov", target="xp-modu",
                           title="Defence Minister", span=_span(TEXT_1, "Defence Minister"),
                           sentence_span=s1)]
    ents2 = [
        EntityRecord(id="xp-peskov", type=EntityType.PERSON, name="Dmitry Peskov",
                     mentions=[_mention(TEXT_2, "Dmitry Peskov")]),
        EntityRecord(id="xp-kremlin", type=EntityType.ORGANIZATION, name="Kremlin",
                     mentions=[_mention(TEXT_2, "Kremlin")]),
    ]
    s4 = _span(TEXT_2, "Kremlin spokesman Dmitry Peskov said he hopes talks may resume soon.")
    c4 = _span(TEXT_2, "talks may resume soon")
    claims2 = [
        ClaimRecord(id="xp-claim-vague",
                    speaker=SpeakerRef(id="xp-peskov", name="Dmitry Peskov", type="Person"),
                    cue="hope", content=TEXT_2[c4[0]:c4[1]], content_span=c4, sentence_span=s4,
                    quote_type=QuoteType.INDIRECT, date="2024-06-10"),
    ]
    results = [
        ExtractionResult(id="xp-art-1", extractor_version="xp-test-1", entities=ents1,
                         claims=claims1, relations=rel1),
        ExtractionResult(id="xp-art-2", extractor_version="xp-test-1", entities=ents2,
                         claims=claims2),
    ]
    return [a1, a2], results


def write(graph: Graph) -> None:
    articles, results = build()
    Neo4jWriter(graph)(articles, results)


XP_CLAIMS = {"xp-claim-numeric", "xp-claim-direct", "xp-claim-anon", "xp-claim-vague"}
XP_ENTITIES = {"xp-reznikov", "xp-kharkiv", "xp-russia", "xp-azov", "xp-modu", "xp-peskov",
               "xp-kremlin"}


def collect(chunks: object) -> str:
    """Join an export's chunks (text or bytes) into one string."""
    return "".join(c.decode("utf-8") if isinstance(c, bytes) else c for c in chunks)  # type: ignore[attr-defined]
