"""Description speakers ('the minister', "Norway's defence minister") tied to the person the
article named with that title, only when the description's words fit; otherwise they stay an
anonymous description (sentences written for these tests)."""

from __future__ import annotations

import pytest

from graph.models import ExtractionResult
from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def run(ex: SpacyExtractor, text: str) -> ExtractionResult:
    (res,) = ex.iter_extract([("t-desc", text, "2024-02-11")])
    return res


def speaker_of(res: ExtractionResult, words: str) -> tuple[str, bool]:
    c = next(c for c in res.claims if words in c.content)
    return c.speaker.name, c.speaker.anonymous


def test_another_form_of_the_modifier_still_fits(ex: SpacyExtractor) -> None:
    # 'Finance minister …' then 'the financial minister'; 'Lithuanian …' then "Lithuania's …"
    # (a demonym of another stem, 'Polish'/'Poland', does not fit: no one is guessed)
    res = run(ex, "Finance minister Andrius Kubilius opened the budget debate on Tuesday. "
                  "The financial minister said the deficit had narrowed.")
    assert speaker_of(res, "deficit") == ("Andrius Kubilius", False)
    res = run(ex, "The Lithuanian president, Gitanas Nauseda, met the troops in Rukla. "
                  "Lithuania's president said the airport had been secured.")
    assert speaker_of(res, "airport") == ("Gitanas Nauseda", False)


def test_a_modifier_that_does_not_fit_keeps_the_description(ex: SpacyExtractor) -> None:
    res = run(ex, "Finance minister Andrius Kubilius opened the budget debate on Tuesday. "
                  "The health minister said the hospitals were short of staff.")
    name, anonymous = speaker_of(res, "hospitals")
    assert anonymous and name.lower() == "the health minister"
    res = run(ex, "The Lithuanian president, Gitanas Nauseda, met the troops in Rukla. "
                  "Slovakia's president said the border had been reopened.")
    name, anonymous = speaker_of(res, "border")
    assert anonymous and "Slovakia" in name


def test_a_pronoun_owner_is_not_guessed(ex: SpacyExtractor) -> None:
    # 'his spokesman' is someone else than the minister named before
    res = run(ex, "Defence minister Pal Jonson visited the base in Boden. "
                  "His spokesman said the visit had been planned for months.")
    name, anonymous = speaker_of(res, "visit had been")
    assert anonymous and name != "Pal Jonson"


def test_the_possessor_of_a_relation_is_not_the_speaker(ex: SpacyExtractor) -> None:
    # the parse may make 'Kowalski' the subject of 'said' with the MP and the name hung on it
    res = run(ex, "Kowalski’s local MP, Hannah Bardell, said the detention was unlawful.")
    assert speaker_of(res, "detention") == ("Hannah Bardell", False)
    res = run(ex, "Orlov’s lawyer, Katerina Tertukhina, told reporters the sentence was unjust.")
    assert speaker_of(res, "sentence") == ("Katerina Tertukhina", False)
    # a possessive cue noun still belongs to its owner
    res = run(ex, "Hungary’s claim that the pipeline had been sabotaged was rejected by Kyiv.")
    assert speaker_of(res, "pipeline")[0] == "Hungary"
