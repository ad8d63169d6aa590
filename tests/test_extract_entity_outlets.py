"""News outlets the gazetteer does not list are Outlets, not Organizations (the gold types
every news medium ``Outlet``): a name ending in a medium's word, or a media noun beside the
name. Sentences written for these tests (not copied from any corpus article); no database
needed."""

from __future__ import annotations

import pytest

from graph.models import EntityType, ExtractionResult
from ingest.extract import SpacyExtractor
from tests.extract_helpers import extract_checked


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def _types(res: ExtractionResult, name: str) -> list[EntityType]:
    return [e.type for e in res.entities if e.name == name]


def test_a_name_ending_in_a_medium_word_is_an_outlet(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "Shelling resumed near the river on Monday, the Baltic Herald "
                              "reported, citing two residents of the town.")
    assert _types(res, "Baltic Herald") == [EntityType.OUTLET]
    res = extract_checked(ex, "The governor told Danube TV that the bridge had been hit.")
    assert _types(res, "Danube TV") == [EntityType.OUTLET]


def test_a_media_noun_beside_the_name_makes_an_outlet(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "The business newspaper Vedomir wrote that fuel exports had "
                              "fallen by a third since spring.")
    assert _types(res, "Vedomir") == [EntityType.OUTLET]
    res = extract_checked(ex, "The figures were collected by Sarmatia Watch, an independent "
                              "news outlet, from local obituaries.")
    assert [e.type for e in res.entities if "Sarmatia" in e.name] == [EntityType.OUTLET]


def test_institutions_and_platforms_stay_organizations(ex: SpacyExtractor) -> None:
    # a state institution that reports is no medium; a name before 'channel' is a platform
    res = extract_checked(ex, "The Federal Statistics Service reported that prices rose, and "
                              "the figures were posted on a Telegram channel.")
    assert EntityType.OUTLET not in {e.type for e in res.entities}
    res = extract_checked(ex, "Exports fell, the National Bank said on Tuesday.")
    assert EntityType.OUTLET not in {e.type for e in res.entities}


def test_a_facility_that_speaks_is_an_organization(ex: SpacyExtractor) -> None:
    # 'Centre' makes a Facility by its last noun; making a statement makes it the institution
    res = extract_checked(ex, "The National Flood Warning Centre said on Friday that the river "
                              "would crest overnight.")
    assert [e.type for e in res.entities if "Flood" in e.name] == [EntityType.ORGANIZATION]
    # the same name that is only flooded stays a Facility
    res = extract_checked(ex, "Water rose for a week, and the National Flood Warning Centre was "
                              "flooded.")
    assert [e.type for e in res.entities if "Flood" in e.name] == [EntityType.FACILITY]


def test_a_university_is_an_organization(ex: SpacyExtractor) -> None:
    # 'University' is a facility noun, but people work and study at the institution
    res = extract_checked(ex, "Maria Lopez, a researcher at Western Plains University, said "
                              "the data were incomplete.")
    assert (EntityType.ORGANIZATION, "Western Plains University") in {
        (e.type, e.name) for e in res.entities}


def test_an_organization_one_tells_things_is_an_outlet(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "An aide to the mayor told Orient Channel on Friday that the "
                              "talks were over.")
    assert _types(res, "Orient Channel") == [EntityType.OUTLET]
    # an institution or an assembly one reports to is no medium
    res = extract_checked(ex, "The envoy told the Security Council that aid was blocked.")
    assert _types(res, "Security Council") == [EntityType.ORGANIZATION]


def test_a_journalists_employer_is_an_outlet(ex: SpacyExtractor) -> None:
    # the model tags 'Novaya Gazeta' PERSON here; 'editor of' names the medium
    res = extract_checked(ex, "The editor of Novaya Gazeta, Dmitry Muratov, won the prize.")
    assert _types(res, "Novaya Gazeta") == [EntityType.OUTLET]
    assert _types(res, "Dmitry Muratov") == [EntityType.PERSON]


def test_a_centre_where_someone_holds_a_post_is_an_organization(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "Jane Doe, a fellow at the Stimson Center, said sanctions bite.")
    assert _types(res, "Stimson Center") == [EntityType.ORGANIZATION]
    # workers at a plant hold no post there: the plant stays a Facility
    res = extract_checked(ex, "Workers at the Azovstal steel plant were evacuated.")
    assert _types(res, "Azovstal steel plant") == [EntityType.FACILITY]


def test_a_medium_word_of_a_place_is_an_outlet(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "Aid groups said the shipment had reached the port, the Times "
                              "of Malta reported on Sunday.")
    assert _types(res, "Times of Malta") == [EntityType.OUTLET]


def test_every_name_listed_after_a_plural_media_noun_is_an_outlet(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "The oligarch was also the former owner of UK newspapers the "
                              "Evening Standard and the Independent.")
    assert _types(res, "Evening Standard") == [EntityType.OUTLET]
    assert _types(res, "Independent") == [EntityType.OUTLET]
    res = extract_checked(ex, "The businessman once owned two London newspapers, the Morning "
                              "Ledger and the Examiner, before he sold them.")
    assert _types(res, "Examiner") == [EntityType.OUTLET]


def test_a_name_after_a_singular_media_noun_and_the_is_no_outlet(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "A spokesman told the newspaper the Pentagon had approved the "
                              "sale of the drones.")
    assert _types(res, "Pentagon") == [EntityType.ORGANIZATION]
