"""Rebuttals without a denial cue and short denials of what was said about the denier
(sentences written for these tests; the graph read runs the same graph/disputes.py)."""

from __future__ import annotations

import pytest

from bench.quality import system_disputes
from graph.dispute_sides import entity_sides
from graph.disputes import ClaimView, article_disputes, dispute_reason
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


def _v(cid: str, speaker: str, content: str, start: int, stance: str = "asserts",
       **kw: object) -> ClaimView:
    return ClaimView(id=cid, speaker_id=speaker, content=content, stance=stance,
                     article_id="art", start=start, end=start + len(content),
                     sentence_start=start, sentence_end=start + len(content), **kw)


def test_a_lead_denial_naming_the_claimant_answers_its_later_claim() -> None:
    lead = _v("d", "place:ua", "Russian claims that its drones hit an arms depot in Brovary",
              0, "denies", sides={"cc:UA", "ukraine"}, entities={"place:brovary"})
    # no proposition word in common: only the place and the claimant tie them
    later = _v("r", "org:inst:ru:defence-ministry", "a stockpile of Western weapons was wiped "
               "out in Brovary", 900, sides={"cc:RU"}, entities={"place:brovary"})
    unrelated = _v("o", "org:inst:ru:defence-ministry", "the grain deal had expired", 400,
                   sides={"cc:RU"})
    links = article_disputes([lead, unrelated, later])
    assert [(i, j) for i, j, _ in links] == [(0, 2)]


def test_the_accused_denying_the_allegations_further_down() -> None:
    accusation = _v("a", "org:hrw", "Belarusian border guards of beating migrants", 0,
                    "accuses", target="org:inst:by:border-guard",
                    target_sides={"cc:BY", "org:inst:by:border-guard"})
    between = _v("b", "org:unhcr", "some 400 people were stranded at the crossing", 300)
    denial = _v("d", "org:inst:by:border-guard", "the allegations", 1500, "denies",
                sides={"cc:BY"})
    assert [(i, j, why) for i, j, why in article_disputes([accusation, between, denial])] \
        == [(0, 2, "denial_of_accusation")]
    # a bystander's 'denied the allegations' far down answers nothing it can be tied to
    bystander = _v("d", "org:unhcr-2", "the allegations", 1500, "denies", sides={"cc:CH"})
    assert article_disputes([accusation, between, bystander]) == []


def test_one_word_of_the_accusation_is_enough_for_the_accused() -> None:
    accusation = _v("a", "org:hrw", "Belarusian border guards of beating migrants", 0,
                    "accuses", target="org:inst:by:border-guard",
                    target_sides={"cc:BY", "org:inst:by:border-guard"})
    denial = _v("d", "org:inst:by:border-guard", "any beating", 5000, "denies",
                sides={"cc:BY"})
    assert dispute_reason(accusation, denial) == "denial_of_accusation"
    other = _v("d", "org:inst:pl:border-guard", "any beating", 5000, "denies",
               sides={"cc:PL"})
    assert dispute_reason(accusation, other) is None  # not the accused: two words needed


def test_a_short_denial_just_after_a_long_quote() -> None:
    quote = _v("q", "person:governor", "“Their artillery shelled the water station at dawn, "
               "and for three days now the whole district has had no drinking water, no "
               "heating and no way to reach the hospital across the river, where the last "
               "doctors in the city still work without electricity or medicines,”", 0,
               sides={"cc:UA"})
    denial = _v("d", "org:inst:ru:defence-ministry", "shelling the water station",
                quote.end + 20, "denies", sides={"cc:RU"})  # type: ignore[operator]
    assert dispute_reason(quote, denial) == "denial"
    far = _v("d", "org:inst:ru:defence-ministry", "shelling the water station", 4000,
             "denies", sides={"cc:RU"})
    assert dispute_reason(quote, far) is None  # not just after it, no shared entity


def test_a_denial_in_the_next_sentence_about_what_was_said_of_the_denier() -> None:
    claim = _v("c", "place:kyiv", "Russian troops looted the museum", 0, sides={"cc:UA"},
               entities={"group:russian-forces"})
    # one word in common of four: enough only right after the claim
    denial = _v("d", "place:moscow", "looting artworks from the regional collection",
                claim.end + 10, "denies", sides={"cc:RU"})  # type: ignore[operator]
    assert dispute_reason(claim, denial) == "denial"
    later = _v("d", "place:moscow", "looting artworks from the regional collection",
               claim.end + 400, "denies", sides={"cc:RU"})  # type: ignore[operator]
    assert dispute_reason(claim, later) is None


def test_the_accused_named_by_nationality_denies_an_accusation(ex: SpacyExtractor) -> None:
    # 'Ukrainian forces' (a group) are on the side of Ukraine's defence ministry
    assert links(ex, "Amnesty International accused Ukrainian forces of using cluster "
                     "munitions near Balakliia. Ukraine's foreign ministry rejected the "
                     "accusation.") == ["denial_of_accusation"]


DEPOT = "The Russian defence ministry said its missiles had destroyed a fuel depot near Dnipro. "


def test_the_other_sides_words_set_aside_rebut_them(ex: SpacyExtractor) -> None:
    assert links(ex, DEPOT + "Ukraine's air force said the strike had hit a school, not a "
                             "depot.") == ["rebuttal"]
    assert links(ex, "Russian state media said the convoy near Kherson carried weapons for the "
                     "army. Ukrainian officials said the trucks carried food rather than "
                     "weapons.") == ["rebuttal"]


@pytest.mark.parametrize("text", [
    # what is set aside is not what the other side said
    DEPOT + "Ukraine's air force said the missiles had hit a school, not a hospital.",
    # it agrees: the depot was hit, the school was not
    DEPOT + "Ukraine's air force said the depot, not the school, had been hit.",
    # the same side
    DEPOT + "The Russian foreign ministry said the strike had hit a depot, not a school.",
    # another event, sentences later
    DEPOT + "The grain corridor through the Black Sea carried more than two million tonnes of "
    "wheat and maize in May, and shipping insurers lowered their premiums for the third month "
    "in a row after the navy cleared the approaches to the ports of the region. Ukraine's air "
    "force said a strike in Odesa had hit a school, not a depot.",
])
def test_no_rebuttal_when_nothing_of_the_other_claim_is_set_aside(
        ex: SpacyExtractor, text: str) -> None:
    assert links(ex, text) == []
