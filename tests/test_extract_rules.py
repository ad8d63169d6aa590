"""Unit-level behaviour of the extraction rules on small, hand-written texts."""

from __future__ import annotations

from datetime import date

import pytest

from graph.models import EntityType, ExtractionResult
from ingest.extract import SpacyExtractor, content_end
from ingest.extract.dates import parse_published, resolve_date
from ingest.extract.gazetteer import load_gazetteer, ruler_patterns
from ingest.extract.places import get_place_index


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def run(ex: SpacyExtractor, text: str, published: str | None = None) -> ExtractionResult:
    res = next(iter(ex.iter_extract([("t", text, published)])))
    for e in res.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for c in res.claims:
        assert text[c.content_span[0]:c.content_span[1]] == c.content
    return res


def test_relative_dates() -> None:
    tue = date(2025, 3, 18)
    assert resolve_date("Saturday", tue) == "2025-03-15"
    assert resolve_date("last Thursday", tue) == "2025-03-13"
    assert resolve_date("Tuesday", tue) == "2025-03-18"
    assert resolve_date("yesterday", tue) == "2025-03-17"
    assert resolve_date("last week", tue) == "2025-03-10"
    assert resolve_date("March 3", tue) == "2025-03-03"
    assert resolve_date("December 30", tue) == "2024-12-30"
    assert resolve_date("on Saturday", None) is None
    assert parse_published("2022-06-21T09:00:00Z") == date(2022, 6, 21)
    assert parse_published("not a date") is None


def test_place_index_disambiguates_with_context() -> None:
    idx = get_place_index()
    assert idx.resolve("Kiev").id == "place:geonames:703448"
    assert idx.resolve("Kharkov").id == "place:geonames:706483"
    # KATOTTG lists two villages called Stepove in Odesa oblast: the region, no coordinates
    odesa = idx.resolve("Stepove", admin1_key="UA.17")
    assert odesa.geonames_id is None and odesa.lat is None and odesa.admin1 == "Odesa Oblast"
    zap = idx.resolve("Stepove", admin1_key="UA.26")
    assert zap.geonames_id is None and zap.admin1 == "Zaporizhzhia Oblast" and zap.country == "UA"
    assert idx.region("Kursk", "RU").id == "place:admin1:RU.41"
    assert idx.resolve("UK").id == "place:geonames:2635167"


def test_gazetteer_is_versioned_and_feeds_the_ruler() -> None:
    gaz = load_gazetteer()
    assert "entities=" in gaz.version and "places=" in gaz.version
    pats = {p["pattern"] for p in ruler_patterns(gaz)}
    assert {"Zelenskyy", "Zelenskiy", "Kiev", "Zaporozhye", "Kharkov"} <= pats
    assert "IS" not in pats  # too ambiguous to pre-tag


def test_spelling_variants_share_ids(ex: SpacyExtractor) -> None:
    res = run(ex, "Volodymyr Zelenskiy visited Zaporozhye and Kharkov. Zelenskyy later "
                  "returned to Kiev.")
    by_id = {e.id: e for e in res.entities}
    zel = by_id["person:volodymyr-zelensky"]
    assert zel.name == "Volodymyr Zelensky" and len(zel.mentions) == 2
    assert {"place:geonames:687700", "place:geonames:706483", "place:geonames:703448"} <= set(by_id)
    assert all(by_id[i].type is EntityType.PLACE for i in by_id if i.startswith("place:"))


def test_anonymous_sources_are_unique_per_span(ex: SpacyExtractor) -> None:
    res = run(ex, "A senior Ukrainian military source said the bridge was destroyed. "
                  "Officials said on Sunday that the town was evacuated.", "2022-06-21")
    anon = [c.speaker for c in res.claims]
    assert len(anon) == 2 and all(s.anonymous and s.type == "AnonymousSource" for s in anon)
    assert anon[0].id != anon[1].id
    assert anon[0].description == "A senior Ukrainian military source"
    assert anon[0].affiliation == "Ukrainian military"  # the Group it belongs to
    assert res.claims[1].date == "2022-06-19"
    assert not [e for e in res.entities if e.type is EntityType.PERSON]


def test_quote_then_attribution_and_pronoun_speaker(ex: SpacyExtractor) -> None:
    res = run(ex, "Sergei Lavrov met reporters in Moscow. “We will not retreat,” he said. "
                  "“The West must listen.”")
    direct = [c for c in res.claims if c.direct]
    assert len(direct) == 2
    assert all(c.speaker.id == "person:sergei-lavrov" for c in direct)
    assert direct[0].content == "“We will not retreat,”"


def test_according_to_and_description(ex: SpacyExtractor) -> None:
    res = run(ex, "Russian President Vladimir Putin spoke on Monday. The Kremlin leader "
                  "was in Minsk on Tuesday, according to Reuters.")
    acc = [c for c in res.claims if c.cue == "according to"]
    assert acc and acc[0].speaker.id == "outlet:reuters"
    assert acc[0].content == "The Kremlin leader was in Minsk on Tuesday"
    assert "person:vladimir-putin" in acc[0].about  # 'the Kremlin leader' is Putin
    # when what the outlet reports is another party's speech act, that party speaks and the
    # outlet only relays it
    res = run(ex, "Russian President Vladimir Putin spoke on Monday. The Kremlin leader "
                  "rejected the plan, according to Reuters.")
    (c,) = res.claims
    assert c.speaker.id == "person:vladimir-putin" and c.cue == "reject"
    assert c.reported_by is not None and c.reported_by.id == "outlet:reuters"


def test_boilerplate_and_empty_text(ex: SpacyExtractor) -> None:
    text = "Putin spoke.\n\nComments\n\nNo comments yet. Why don’t you start the discussion?"
    assert text[content_end(text):].lstrip().startswith("Comments")
    assert content_end("Just text.") == len("Just text.")
    res = run(ex, "")
    assert res.entities == [] and res.claims == []
