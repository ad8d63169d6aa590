"""Stance, stand-alone statement, figures and dates of claims (sentences written for these
tests); the claims JSONL stays backward compatible."""

from __future__ import annotations

import pytest

from graph.models import ClaimRecord, ExtractionResult, Stance
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def one(ex: SpacyExtractor, text: str, published: str | None = "2024-05-08") -> ClaimRecord:
    (res,) = ex.iter_extract([("t-forms", text, published)])
    assert len(res.claims) == 1, [c.content for c in res.claims]
    c = res.claims[0]
    assert text[c.content_span[0]:c.content_span[1]] == c.content
    return c


def test_a_denial_is_not_an_assertion_of_what_is_denied(ex: SpacyExtractor) -> None:
    c = one(ex, "Kremlin spokesman Dmitry Peskov denied that Russian units were "
                "stationed in Transnistria.")
    assert c.stance is Stance.DENIES
    assert c.statement == "Russian units were stationed in Transnistria."
    c = one(ex, "Moldova rejected claims that its army had mobilised reservists.")
    assert c.stance is Stance.DENIES
    c = one(ex, "The Ukrainian defence ministry said the video was fake.")
    assert c.stance is Stance.DENIES


def test_accusation_statement_names_its_target(ex: SpacyExtractor) -> None:
    c = one(ex, "Emmanuel Macron accused Russia of deliberately starving the port cities.")
    assert c.stance is Stance.ACCUSES
    assert c.statement == "Russia is deliberately starving the port cities."
    c = one(ex, "Kaja Kallas accused Moscow of war crimes in Bucha.")
    assert c.statement == "Moscow is responsible for war crimes in Bucha."


def test_questions_and_predictions(ex: SpacyExtractor) -> None:
    c = one(ex, "Viktor Orban questioned whether the sanctions had achieved anything.")
    assert c.stance is Stance.QUESTIONS
    c = one(ex, "Mark Rutte predicted that the front line would hold through the winter.")
    assert c.stance is Stance.PREDICTS
    c = one(ex, "Olaf Scholz said that Germany had delivered the tanks.")
    assert c.stance is Stance.ASSERTS


def test_statement_keeps_the_subject(ex: SpacyExtractor) -> None:
    c = one(ex, "Poland's prime minister Donald Tusk said we will never send troops.")
    assert c.statement is not None and c.statement.startswith("Donald Tusk will never send")
    c = one(ex, "“The bridge is open again,” Volodymyr Zelensky said.")
    assert c.statement == "The bridge is open again."


def test_quantities(ex: SpacyExtractor) -> None:
    c = one(ex, "Ukraine's general staff said that at least 45 soldiers were killed near "
                "Avdiivka.")
    q = c.quantity
    assert q is not None and q.counted == "killed" and q.low == 45 and q.unit == "soldiers"
    c = one(ex, "The UN refugee agency said between 2,000 and 3,000 people fled Kherson.")
    q = c.quantity
    assert q is not None and (q.low, q.high) == (2000, 3000) and q.counted == "displaced"
    c = one(ex, "The air force said it shot down 31 drones overnight.")
    assert c.quantity is not None and c.quantity.value == 31
    assert c.quantity.counted == "shot_down"
    c = one(ex, "Olaf Scholz said that Germany had delivered the tanks in 2023.")
    assert c.quantity is None  # a year is not a figure


def test_relative_dates_against_the_publication_date(ex: SpacyExtractor) -> None:
    c = one(ex, "On Monday, Dmytro Kuleba said the grain corridor was open.", "2024-05-08")
    assert c.date == "2024-05-06"
    c = one(ex, "Dmytro Kuleba said yesterday the grain corridor was open.", "2024-05-08")
    assert c.date == "2024-05-07"
    c = one(ex, "Dmytro Kuleba said yesterday the grain corridor was open.", None)
    assert c.date is None


