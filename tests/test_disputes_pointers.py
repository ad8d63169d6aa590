"""A short reply whose subject points back at another party's claim ('that will not happen',
'this is a baseless pretext') denies that claim (sentences written for these tests)."""

from __future__ import annotations

import pytest

from bench.quality import system_disputes
from graph.disputes import ClaimView, points_back
from graph.models import ExtractionResult, Stance
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def run(ex: SpacyExtractor, text: str) -> ExtractionResult:
    (res,) = ex.iter_extract([("t-pointers", text, "2024-05-08")])
    return res


@pytest.mark.parametrize("text", [
    "Ukraine's infrastructure ministry said the grain ships would sail on Friday. But the "
    "Turkish navy said that will not happen before the inspections.",
    "Belarus said its troops were only training near the border. Poland said this is a "
    "baseless excuse for a build-up.",
    "The governor said the dam had been mined by retreating troops. The Russian Defence "
    "Ministry said that was not true.",
])
def test_a_negated_or_dismissive_pointer_denies_the_claim_before_it(
        ex: SpacyExtractor, text: str) -> None:
    res = run(ex, text)
    assert [c.stance for c in res.claims] == [
        res.claims[0].stance, Stance.DENIES], [c.content for c in res.claims]
    assert [(i, j, why) for i, j, why in system_disputes(res)] == [(0, 1, "denial")]


def test_a_pointer_that_states_no_fact_or_a_clause_is_no_denial(ex: SpacyExtractor) -> None:
    # a threat about what was reported, not a denial of it
    res = run(ex, "The governor said the dam had been mined. The Russian Defence Ministry "
                  "said this would not be tolerated.")
    assert res.claims[-1].stance is not Stance.DENIES
    assert system_disputes(res) == []


def test_pointer_rules_in_the_dispute_check() -> None:
    def denial(content: str) -> ClaimView:
        return ClaimView(id="d", speaker_id="org:b", stance="denies", content=content)
    assert points_back(denial("that will not happen in practice"))
    assert points_back(denial("the allegations were baseless"))
    # a 'that' before a clause names its own proposition: checked by content overlap instead
    assert not points_back(denial("that the northern units blew up the dam"))
    # 'it' is often the denier itself ('denied it is targeting civilians')
    assert not points_back(denial("it is targeting civilians in the region"))
    # a long content says something of its own
    assert not points_back(denial("this is a claim made up by the ministry in order to hide "
                                  "its losses in the battles around the northern villages"))


@pytest.mark.parametrize("text", [
    "Ukrainian officials said Russian forces shelled the Enerhodar power station on Sunday. "
    "Russia denied shelling the station.",
    "Kyiv said Russia targeted civilians in Kherson. Moscow denied targeting civilians.",
])
def test_a_denial_in_another_form_of_the_same_verb(ex: SpacyExtractor, text: str) -> None:
    # 'shelled' and 'shelling' are one proposition word
    assert [why for *_, why in system_disputes(run(ex, text))] == ["denial"]
