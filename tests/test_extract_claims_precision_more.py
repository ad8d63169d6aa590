"""Who-said-what precision, second part: claims that are no claims (a medium, an elided verb,
an attribution as the content), the relay whose inner speaker the parse lost, 'who said'
after an apposition, and 'it said' inside a reported clause (sentences written for these
tests; seen as classes on unannotated Guardian/NYT samples)."""

from __future__ import annotations

import pytest

from ingest.extract import SpacyExtractor
from tests.test_extract_claims_precision import claims


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()




@pytest.mark.parametrize("text", [
    # where or how it was said is not what was said
    "The border guard service said in a statement on Telegram.",
    "The navy's press office wrote on its website.",
    # an elided verb: nothing left to quote
    "Last spring, the chancellor hinted she would, but the coalition has not agreed.",
])
def test_a_claim_without_a_proposition_is_dropped(ex: SpacyExtractor, text: str) -> None:
    assert claims(ex, text) == []


def test_said_about_names_the_topic(ex: SpacyExtractor) -> None:
    """A plain report verb keeps a clause after a place or medium phrase."""
    (c,) = claims(ex, "The border guard service said on Telegram that two boats had been "
                      "seized near the delta.")
    assert c.content == "that two boats had been seized near the delta"


def test_an_attribution_is_not_the_content(ex: SpacyExtractor) -> None:
    """Wire copy without commas: '… a source said on Monday AFP reported' -- the words after
    the cue are a second attribution, not what the source said."""
    found = claims(ex, "Four houses burned down when shells hit the market in the old town "
                       "a local source said on Tuesday Interfax reported.")
    assert not any(c.content.endswith("Interfax reported") for c in found)


def test_a_relay_whose_inner_speaker_was_lost_gives_no_claim(ex: SpacyExtractor) -> None:
    """'In a memo seen by a daily, the country's envoy, Jane Roe, said …, Radio Liberty
    reported': the relay never speaks the words; when the parse loses the inner verb's
    subject there is no claim rather than the relay's."""
    found = claims(ex, "In a 2019 memo obtained by the Estonian daily Postimees, the country's "
                       "interior minister, Mart Kask, said the new fence would reduce illegal "
                       "crossings along the river, Radio Liberty reported.")
    assert all(c.speaker.name != "Radio Liberty" for c in found)


def test_who_said_after_an_apposition_is_the_person(ex: SpacyExtractor) -> None:
    (c,) = [c for c in claims(
        ex, "The warning was echoed by Maria Lindqvist, the chief analyst at the Nordic "
            "Energy Agency, who said gas stocks would not last through February.")
        if "gas stocks" in c.content]
    assert c.speaker.name == "Maria Lindqvist"


def test_who_said_after_a_plain_phrase_keeps_the_phrase(ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "The decision was criticised by officials in Tallinn who said the port "
                      "would lose its ferry traffic.")
    assert c.speaker.name == "officials in Tallinn"
    (c,) = claims(ex, "The warning was echoed by Maria Lindqvist, a spokeswoman for "
                      "Eurocontrol, who said flights would be rerouted.")
    assert c.speaker.name == "Maria Lindqvist"


def test_it_said_inside_a_reported_clause_is_dropped(ex: SpacyExtractor) -> None:
    """'The ministry said Russia was using …, a method it said had been tried …': 'it' may be
    the clause's subject or the one reporting it -- no claim rather than a guess."""
    found = claims(ex, "The Dutch defence ministry said Russia was using conscripts to guard "
                       "the bridges, a method it said had been tried in Chechnya.")
    assert not any("tried in Chechnya" in c.content and c.speaker.name == "Russia"
                   for c in found)
    (main,) = [c for c in found if "conscripts" in c.content]
    assert "defence ministry" in main.speaker.name.lower() or "Defence" in main.speaker.name