def test_claims_jsonl_stays_backward_compatible() -> None:
    old = {"id": "c1", "speaker": {"id": "p", "name": "P", "type": "Person"}, "cue": "say",
           "content": "x y", "content_span": [0, 3], "sentence_span": [0, 3],
           "quote_type": "indirect"}
    c = ClaimRecord.model_validate(old)  # a 1.4 line still loads
    assert c.stance is Stance.ASSERTS and c.statement is None and c.quantity is None
    dumped = c.model_dump(mode="json")
    assert set(old) <= set(dumped)  # fields are added, none renamed
    assert {"stance", "statement", "reported_by", "quantity"} <= set(dumped)


def test_result_has_the_new_fields(ex: SpacyExtractor) -> None:
    (res,) = ex.iter_extract([("t", "Olaf Scholz said Germany would send tanks.", None)])
    assert isinstance(res, ExtractionResult)
    dumped = res.model_dump(mode="json")["claims"][0]
    assert dumped["stance"] == "asserts" and dumped["statement"].startswith("Germany would")


def test_a_quote_running_over_sentences_is_one_claim(ex: SpacyExtractor) -> None:
    c = one(ex, "“The corridor is open. Ships are moving again,” Oleksandr Kubrakov said.")
    assert c.content == "“The corridor is open. Ships are moving again,”"
    c = one(ex, "Kaja Kallas said: “Estonia will keep sending aid. We will not stop.”")
    assert c.content == "“Estonia will keep sending aid. We will not stop.”"


def test_content_ends_before_another_attribution(ex: SpacyExtractor) -> None:
    text = ("Kaja Kallas urged the EU to speed up accession talks as she said Ukraine "
            "had met every condition.")
    (res,) = ex.iter_extract([("t", text, None)])
    assert sorted(c.content for c in res.claims) == [
        "Ukraine had met every condition", "the EU to speed up accession talks"]
    # a complement that is not a clause reads as the speaker doing it
    assert {c.statement for c in res.claims} == {
        "Ukraine had met every condition.",
        "Kaja Kallas urged the EU to speed up accession talks."}


def test_a_repeated_statement_is_one_claim_with_appearances(ex: SpacyExtractor) -> None:
    lead = "Gabrielius Landsbergis said that the border crossings would close at midnight."
    text = f"{lead}\n\nBorder queue grows\n\n{lead}\n\nHe spoke in Vilnius."
    (res,) = ex.iter_extract([("t", text, None)])
    (c,) = res.claims
    second = text.index(lead, 1) + lead.index("that")
    assert c.appearances == [(second, second + len(c.content))]
    assert text[c.appearances[0][0]:c.appearances[0][1]] == c.content


def test_statement_keeps_partial_quotes_and_agrees_with_the_speaker(ex: SpacyExtractor) -> None:
    c = one(ex, "Speaking on Sunday, Olaf Scholz said there was a need for “patience”.")
    assert c.statement == "There was a need for “patience.”"
    c = one(ex, "“I’m confident about the talks,” Emmanuel Macron said on Friday.")
    assert c.statement == "Emmanuel Macron is confident about the talks."
    c = one(ex, "“I am sure we will find a solution,” Emmanuel Macron said on Friday.")
    assert c.statement.startswith("Emmanuel Macron is sure")
    c = one(ex, "The aid would be “sent as soon as possible,” the official told reporters.")
    assert c.statement == "The aid would be “sent as soon as possible.”"


def test_a_near_repeat_in_a_later_update_is_folded(ex: SpacyExtractor) -> None:
    text = ("Summary so far: Poland will host a donor meeting in March focused on rebuilding "
            "the power grid of Kharkiv, the Polish foreign ministry said.\n\nIn other news, "
            "shelling went on.\n\nPoland will host a donor meeting in March focused on "
            "rebuilding the power grid of Kharkiv after the strikes, the Polish foreign "
            "ministry said.")
    (res,) = ex.iter_extract([("t-near", text, "2024-05-08")])
    assert len(res.claims) == 1 and len(res.claims[0].appearances) == 1
