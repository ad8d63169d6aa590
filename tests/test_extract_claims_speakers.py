"""Who gets the claim: quantities, documents, captions, outlets, relays, passive accusations,
nominal and headline cues (sentences written for these tests)."""

from __future__ import annotations

import pytest

from graph.models import ExtractionResult
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def run(ex: SpacyExtractor, text: str, published: str | None = "2024-05-08") -> ExtractionResult:
    (res,) = ex.iter_extract([("t-claims", text, published)])
    for c in res.claims:
        assert text[c.content_span[0]:c.content_span[1]] == c.content
    return res


def speakers(res: ExtractionResult) -> list[str]:
    return [c.speaker.name for c in res.claims]


def test_numbers_and_quantities_are_never_speakers(ex: SpacyExtractor) -> None:
    for text in ("Nearly 4,000 residents said the water supply had been cut for a week.",
                 "More than 200 villagers said the bridge was destroyed in the night.",
                 "Thousands said they would leave the city before the winter."):
        assert run(ex, text).claims == [], text
    # a handful of named-type sources is still a source
    res = run(ex, "Two Ukrainian officials said the convoy had reached the city.")
    assert len(res.claims) == 1 and res.claims[0].speaker.anonymous


def test_figures_without_author_are_not_speakers(ex: SpacyExtractor) -> None:
    for text in ("Preliminary figures said that the harvest fell by a third this year.",
                 "Initial estimates suggest that the dam breach flooded 40 villages."):
        assert run(ex, text).claims == [], text


def test_report_speaks_for_its_author_else_is_a_document(ex: SpacyExtractor) -> None:
    res = run(ex, "A United Nations report said that the shelling of the market was deliberate.")
    assert speakers(res) == ["United Nations"]
    res = run(ex, "A leaked report said that the shelling of the market was deliberate.")
    (c,) = res.claims
    assert c.speaker.type == "DocumentSource" and c.speaker.anonymous
    assert c.speaker.name == "A leaked report"


def test_caption_and_photo_credit_lines_give_no_speaker(ex: SpacyExtractor) -> None:
    text = ("Residents said the shelling had lasted all night. Photograph: Evgeniy "
            "Maloletka/AP\n\nVitali Klitschko said the search would go on all night.")
    res = run(ex, text)
    assert speakers(res) == ["Vitali Klitschko"]


def test_outlet_is_the_audience_not_the_speaker(ex: SpacyExtractor) -> None:
    res = run(ex, "Foreign Minister Dmytro Kuleba told the BBC that the grain deal was dead.")
    (c,) = res.claims
    assert c.speaker.name == "Dmytro Kuleba"
    assert c.reported_by is not None and c.reported_by.role == "audience"
    assert c.reported_by.name == "BBC"
    res = run(ex, "Antony Blinken said in an interview with CNN that sanctions would stay.")
    (c,) = res.claims
    assert c.speaker.name == "Antony Blinken" and c.reported_by.name == "CNN"


def test_quoted_as_saying_gives_the_quoted_speaker_and_the_relay(ex: SpacyExtractor) -> None:
    res = run(ex, "The Interfax news agency quoted Sergei Lavrov as saying that the "
                  "negotiations were frozen.")
    (c,) = res.claims
    assert c.speaker.name == "Sergei Lavrov"
    assert c.reported_by is not None and c.reported_by.role == "relay"
    assert "Interfax" in c.reported_by.name
    res = run(ex, "Sergei Lavrov was quoted as saying that the negotiations were frozen.")
    assert speakers(res) == ["Sergei Lavrov"]


def test_reported_as_saying_gives_the_quoted_speaker_and_no_claim_of_the_relay(
        ex: SpacyExtractor) -> None:
    res = run(ex, "Interfax reported Colonel Ivan Dorn as saying the bridge had been "
                  "destroyed.")
    (c,) = res.claims
    assert c.speaker.name == "Ivan Dorn" and c.content == "the bridge had been destroyed"
    assert c.reported_by is not None and c.reported_by.role == "relay"
    assert "Interfax" in c.reported_by.name
    # a misparse that cuts the clause's verb off leaves no content: no claim, not a fragment
    res = run(ex, "Reuters reported the army’s northern command as saying rail traffic to "
                  "Marvik over the Pelsk River had been cut.")
    assert all(c.speaker.name != "Reuters" and "had been cut" in c.content
               for c in res.claims), [(c.speaker.name, c.content) for c in res.claims]
    # a plain report keeps its own claim
    assert speakers(run(ex, "The agency reported that the bridge had been destroyed.")) == [
        "The agency"]


def test_a_plain_speech_verb_needs_a_clause_or_a_quotation(ex: SpacyExtractor) -> None:
    assert run(ex, "Mira Holt said the northern bridge.").claims == []
    assert speakers(run(ex, "Mira Holt said “the northern bridge”.")) == ["Mira Holt"]
    assert speakers(run(ex, "Mira Holt announced the closure of the bridge.")) == ["Mira Holt"]


def test_the_one_asked_or_told_is_not_the_speaker(ex: SpacyExtractor) -> None:
    res = run(ex, "“He can only lose,” Ivan Dorn said when asked what he would tell the "
                  "general on the eve of the parade.")
    assert [(c.speaker.name, c.cue) for c in res.claims] == [("Ivan Dorn", "say")]
    for text in ("Ivan Dorn was told that the bridge had been destroyed.",
                 "Residents of Marvik were warned that the shelling would resume."):
        assert run(ex, text).claims == [], text
    # with the asker named, the question is the asker's
    assert speakers(run(ex, "Ivan Dorn was asked by Pavel Holt whether the bridge would "
                            "reopen.")) == ["Pavel Holt"]


