"""The seed article (a page scrape) is the first acceptance case of the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.models import EntityType, ExtractionResult, QuoteType, StoredArticle, content_hash
from ingest.extract import SpacyExtractor, content_end

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "ingest" / "data" / "samples" / "ceasefire_call.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(text: str) -> ExtractionResult:
    art = StoredArticle(id="seed", text=text, content_hash=content_hash(text))
    return SpacyExtractor()([art])[0]


def _claims(result: ExtractionResult, speaker: str, needle: str) -> list:
    return [c for c in result.claims if c.speaker.name == speaker and needle in c.content]


def _entity(result: ExtractionResult, mention: str):
    hits = [e for e in result.entities if any(m.text.startswith(mention) for m in e.mentions)]
    assert hits, f"no entity mentioned as {mention!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("speaker", "needle"),
    [
        ("Donald Trump", "significant progress"),
        ("Donald Trump", "very good chance"),
        ("Vladimir Putin", "support for a ceasefire"),
        ("Vladimir Putin", "serious questions"),
        ("European allies", "Putin"),
        ("United Kingdom", "dragging his feet"),
        ("Dmitry Peskov", "call"),
        ("Donald Trump", "“land”"),
        ("Steve Witkoff", "coming weeks"),
        ("Volodymyr Zelensky", "prolong the war"),
        ("Volodymyr Zelensky", "strengthen its position"),
        ("Russia", "captured Stepove"),
        ("Russia", "relocating several hundred civilians"),
    ],
)
def test_seed_claims_have_the_right_speakers(result: ExtractionResult, speaker: str,
                                             needle: str) -> None:
    assert _claims(result, speaker, needle), [(c.speaker.name, c.content) for c in result.claims]


def test_anonymous_official_is_an_anonymous_source(result: ExtractionResult) -> None:
    hits = [c for c in result.claims if "within weeks" in c.content]
    assert len(hits) == 1
    sp = hits[0].speaker
    assert sp.anonymous and sp.type == "AnonymousSource"
    assert sp.description == "a U.S. official" and sp.affiliation == "U.S."
    assert hits[0].cue == "express"
    # never a Person entity, and never merged with anyone
    assert all(e.id != sp.id for e in result.entities)
    assert not any(e.type is EntityType.PERSON and "official" in e.name for e in result.entities)


def test_targets_and_quote_types(result: ExtractionResult) -> None:
    uk = _claims(result, "United Kingdom", "dragging his feet")[0]
    assert uk.cue == "accuse" and uk.target == "person:vladimir-putin"
    assert uk.quote_type is QuoteType.MIXED and not uk.direct
    allies = _claims(result, "European allies", "Putin")[0]
    assert allies.cue == "criticize" and allies.target == "person:vladimir-putin"
    zel = _claims(result, "Volodymyr Zelensky", "prolong the war")[0]
    assert zel.target == "person:vladimir-putin"  # 'accusing him' -> Putin, not Zelensky
    russia = _claims(result, "Russia", "captured Stepove")[0]
    assert russia.quote_type is QuoteType.INDIRECT and russia.cue == "claim"
    assert "place:ua-26:stepove" in russia.about
    group = next(e for e in result.entities if e.name == "European allies")
    assert group.type is EntityType.GROUP


def test_places_and_regions(result: ExtractionResult) -> None:
    for name in ("Kyiv", "Zaporizhzhia", "Stepove", "Sudzha", "Kursk"):
        assert _entity(result, name).type is EntityType.PLACE, name
    kyiv = _entity(result, "Kyiv")
    assert kyiv.id == "place:geonames:703448" and kyiv.country == "UA"
    assert kyiv.lat is not None and kyiv.lon is not None
    stepove = _entity(result, "Stepove")
    assert stepove.country == "UA" and stepove.admin1 == "Zaporizhzhia Oblast"
    assert stepove.lat is None  # the village is not in the package: no made-up coordinates
    sudzha = _entity(result, "Sudzha")
    assert sudzha.country == "RU" and sudzha.admin1 == "Kursk Oblast" and sudzha.geonames_id
    kursk = _entity(result, "Kursk")
    assert kursk.id == "place:admin1:RU.41"


def test_people_and_aliases(result: ExtractionResult) -> None:
    trump = _entity(result, "Trump")
    assert trump.type is EntityType.PERSON and trump.id == "person:donald-trump"
    putin = next(e for e in result.entities if e.id == "person:vladimir-putin")
    texts = {m.text for m in putin.mentions}
    assert {"Putin", "Vladimir Putin", "Russian leader", "Russian president"} <= texts
    afp = next(e for e in result.entities if e.name == "AFP")
    assert afp.type is EntityType.OUTLET


def test_roles(result: ExtractionResult) -> None:
    roles = {(r.source, r.title, r.target) for r in result.relations if r.type == "HAS_ROLE"}
    assert ("person:dmitry-peskov", "spokesperson", "org:kremlin") in roles
    assert ("person:vladimir-putin", "President", "place:geonames:2017370") in roles
    assert ("person:donald-trump", "President", "place:geonames:6252001") in roles
    assert ("person:volodymyr-zelensky", "President", "place:geonames:690791") in roles
    assert ("person:steve-witkoff", "special envoy", "person:donald-trump") in roles
    ids = {e.id for e in result.entities}
    assert all(r.source in ids and (r.target is None or r.target in ids)
               for r in result.relations)


def test_boilerplate_yields_nothing(text: str, result: ExtractionResult) -> None:
    cut = content_end(text)
    assert text[cut:].lstrip().startswith("Comments")
    assert all(m.start < cut for e in result.entities for m in e.mentions)
    assert all(c.sentence_span[1] <= cut for c in result.claims)


def test_every_offset_points_into_the_text(text: str, result: ExtractionResult) -> None:
    for e in result.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
            assert m.sentence_start is not None and m.sentence_end is not None
            assert m.sentence_start <= m.start < m.end <= m.sentence_end
    for c in result.claims:
        s, e = c.content_span
        assert text[s:e] == c.content
        ss, se = c.sentence_span
        assert ss <= s < e <= se or c.cue == "according to"
        if c.cue_span:
            assert text[c.cue_span[0]:c.cue_span[1]].lower().startswith(c.cue[:3]) or \
                c.cue == "according to"
        if c.speaker_span and not c.speaker.anonymous:
            assert text[c.speaker_span[0]:c.speaker_span[1]]
    for r in result.relations:
        assert r.sentence_span[0] <= r.span[0] < r.span[1] <= r.sentence_span[1]
    # the writer MATCHes speakers, about and targets by id: they must all be entities here
    ids = {e.id for e in result.entities}
    for c in result.claims:
        assert c.speaker.anonymous or c.speaker.id in ids
        assert set(c.about) <= ids and (c.target is None or c.target in ids)
    assert result.extractor_version.startswith("kg-extract/")


def test_claim_dates_need_a_published_date(text: str) -> None:
    art = StoredArticle(id="seed-dated", text=text, content_hash=content_hash(text),
                        published="2025-03-18")
    res = SpacyExtractor()([art])[0]
    warned = _claims(res, "Volodymyr Zelensky", "strengthen its position")[0]
    assert warned.date == "2025-03-15"  # 'On Saturday' before Tuesday 18 March 2025
    captured = _claims(res, "Russia", "captured Stepove")[0]
    assert captured.date == "2025-03-17"  # 'On Monday'
    # 'Last week, Putin indicated … but raised concerns …, stating …': one time, three verbs.
    putin = [c for c in res.claims if c.speaker.name == "Vladimir Putin"]
    assert len(putin) >= 2 and {c.date for c in putin} == {"2025-03-10"}
    # '… hold a phone conversation on Tuesday, with a U.S. official expressing optimism':
    # Tuesday dates the call, not the official's statement.
    official = next(c for c in res.claims if c.speaker.anonymous)
    assert official.date is None