def test_add_with_a_noun_object_says_nothing(ex: SpacyExtractor) -> None:
    assert claims(ex, "The astronaut posted a photo of the station, adding emojis of a flag "
                      "and a rocket.") == []
    found = claims(ex, "The minister said the talks had failed, adding that a new round was "
                       "planned.")
    assert [c.cue for c in found] == ["say", "add"]
    (c,) = claims(ex, "Anna Berg spoke in Oslo on Friday. “We will not give up,” she added.")
    assert c.cue == "add" and c.speaker.name == "Anna Berg"


def test_a_cue_under_attempt_or_threat_has_not_happened(ex: SpacyExtractor) -> None:
    found = claims(ex, "Anna Berg said Moscow would try to claim victory by the holiday.")
    assert [c.speaker.name for c in found] == ["Anna Berg"]
    found = claims(ex, "The rebels threatened to announce their own referendum.")
    assert [c.cue for c in found] == ["threaten"]  # the threat is a claim, the announcement not


def test_a_participle_after_a_dash_goes_on_with_the_reporter(ex: SpacyExtractor) -> None:
    """'She denied that Moscow would … – saying that …': the participle is hers, not the
    subject of the clause she denied."""
    found = claims(ex, "Anna Berg spoke in Oslo on Friday. She also denied that Moscow would "
                       "try to claim victory by the holiday – saying that the army would not "
                       "adjust its plans to any date.")
    (c,) = [c for c in found if c.cue == "say"]
    assert c.speaker.name == "Anna Berg"
    assert all(c.speaker.name == "Anna Berg" for c in found)


def test_a_title_in_the_lead_named_in_the_next_paragraph(ex: SpacyExtractor) -> None:
    """The news convention of introducing a source by title in the lead, then by name at the
    start of the next paragraph: the title's claim is the named person's."""
    found = claims(ex, "The situation on the southern front is “very tense”, the governor of "
                       "the Kherson region has said, as shelling intensified overnight.\n\n"
                       "Oleksandr Prokudin said on Monday that four villages had lost power "
                       "after the strikes.")
    assert [c.speaker.name for c in found] == ["Oleksandr Prokudin"] * 2
    # a person introduced with a role of their own is someone else
    found = claims(ex, "Food prices will keep rising, the Danish foreign minister has said.\n\n"
                       "Lars Hansen, a farmer near Aarhus, said his costs had doubled.")
    assert found[0].speaker.anonymous


def test_a_document_speaks_for_its_named_author(ex: SpacyExtractor) -> None:
    """'reports from Russia's RIA Novosti news agency', 'an analysis of shipping data by the
    Kiel Institute': the outlet or organization that wrote it speaks, not 'reports'."""
    (c,) = claims(ex, "According to reports from Russia’s RIA Novosti news agency, the burger "
                      "chain’s app has been renamed.")
    assert c.speaker.name == "RIA Novosti" and not c.speaker.anonymous
    (c,) = claims(ex, "Grain exports have fallen by half since June, according to an analysis "
                      "of shipping data by the Kiel Institute for the World Economy.")
    assert c.speaker.name.startswith("Kiel Institute")
    (c,) = claims(ex, "According to reports from Kharkiv, the metro has reopened.")
    assert c.speaker.type == "DocumentSource"


def test_an_outer_content_loses_the_same_speakers_inner_attribution(ex: SpacyExtractor) -> None:
    """'X recently declared that …: “…,” she said': the 'said' claim is the quotation, not
    'X recently declared that …' again."""
    found = claims(ex, "Tom Lind spoke on Monday. Mr. Lind recently declared that there are "
                       "only two types of countries: “Either a country is sovereign, or it is a "
                       "colony,” he said.")
    assert sorted((c.cue, c.content) for c in found) == [
        ("declare", "that there are only two types of countries"),
        ("say", "“Either a country is sovereign, or it is a colony,”")]


@pytest.mark.parametrize("text", [
    "The treaty may avoid provoking Beijing or emboldening the island to declare formal "
    "independence.",
    "For now, the chancellor appears to believe that time is on her side.",
])
def test_what_someone_was_moved_to_say_or_seems_to_think(ex: SpacyExtractor, text: str) -> None:
    assert claims(ex, text) == []


