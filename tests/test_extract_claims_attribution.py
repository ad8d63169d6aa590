"""Who said what when the parse misleads: two subjects for one verb, a clause hung on the cue
from the sentence before, an outlet set off by commas after the real source, a live blog's
own byline, a pronoun that jumps over a person of the other gender, a claim inside a
sentence with no main verb (sentences written for these tests)."""

from __future__ import annotations

import pytest

from graph.models import ClaimRecord
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def claims(ex: SpacyExtractor, text: str) -> list[ClaimRecord]:
    (res,) = ex.iter_extract([("t-attribution", text, "2024-05-08")])
    for c in res.claims:
        assert text[c.content_span[0]:c.content_span[1]] == c.content
    return res.claims


def test_the_name_after_a_possessor_and_title_speaks(ex: SpacyExtractor) -> None:
    # the parse gives 'said' two subjects: the country and the name
    (c,) = claims(ex, "In 2019, Poland’s then foreign minister Jacek Czaputowicz said his "
                      "government would block the pipeline project.")
    assert c.speaker.name == "Jacek Czaputowicz"
    assert c.content == "his government would block the pipeline project"


def test_a_quotation_in_the_paragraph_before_is_not_the_content(ex: SpacyExtractor) -> None:
    text = ("Stoltenberg wrote afterwards: “We stand with our friends. Our support will not "
            "waver.”\n\nShoigu, the Russian defence minister, claimed that twelve Ukrainian "
            "brigades had been destroyed in the south.")
    found = [c for c in claims(ex, text) if c.cue == "claim"]
    assert [c.content for c in found] == [
        "that twelve Ukrainian brigades had been destroyed in the south"]


def test_a_source_before_a_parenthetical_outlet_speaks(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "Russian officials, according to the TASS news agency, acknowledged "
                      "damage to the second dam, near the railway station.")
    assert c.speaker.anonymous and c.speaker.name == "Russian officials"
    assert c.reported_by is not None and c.reported_by.name == "TASS"
    assert c.reported_by.role == "relay"
    assert c.content.startswith("damage to the second dam")
    # a verb parsed with its subject keeps its own claim; the outlet is never the speaker
    (c,) = claims(ex, "Ukrainian officials, according to Reuters, said that the dam was hit "
                      "twice on Tuesday.")
    assert c.speaker.name == "Ukrainian officials" and c.cue == "say"


@pytest.mark.parametrize("text", [
    "Shelling continued through the night in the east of the city, our correspondent Anna "
    "Petrova writes.",
    "The government has widened its sanctions to precious metals and timber, Guardian "
    "business reporter Tom Halloran writes.",
])
def test_a_live_blog_byline_is_no_claim(ex: SpacyExtractor, text: str) -> None:
    assert claims(ex, text) == []


def test_a_journalist_who_said_something_still_speaks(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "Veteran editor Dmitry Muratov said the newspaper would stop printing "
                      "until the end of the war.")
    assert c.speaker.name == "Dmitry Muratov"


def test_she_never_jumps_over_a_man_to_someone_of_unknown_gender(ex: SpacyExtractor) -> None:
    text = ("The spokesman briefed Kyodo on the convoy. Taira, the freed paramedic, thanked "
            "President Volodymyr Zelenskiy in a video. “I always believed we would be home "
            "by summer,” she said.")
    assert [c for c in claims(ex, text) if c.speaker.name == "Kyodo"] == []


def test_she_still_goes_to_the_woman_named_before(ex: SpacyExtractor) -> None:
    text = ("Ursula von der Leyen met Olaf Scholz in Brussels. “We will not let Ukraine "
            "down,” she said.")
    (c,) = claims(ex, text)
    assert c.speaker.name == "Ursula von der Leyen"


def test_a_claim_in_a_sentence_without_a_main_verb_stops_at_the_break(
        ex: SpacyExtractor) -> None:
    text = ("Despite claims by Russia and its allies that the conventions do not protect "
            "foreign volunteers – whom it calls “mercenaries” – all of the men sentenced "
            "were serving with the regular army, which means they are prisoners of war.")
    found = [c for c in claims(ex, text) if c.cue == "claim"]
    for c in found:
        assert "serving with the regular army" not in c.content


def test_a_fronted_quotation_and_inverted_speaker_end_the_content(ex: SpacyExtractor) -> None:
    # the parse may also lose the cue's subject; then no claim at all, never a long one
    for text in ("Kyiv must sound confident. The plan to retake the port “is popular with "
                 "every soldier I meet”, said Marta Kovalenko, an analyst at the Razumkov "
                 "Centre, and the government needs to persuade its allies that the army can "
                 "win.",
                 "Kyiv has to talk up its chances. The idea of a spring offensive “is a very "
                 "popular idea across the country”, said Marta Kovalenko, a senior fellow at "
                 "a thinktank, and Kyiv needs to convince its allies that its army can win."):
        for c in claims(ex, text):
            assert "needs to" not in c.content and "said Marta" not in c.content


