"""A clause bound for what its 'to'-verb says ('is going to', 'was likely to', 'is set to')
predicts; the same words with no 'to'-verb do not (sentences written for these tests)."""

from __future__ import annotations

import pytest

from graph.models import Stance
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def stance_of(ex: SpacyExtractor, text: str) -> Stance:
    (res,) = ex.iter_extract([("t-forecast", text, "2024-03-02")])
    assert len(res.claims) == 1, [c.content for c in res.claims]
    return res.claims[0].stance


@pytest.mark.parametrize("text", [
    "Ihor Klymenko said the number of evacuees was likely to double.",
    "Denys Shmyhal said the winter is going to be very hard for the grid.",
    "Oleksandr Kubrakov said the Danube port is set to reopen in May.",
])
def test_bound_for_a_to_verb_predicts(ex: SpacyExtractor, text: str) -> None:
    assert stance_of(ex, text) is Stance.PREDICTS


@pytest.mark.parametrize("text", [
    "Ihor Klymenko said a second attack was likely.",  # no 'to'-verb: an assessment
    "Denys Shmyhal said the engineers were going from village to village.",  # motion
])
def test_no_to_verb_no_forecast(ex: SpacyExtractor, text: str) -> None:
    assert stance_of(ex, text) is Stance.ASSERTS