def test_what_was_urged_is_the_urgers_claim_and_a_led_declaration_happened(
        ex: SpacyExtractor) -> None:
    (c,) = claims(ex, "Brussels urged Kyiv to admit that the deadline would be missed.")
    assert c.cue == "urge" and c.speaker.name == "Brussels"
    (c,) = claims(ex, "The strikes were so heavy that they led the mayor to declare that the "
                      "city was under siege.")
    assert c.cue == "declare" and c.content == "that the city was under siege"


def test_a_name_set_off_by_a_dash_is_the_speaker(ex: SpacyExtractor) -> None:
    """'X - Ukraine's former defence minister - says …': the person speaks (the model ran the
    name on over the spaced dash); a hyphen inside a name stays."""
    (c,) = claims(ex, "Andriy Kovalenko - Ukraine’s former defence minister - says Russian "
                      "claims that soldiers were killed on the island are untrue.")
    assert c.speaker.name == "Andriy Kovalenko" and c.speaker.type == "Person"
    (c,) = claims(ex, "Agnès Pannier-Runacher said the plan was sound.")
    assert c.speaker.name == "Agnès Pannier-Runacher"


def test_the_rest_of_a_split_time_stamp_is_furniture() -> None:
    """A live blog's '21 May 2022 21.08' stamp that the sentence split cut after the day
    number: the rest ('May 2022 21.08') is still page furniture, not what was said."""
    from types import SimpleNamespace

    from ingest.extract.claim_span import one_paragraph

    text = "Read it here.\n\n21 May 2022 21.08 Kyiv is studying a new grain route, he says."
    ctx = SimpleNamespace(text=text, quoted=[0] * (len(text) + 1))
    cs, ce = text.index("May 2022"), text.index(", he says")
    assert text[slice(*one_paragraph(ctx, cs, ce, ce + 5))] == \
        "Kyiv is studying a new grain route"
    # 'May 2022' with no day number before it is prose, not a stamp
    plain = "In May 2022 12.5 tonnes were shipped"
    ctx = SimpleNamespace(text=plain, quoted=[0] * (len(plain) + 1))
    assert one_paragraph(ctx, 3, len(plain), len(plain) + 1) == (3, len(plain))


def test_what_will_be_said_is_not_said_yet(ex: SpacyExtractor) -> None:
    assert claims(ex, "At the summit next week, aid groups will demand a big financial "
                      "commitment to help farmers.") == []
    assert claims(ex, "The minister will tell parliament that the budget is balanced.") == []
    (c,) = claims(ex, "The minister said the budget will be balanced.")
    assert c.content == "the budget will be balanced"


def test_a_toll_claimed_is_not_a_claim(ex: SpacyExtractor) -> None:
    assert claims(ex, "Local sources said jets bombed a camp near the river, claiming the "
                      "lives of more than ten civilians.")[0].cue == "say"
    assert all(c.cue != "claim" for c in claims(
        ex, "The flood claimed the lives of 40 people in the valley."))
    (c,) = claims(ex, "The rebels claimed responsibility for the attack on the depot.")
    assert c.cue == "claim"


def test_an_aside_inside_the_clause_leaves_it_whole(ex: SpacyExtractor) -> None:
    """'there were, she said, new rules …': the inserted attribution stands between the verb
    and its complement, so the content is the whole clause, not the two words before it."""
    found = claims(ex, "Anna Berg spoke on Friday. But there was a big catch: there were, she "
                       "said, new rules coming from the capital that nobody had read.")
    (c,) = [c for c in found if c.cue == "say"]
    assert "new rules coming from the capital" in c.content
    (c,) = claims(ex, "Anna Berg spoke on Friday. The rules were written in haste, she said on "
                      "Friday.")
    assert c.content == "The rules were written in haste"


def test_an_agreement_reported_is_content(ex: SpacyExtractor) -> None:
    """Only a verb of passing words on makes a bare attribution; 'they agreed' is what the
    presidents said (a cue verb as content is still content)."""
    (c,) = claims(ex, "The two presidents said they agreed.")
    assert c.content == "they agreed"
