"""A 'said' whose content lays wrongdoing at someone's door in its own main clause accuses;
blame words in an embedded clause, a hedged clause or a bare noun phrase do not (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from graph.models import ClaimRecord, Stance
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def one(ex: SpacyExtractor, text: str) -> ClaimRecord:
    (res,) = ex.iter_extract([("t-blame", text, "2024-03-02")])
    assert len(res.claims) == 1, [c.content for c in res.claims]
    return res.claims[0]


@pytest.mark.parametrize("text", [
    "Maia Sandu said the gas shortage was entirely the fault of Gazprom.",
    "The Moldovan foreign ministry said Russian aircraft had violated its airspace twice.",
    "Kaja Kallas said the shelling of the dam was a war crime.",
    "Olena Kondratiuk said the occupiers were deliberately destroying the harvest.",
])
def test_blame_in_the_main_clause_accuses(ex: SpacyExtractor, text: str) -> None:
    assert one(ex, text).stance is Stance.ACCUSES


@pytest.mark.parametrize("text", [
    # a purpose clause: the visit is the news
    "Merrick Garland said he had travelled to Lviv to discuss war crimes with prosecutors.",
    # hedged: a condition, not a charge
    "Annalena Baerbock said any attack on the plant would be a war crime.",
    # a noun phrase: an announcement
    "The Dutch government announced a new war crimes investigation unit.",
    # a relative clause: what someone else calls them
    "The Red Cross said it visited prisoners whom Moscow calls terrorists.",
])
def test_blame_words_outside_a_charge_keep_the_stance(ex: SpacyExtractor, text: str) -> None:
    assert one(ex, text).stance is not Stance.ACCUSES