def test_a_paragraph_with_its_own_attribution_is_not_the_next_cue(ex: SpacyExtractor) -> None:
    text = ("The mayor, Ihor Terekhov, said the trams had stopped.\n\n“The city is under fire "
            "every night … the damage is enormous,” Terekhov wrote on Telegram\n\nThe airport "
            "is also shelled “every morning”, he added.")
    (c,) = [c for c in claims(ex, text) if c.cue == "add"]
    assert c.content == "The airport is also shelled “every morning”"


def test_the_speakers_next_claim_is_cut_from_the_first(ex: SpacyExtractor) -> None:
    found = claims(ex, "Separatist commanders said on Monday they were encircling Bakhmut, "
                       "claiming that the garrison was retreating from the town.")
    assert sorted(c.content for c in found) == [
        "that the garrison was retreating from the town", "they were encircling Bakhmut"]
    found = claims(ex, "The regional prosecutor said that 40 civilians had died in the "
                       "district, after it said it had found six more bodies near the river.")
    assert "after it said" not in " ".join(c.content for c in found)
    found = claims(ex, "The governor said 30 houses had been damaged on Monday – while other "
                       "officials later said two people were killed at the market.")
    assert {c.content for c in found} == {"30 houses had been damaged on Monday",
                                          "two people were killed at the market"}


def test_said_it_believed_is_one_claim(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "The Pentagon said it believed Russia fired 80 missiles in the first "
                      "night of the offensive.")
    assert c.cue == "say"


@pytest.mark.parametrize("text", [
    "Many people believe the old airliners will be stripped for parts within two years.",
    "The statements nevertheless raised fears in Georgia over Moscow’s intentions.",
])
def test_no_one_in_particular_or_a_text_that_caused_something(ex: SpacyExtractor,
                                                              text: str) -> None:
    assert claims(ex, text) == []



def test_the_object_before_a_participle_does_it(ex: SpacyExtractor) -> None:
    # the parse that misled the rules, built by hand: 'left' has the object 'aides' and the
    # participle 'scrambling' (advcl); the conjunct chain leads back to 'Lukashenko must go'
    from spacy.tokens import Doc

    from ingest.extract.claim_speakers import subject_of

    words = ["Lukashenko", "must", "go", "and", "left", "his", "aides", "scrambling", "to",
             "explain", "that", "it", "was", "wrong", "."]
    heads = [2, 2, 2, 2, 2, 6, 4, 4, 9, 7, 12, 12, 9, 12, 2]
    deps = ["nsubj", "aux", "ROOT", "cc", "conj", "poss", "dobj", "advcl", "aux", "xcomp",
            "mark", "nsubj", "ccomp", "acomp", "punct"]
    tags = ["NNP", "MD", "VB", "CC", "VBD", "PRP$", "NNS", "VBG", "TO", "VB", "IN", "PRP",
            "VBD", "JJ", "."]
    doc = Doc(ex.nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert subject_of(doc[9]).text == "aides"


def test_an_outlet_report_inside_the_content_relays_it(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "Local officials said 14 people had also been hurt in Friday’s blaze, "
                      "Interfax news agency reported, citing rescue services, and that at "
                      "least six people were missing.")
    assert c.content == "14 people had also been hurt in Friday’s blaze"
    assert c.reported_by is not None and c.reported_by.name == "Interfax"
    assert c.reported_by.role == "relay"


def test_the_organisation_is_the_one_named_before(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "Human Rights Watch documented 40 cases in the region. The group said "
                      "the detentions were arbitrary.")
    assert c.speaker.name == "Human Rights Watch" and not c.speaker.anonymous
    # two organizations named before: either may be meant, so it stays a description
    (c,) = claims(ex, "Amnesty International met officials from the Red Cross. The "
                      "organisation said the camps were overcrowded.")
    assert c.speaker.anonymous


def test_an_attribution_that_opens_the_content_is_cut_off(ex: SpacyExtractor) -> None:
    found = claims(ex, "Overall, the chancellor argued, “the price of security is worth "
                       "paying”. He said more help would come.")
    assert "“the price of security is worth paying”" in [c.content for c in found]
    # a long clause before the speaker is what was said: kept
    (c,) = claims(ex, "Should gas deliveries stay at the low level of 40%, the ministry said "
                      "in a statement, “a storage target of 90% cannot be reached”.")
    assert c.content.startswith("Should gas deliveries")
    (c,) = claims(ex, "The outcome, two former diplomats said, has been a slow loss of trust.")
    assert c.content.startswith("The outcome")


@pytest.mark.parametrize("text", [
    "The commander warned Ukrainian soldiers on Monday.",
    "The mayor urged residents again during a visit to the shelter.",
])
def test_the_addressee_alone_is_no_content(ex: SpacyExtractor, text: str) -> None:
    assert claims(ex, text) == []


def test_what_the_addressee_was_warned_of_stays(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "The ministry warned of a high risk of fuel shortages.")
    assert c.content == "of a high risk of fuel shortages"
