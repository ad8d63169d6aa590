"""Figures of zero ('no deaths', 'nobody was hurt') and the figure disputes they make with a
count of the same event in one article (sentences written for these tests; extractor and
graph/disputes.py, no graph needed: the graph read runs the same functions)."""

from __future__ import annotations

import pytest

from bench.quality import system_disputes
from graph.disputes import ClaimView, dispute_reason
from graph.models import ExtractionResult
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def run(ex: SpacyExtractor, text: str) -> ExtractionResult:
    (res,) = ex.iter_extract([("t-figures", text, "2024-05-08")])
    return res


def test_a_denied_casualty_is_a_figure_of_zero(ex: SpacyExtractor) -> None:
    res = run(ex, "The navy said no sailors were killed in the storm. The fire service said "
                  "nobody was injured. The police said there was no evidence of sabotage. The "
                  "governor said the death toll from the fire reached 31 people.")
    q = {c.content: c.quantity for c in res.claims}
    sailors = q["no sailors were killed in the storm"]
    assert sailors is not None and (sailors.value, sailors.counted, sailors.unit) == (
        0, "killed", "sailors")
    nobody = q["nobody was injured"]
    assert nobody is not None and (nobody.value, nobody.counted, nobody.unit) == (
        0, "wounded", None)
    assert q["there was no evidence of sabotage"] is None  # counts nothing
    toll = q["the death toll from the fire reached 31 people"]
    assert toll is not None and (toll.value, toll.counted) == (31, "killed")


def test_zero_against_a_count_of_the_same_event_is_a_dispute(ex: SpacyExtractor) -> None:
    res = run(ex, "The clinic's director said a rocket hit its roof, killing nine patients. "
                  "The regional police said there were no deaths from the "
                  "rocket attack on the clinic.")
    assert [why for *_, why in system_disputes(res)] == ["figures_differ"]


def test_zero_and_a_count_of_other_events_do_not_dispute(ex: SpacyExtractor) -> None:
    # no word in common but the count itself: two different events
    res = run(ex, "The mayor said shelling killed four people in a market. The army said no "
                  "soldiers were killed during the night.")
    assert system_disputes(res) == []
    # a zero and a count by the same side are never a dispute
    res = run(ex, "The mayor said a strike on the depot killed two guards. The mayor said "
                  "there were no deaths from the strike on the school.")
    assert system_disputes(res) == []


def test_figures_without_a_place_dispute_only_when_one_is_zero() -> None:
    def fig(cid: str, who: str, content: str, n: float) -> ClaimView:
        return ClaimView(id=cid, speaker_id=who, content=content, counted="killed", low=n,
                         high=n, article_id="a1", start=0 if cid == "a" else 100,
                         end=50 if cid == "a" else 150)
    a = fig("a", "org:x", "a drone strike on the bridge killed six people", 6)
    assert dispute_reason(a, fig("b", "org:y", "the drone strike on the bridge killed "
                                               "forty people", 40)) is None
    assert dispute_reason(a, fig("b", "org:y", "nobody died in the strike on the bridge",
                                 0)) == "figures_differ"
    other = fig("b", "org:y", "nobody died in the strike on the bridge", 0)
    other.article_id = "a2"  # another article: no date or place ties them to one event
    assert dispute_reason(a, other) is None


def test_in_one_article_an_undated_figure_is_the_dated_figures_event() -> None:
    def fig(cid: str, who: str, n: float, when: str | None) -> ClaimView:
        return ClaimView(id=cid, speaker_id=who, content="civilians killed in Tarnivka",
                         counted="killed", low=n, high=n, where="place:tarnivka", when=when,
                         unit="civilians", article_id="a1")
    dated = fig("a", "org:x", 12, "2024-05-06")
    assert dispute_reason(dated, fig("b", "org:y", 30, None)) == "figures_differ"
    # two undated non-zero counts of one place may be two events: no link
    assert dispute_reason(fig("a", "org:x", 12, None), fig("b", "org:y", 30, None)) is None
    assert dispute_reason(dated, fig("b", "org:y", 30, "2024-05-20")) is None  # other days