@pytest.mark.parametrize("text", [
    "A group of Russian soldiers have accused their commanders of jailing them.",
    "Some Ukrainian soldiers said the supplies had not arrived.",
    "Two Russian soldiers told reporters that they had not been paid.",
])
def test_some_members_of_a_force_are_not_the_force(ex: SpacyExtractor, text: str) -> None:
    (c,) = run(ex, text).claims
    assert c.speaker.anonymous and "soldiers" in c.speaker.name, c.speaker
    # the force as a whole speaks through its command: the Group entity
    (c,) = run(ex, "Russian troops said they had captured the village.").claims
    assert not c.speaker.anonymous and c.speaker.type == "Group"


def test_the_accused_is_not_the_accuser(ex: SpacyExtractor) -> None:
    for text in ("Belarus stood accused of hosting the troops that crossed the border.",
                 "Hungary was accused of blocking the aid package for months."):
        assert run(ex, text).claims == [], text
    res = run(ex, "Poland was accused by Lithuania of closing the border crossing too early.")
    assert speakers(res) == ["Lithuania"]


def test_nominal_cues(ex: SpacyExtractor) -> None:
    res = run(ex, "Emmanuel Macron's claim that Europe could field its own army drew scorn.")
    (c,) = res.claims
    assert c.speaker.name == "Emmanuel Macron" and "Europe could field" in c.content
    res = run(ex, "A warning from Jens Stoltenberg that the war could last years unsettled "
                  "the markets.")
    (c,) = res.claims
    assert c.speaker.name == "Jens Stoltenberg" and c.stance.value == "predicts"


def test_headline_attribution(ex: SpacyExtractor) -> None:
    res = run(ex, "Volodymyr Zelensky: We will rebuild every school in Kharkiv\n\nThe president "
                  "spoke in the city on Tuesday.")
    (c,) = res.claims
    assert c.speaker.name == "Volodymyr Zelensky" and c.cue == ":"
    assert c.content == "We will rebuild every school in Kharkiv"
    # a bare label is not a speaker
    assert run(ex, "Q: What will happen to the grain corridor next month?").claims == []


def test_relative_clause_claims(ex: SpacyExtractor) -> None:
    res = run(ex, "Olaf Scholz, who said Germany would deliver more air defence, met the "
                  "Polish prime minister in Warsaw.")
    assert speakers(res) == ["Olaf Scholz"]


def test_quotes_across_paragraphs_and_continuing_sources(ex: SpacyExtractor) -> None:
    text = ("Kaja Kallas said: “Estonia will keep sending ammunition to Kyiv.\n\n"
            "“We are ready to do more, and so are our neighbours,” she added later.\n\n"
            "The Estonian navy said it had tracked two Russian ships. It added that both "
            "had left the Gulf of Finland by evening.\n\n"
            "A number of Latvian officials said the border would stay closed.")
    res = run(ex, text)
    by_content = {c.content: c.speaker.name for c in res.claims}
    assert by_content["“Estonia will keep sending ammunition to Kyiv."] == "Kaja Kallas"
    assert any(n == "Kaja Kallas" and "ready to do more" in c for c, n in by_content.items())
    navy = [c for c in res.claims if c.speaker.name == "The Estonian navy"]
    assert {c.content for c in navy} == {"it had tracked two Russian ships",
                                         "that both had left the Gulf of Finland by evening"}
    latvian = [c for c in res.claims if "border" in c.content]
    assert len(latvian) == 1 and latvian[0].speaker.anonymous
    assert latvian[0].speaker.name == "Latvian officials"


def test_according_to_x_speaking_to_an_outlet(ex: SpacyExtractor) -> None:
    res = run(ex, "According to Andriy Yermak, speaking to the BBC, the talks had failed.")
    (c,) = res.claims
    assert c.speaker.name == "Andriy Yermak" and c.content == "the talks had failed"
    assert c.reported_by is not None and c.reported_by.name == "BBC"


def test_an_agency_reporting_an_attributed_quote_relays_it(ex: SpacyExtractor) -> None:
    """'"…," X said in an address, the agency reported': the words are X's; the agency that
    reported the whole attributed quote is the relay, never a second speaker of the same words."""
    for text, who, agency in (
        ("Officials met in Lviv on Tuesday. “The bridge will be rebuilt within a month,” "
         "Andriy Sadovyi said in a televised address, the Interfax news agency reported.",
         "Andriy Sadovyi", "Interfax"),
        ("Crews cleared the rubble overnight. “We will restore power to every district by "
         "Sunday,” Ihor Terekhov said at a briefing, the Ukrinform agency reported.",
         "Ihor Terekhov", "Ukrinform"),
    ):
        res = run(ex, text)
        assert speakers(res) == [who], (text, speakers(res))
        relay = res.claims[0].reported_by
        assert relay is not None and relay.role == "relay" and agency in relay.name, relay


def test_a_time_is_never_what_was_said(ex: SpacyExtractor) -> None:
    """A sentence-final attribution the parse hangs on the main verb ('…, the agency said on
    Friday') must not become '<main subject> said: on Friday'."""
    for text in (
        "Latvia has lifted a ban on the rail transport of sanctioned goods into and out of the "
        "Russian territory of Pskov, Russia’s TASS news agency said on Friday.",
        "Norway has relaxed a ban on the sea transport of sanctioned goods into and out of the "
        "Russian territory of Svalbard, Russia’s RIA news agency said on Thursday.",
    ):
        res = run(ex, text)
        assert all(len(c.content.split()) > 2 for c in res.claims), [c.content for c in res.claims]
        assert not any(c.speaker.name in ("Latvia", "Norway") for c in res.claims), speakers(res)
