"""One site, one entity; an organisation word is no village; a weapon before a hyphenated
modifier is Equipment; an abbreviation of common words is no organization (after 1.9).
Sentences written for these tests (not copied from any corpus article); no database needed."""

from __future__ import annotations

import pytest

from graph.models import EntityType, ExtractionResult
from ingest.extract import SpacyExtractor
from tests.extract_helpers import extract_checked


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def _by_type(res: ExtractionResult, etype: EntityType) -> list:
    return [e for e in res.entities if e.type is etype]


def test_one_facility_written_three_ways_is_one_entity_named_in_full(
        ex: SpacyExtractor) -> None:
    text = ("The Brenvik coke plant stopped production on Monday. Ivan Petrenko, who runs "
            "the Brenvik plant, said Brenvik would reopen in spring.")
    res = extract_checked(ex, text)
    sites = _by_type(res, EntityType.FACILITY)
    assert len(sites) == 1
    assert sites[0].name == "Brenvik coke plant"
    assert {"Brenvik plant", "Brenvik"} <= set(sites[0].aliases)
    assert len(sites[0].mentions) == 3
    assert not _by_type(res, EntityType.ORGANIZATION)
    assert not _by_type(res, EntityType.PLACE)


def test_a_steel_plant_and_its_complex_are_one_facility(ex: SpacyExtractor) -> None:
    text = ("Workers at the Vorstalk steel plant said the shelling had not stopped. Later a "
            "manager said the Vorstalk complex had lost power.")
    res = extract_checked(ex, text)
    sites = _by_type(res, EntityType.FACILITY)
    assert [s.name for s in sites] == ["Vorstalk steel plant"]
    assert "Vorstalk complex" in sites[0].aliases


def test_two_sites_named_after_a_city_stay_two(ex: SpacyExtractor) -> None:
    text = ("A drone hit the Lutsk oil refinery at night, and the Lutsk airport was closed "
            "for a week after the Lutsk bus station was damaged.")
    res = extract_checked(ex, text)
    names = {e.name for e in res.entities if e.type is EntityType.FACILITY}
    assert names == {"Lutsk oil refinery", "Lutsk airport", "Lutsk bus station"}


def test_a_river_named_bare_joins_the_river(ex: SpacyExtractor) -> None:
    text = ("Boats crossed the Siverka River at dawn. Soldiers said the Siverka was too "
            "shallow for heavy vehicles.")
    res = extract_checked(ex, text)
    rivers = [e for e in res.entities if "Siverka" in e.name]
    assert len(rivers) == 1 and rivers[0].type is EntityType.PLACE
    assert len(rivers[0].mentions) == 2


def test_an_assembly_after_from_is_no_village_of_that_name(ex: SpacyExtractor) -> None:
    text = ("Senators in Washington approved the aid package despite resistance from "
            "Congress. The White House said Congress would vote again next week.")
    res = extract_checked(ex, text)
    congress = [e for e in res.entities if e.name == "Congress"]
    assert len(congress) == 1
    assert congress[0].type is EntityType.ORGANIZATION and congress[0].geonames_id is None
    assert len(congress[0].mentions) == 2


def test_a_town_after_from_is_still_a_place(ex: SpacyExtractor) -> None:
    text = "Families fled from Bakhmut and from Avdiivka as the shelling grew heavier."
    res = extract_checked(ex, text)
    places = {e.name for e in _by_type(res, EntityType.PLACE)}
    assert {"Bakhmut", "Avdiivka"} <= places


def test_a_weapon_before_a_hyphenated_modifier_is_equipment(ex: SpacyExtractor) -> None:
    text = ("In the first weeks the decisive weapon was the British made KLAW anti-tank "
            "bazooka, which helped repel the attack.")
    res = extract_checked(ex, text)
    assert [(e.type, e.name) for e in res.entities if e.name == "KLAW"] == [
        (EntityType.EQUIPMENT, "KLAW")]


def test_an_abbreviation_defined_for_lower_case_words_is_never_an_organization(
        ex: SpacyExtractor) -> None:
    text = ("The country now buys liquefied natural gas (LNG) from Qatar. It was Japan's "
            "biggest supplier of crude oil and LNG last year.")
    res = extract_checked(ex, text)
    assert not [e for e in res.entities if e.name == "LNG"]
    assert {"Qatar", "Japan"} <= {e.name for e in _by_type(res, EntityType.PLACE)}


def test_a_site_named_by_its_kind_first_is_a_facility(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "Satellite images showed a long trench near the Church of St "
                              "Elias in the village, the company said.")
    assert [e.name for e in _by_type(res, EntityType.FACILITY)] == ["Church of St Elias"]


def test_a_body_named_by_its_seat_first_stays_an_organization(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "Students of the University of Kharkiv returned to class, and "
                              "the Academy of Sciences reopened.")
    orgs = {e.name for e in _by_type(res, EntityType.ORGANIZATION)}
    assert orgs == {"University of Kharkiv", "Academy of Sciences"}  # not 'University of'
    assert not _by_type(res, EntityType.FACILITY)


def test_two_universities_cut_at_of_keep_their_full_names(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "Four missiles hit the National University of Mykolaiv and five "
                              "hit the National University of Shipbuilding, the governor said.")
    assert {e.name for e in _by_type(res, EntityType.ORGANIZATION)} == {
        "National University of Mykolaiv", "National University of Shipbuilding"}


def test_two_articles_writing_a_site_differently_give_it_one_id(ex: SpacyExtractor) -> None:
    a = "Workers at the Vorstalk steel plant said the shelling had not stopped."
    b = "The Brenvik coke plant stopped production, and the Brenvik plant may close."
    c = "Shells hit the Brenvik plant again on Friday, officials said."
    res = list(ex.iter_extract([("t-a", a, "2024-03-05", None), ("t-b", b, "2024-03-05", None),
                                ("t-c", c, "2024-03-06", None)]))
    ids = [{e.id for e in r.entities if e.type is EntityType.FACILITY} for r in res]
    assert ids[1] == ids[2] and len(ids[1]) == 1
    assert ids[0] != ids[1] and len(ids[0]) == 1
