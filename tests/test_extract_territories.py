"""Regions named on their own resolve through rigour's territories: a country and a stable
code, never a small namesake village; the war zones' admin1 regions keep their codes."""

from __future__ import annotations

import pytest

from ingest.extract import SpacyExtractor
from ingest.extract.places import get_place_index
from tests.extract_helpers import extract_checked


@pytest.mark.parametrize(("name", "country"), [
    ("Bavaria", "DE"), ("Texas", "US"), ("Scotland", "GB"), ("Chechnya", "RU"),
    ("Kurdistan", "IQ")])
def test_a_region_named_alone_is_that_region(name: str, country: str) -> None:
    info = get_place_index().resolve(name)
    assert (info.kind, info.country, info.name) == ("admin1", country, name)
    assert info.id.startswith("place:territory:")


def test_cities_and_war_zone_regions_are_unchanged() -> None:
    idx = get_place_index()
    assert idx.resolve("Berlin").kind == "city"  # a city-state is still its city
    assert idx.resolve("Moscow").kind == "city"
    kyiv_oblast = idx.resolve("Kyiv Oblast")
    assert kyiv_oblast.id.startswith("place:admin1:UA.")  # the code its cities carry
    assert idx.region("Kyiv").id == kyiv_oblast.id
    # '<X> region' beyond the war zones: the federal subject
    chel = idx.region("Chelyabinsk")
    assert chel is not None and (chel.name, chel.country) == ("Chelyabinsk Oblast", "RU")


def test_a_region_in_an_article_is_a_place_with_its_country() -> None:
    ex = SpacyExtractor()
    res = extract_checked(ex, "Leaders of the G7 gathered in Bavaria on Sunday, while "
                              "protests spread across Dagestan.")
    places = {e.name: e for e in res.entities if e.type.value == "Place"}
    assert places["Bavaria"].country == "DE" and places["Dagestan"].country == "RU"
