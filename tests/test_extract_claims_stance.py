"""Stance of claims with a neutral cue ('said', 'told'): a content that speaks of the future
predicts; a past-tense report, a 'would' and a modal of possibility keep asserting (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from graph.models import ClaimRecord, Stance
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def one(ex: SpacyExtractor, text: str) -> ClaimRecord:
    (res,) = ex.iter_extract([("t-stance", text, "2024-03-02")])
    assert len(res.claims) == 1, [c.content for c in res.claims]
    return res.claims[0]


@pytest.mark.parametrize("text", [
    "Mayor Ihor Terekhov said the tram depot will reopen before the spring.",
    "“Our engineers will restore the power lines within a week,” Denys Shmyhal said.",
    "Jens Stoltenberg told reporters that the alliance won't abandon its eastern members.",
    "“We'll hold the river crossing,” said Oleksandr Syrskyi.",
])
def test_future_content_predicts(ex: SpacyExtractor, text: str) -> None:
    assert one(ex, text).stance is Stance.PREDICTS


@pytest.mark.parametrize("text", [
    "Mayor Ihor Terekhov said the tram depot had reopened on Friday.",
    "Denys Shmyhal said the engineers would need more transformers.",
    "“The strike could have been worse,” Oleksandr Syrskyi said.",
    # the future verb sits in a clause below the content's own verb
    "Jens Stoltenberg said the allies agreed on a plan that will take years.",
])
def test_past_conditional_and_embedded_future_assert(ex: SpacyExtractor, text: str) -> None:
    assert one(ex, text).stance is Stance.ASSERTS


def test_a_cue_of_its_own_still_decides(ex: SpacyExtractor) -> None:
    # a denial about the future is still a denial, an accusation still an accusation
    c = one(ex, "Dmitry Peskov denied that Moscow will send more troops to the border.")
    assert c.stance is Stance.DENIES
    c = one(ex, "Kaja Kallas accused Moscow of planning attacks that will hit the grid.")
    assert c.stance is Stance.ACCUSES


def test_future_inside_a_noun_content(ex: SpacyExtractor) -> None:
    # 'expressed confidence that …': the clause under the noun decides
    c = one(ex, "Antony Blinken expressed confidence that the talks will resume in June.")
    assert c.stance is Stance.PREDICTS
