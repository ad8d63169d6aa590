"""Rebuttals without a denial cue and short denials of what was said about the denier
(sentences written for these tests; the graph read runs the same graph/disputes.py)."""

from __future__ import annotations

import pytest

from bench.quality import system_disputes
from graph.dispute_sides import entity_sides
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def links(ex: SpacyExtractor, text: str) -> list[str]:
    (res,) = ex.iter_extract([("t-rebuttals", text, "2024-05-08")])
    return [why for *_, why in system_disputes(res)]


def test_the_others_words_with_a_not_rebut_them(ex: SpacyExtractor) -> None:
    assert links(ex, "Amnesty International accused Ukrainian forces of using cluster munitions "
                     "near Balakliia. Ukraine's defence ministry said its troops had not used "
                     "cluster munitions.") == ["rebuttal"]
    assert links(ex, "The Russian defence ministry said its forces had captured the village of "
                     "Pisky. Ukraine's general staff said Russian forces had not captured "
                     "Pisky.") == ["rebuttal"]


@pytest.mark.parametrize("text", [
    # both negated: they agree
    "Volodymyr Zelensky said the talks had not resumed. Dmitry Peskov said the talks had not "
    "resumed either.",
    # the same side
    "Ukraine's general staff said the bridge at Zatoka had been hit. Ukraine's defence "
    "ministry said the bridge at Zatoka had not been hit.",
    # a 'not' about something else
    "The Russian defence ministry said its forces had captured the village of Pisky. "
    "Ukraine's general staff said the grain corridor had not been closed.",
])
def test_no_rebuttal_without_another_side_and_the_same_words(
        ex: SpacyExtractor, text: str) -> None:
    assert links(ex, text) == []


def test_a_short_denial_of_what_was_said_about_the_denier(ex: SpacyExtractor) -> None:
    # one word in common, but the claim is about the denier's side (Russian troops)
    assert links(ex, "Kyiv said Russian troops had looted the museum in Kherson. Moscow denied "
                     "any looting.") == ["denial"]
    # a claim about someone else
    assert links(ex, "Kyiv said Belarusian troops had looted the museum in Kherson. Moscow "
                     "denied any looting.") == []
    assert {"cc:RU", "group:russian-forces"} <= entity_sides(["group:russian-forces"])
    assert "cc:RU" in entity_sides(["place:geonames:2017370"])  # Russia's own place id
