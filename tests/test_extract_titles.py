"""The first word of a role title is no organization ('Defence Secretary <Name>'), while an
organization before a title that is not one stays ('NATO Secretary General <Name>')."""

from __future__ import annotations

import pytest

from ingest.extract import SpacyExtractor
from tests.extract_helpers import extract_checked


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


@pytest.mark.parametrize("text", [
    "Defence Secretary Lloyd Austin said the aid would continue.",
    "The Defence Secretary said on Monday that more troops would be sent to Estonia.",
    "Foreign Secretary Ann Carter met her counterpart in Warsaw on Friday.",
])
def test_a_role_titles_first_word_is_no_organization(ex: SpacyExtractor, text: str) -> None:
    res = extract_checked(ex, text)
    orgs = [e.name for e in res.entities if e.type.value == "Organization"]
    assert not any(o.split()[0] in ("Defence", "Foreign") for o in orgs), orgs


def test_an_organization_before_a_title_it_is_not_part_of_stays(ex: SpacyExtractor) -> None:
    res = extract_checked(ex, "NATO Secretary General Jens Stoltenberg said the alliance "
                              "would respond.")
    assert {(e.name, e.type.value) for e in res.entities} >= {
        ("NATO", "Organization"), ("Jens Stoltenberg", "Person")}


@pytest.mark.parametrize("text", [
    "Putin said the G7 was irrelevant. Leaders at the G7 summit in Germany pledged more aid.",
    "Ministers of the G20 met in Bali, where the B9 group of eastern Nato states also spoke.",
])
def test_a_name_with_digits_no_place_knows_is_no_place(ex: SpacyExtractor, text: str) -> None:
    res = extract_checked(ex, text)
    places = [e.name for e in res.entities if e.type.value == "Place"]
    assert not any(any(c.isdigit() for c in p) for p in places), places
