"""One name, one entity in an article (``ingest/extract/one_name.py``) and reference spellings:
a weapon is one Equipment entity whatever the model tagged each mention, a bare given name
joins the one person named in full with it, time stamps are no people, and a Ukrainian town
is named in the national transliteration. Sentences written for these tests (not copied
from any corpus article); no database needed."""

from __future__ import annotations

import pytest

from graph.models import EntityType, ExtractionResult
from ingest.extract import SpacyExtractor
from ingest.extract.gazetteer import slug
from ingest.extract.known_names import learn
from ingest.extract.settlements import get_settlement_index
from tests.extract_helpers import extract_checked


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def _one(ex: SpacyExtractor, text: str) -> ExtractionResult:
    return extract_checked(ex, text)


def test_a_weapon_is_one_equipment_entity_in_every_sentence(ex: SpacyExtractor) -> None:
    text = ("The army said on Monday it had received more Himars rocket launchers. "
            "The Himars can strike depots far behind the line, a spokesman said. "
            "Officers said the Himars changed the fighting near the river.")
    res = _one(ex, text)
    named = [e for e in res.entities if e.name == "Himars"]
    assert len(named) == 1
    assert named[0].type is EntityType.EQUIPMENT
    assert len(named[0].mentions) == text.count("Himars")


def test_a_bare_given_name_joins_the_person_named_in_full(ex: SpacyExtractor) -> None:
    text = ("Dmytro Kovalenko, 17, spent two months in a cellar near the front. "
            "Dmytro said the guards took his phone. Dmytro now lives with an aunt in Lviv.")
    res = _one(ex, text)
    people = [e for e in res.entities if e.type is EntityType.PERSON]
    assert [p.name for p in people] == ["Dmytro Kovalenko"]
    assert {m.text for m in people[0].mentions} == {"Dmytro Kovalenko", "Dmytro"}


def test_two_people_with_one_given_name_never_merge_on_it(ex: SpacyExtractor) -> None:
    text = ("Andriy Shevchuk and Andriy Bondar volunteered in the same week. "
            "Andriy said the training was short.")
    res = _one(ex, text)
    for e in res.entities:
        texts = {m.text for m in e.mentions}
        assert not ({"Andriy"} < texts), e  # the bare name joined neither full name


def test_a_given_name_before_the_full_name_is_not_joined(ex: SpacyExtractor) -> None:
    text = ("Oksana said she would stay. Later her neighbour, Oksana Melnyk, said the same "
            "about the school.")
    res = _one(ex, text)
    melnyk = next(e for e in res.entities if e.name == "Oksana Melnyk")
    assert {m.text for m in melnyk.mentions} == {"Oksana Melnyk"}


def test_a_live_blog_time_stamp_is_no_person(ex: SpacyExtractor) -> None:
    text = ("12 June 2023 09.15 The mayor said the water supply was restored.\n\n"
            "12 June 2023 08.40 Shelling was reported overnight in the south, the army said.")
    res = _one(ex, text)
    for e in res.entities:
        assert not any(ch.isdigit() for ch in e.name), e
        assert e.type is not EntityType.PERSON or "June" not in e.name


def test_a_ukrainian_town_gets_the_national_spelling(ex: SpacyExtractor) -> None:
    res = _one(ex, "Fighting continued in Kupyansk and Avdeyevka, the governor said.")
    names = {e.name: e for e in res.entities if e.type is EntityType.PLACE}
    assert "Kupiansk" in names and "Kupyansk" in names["Kupiansk"].aliases
    assert "Avdiivka" in names and "Avdeyevka" in names["Avdiivka"].aliases


def test_a_renamed_town_keeps_the_name_the_news_wrote() -> None:
    # KATOTTG's current name is a different name, not another romanisation: never swapped in
    idx = get_settlement_index()
    row = next(s for s in idx.by_geonames.values() if s.name == "Siverskodonetsk")
    assert idx.national_spelling(row.geonames_id) == "Siverskodonetsk"
    assert idx.national_spelling(None) is None


def test_full_names_tagged_as_organizations_are_people(ex: SpacyExtractor) -> None:
    text = ("New export rules were set out by the trade secretary, Anne-Marie Trevelyan, "
            "on Tuesday. Oleksandr Kubrakov, Ukraine’s infrastructure minister, said the "
            "first ships were ready. Kubrakov added that the corridor would stay open.")
    res = _one(ex, text)
    people = {e.name: e for e in res.entities if e.type is EntityType.PERSON}
    assert {"Anne-Marie Trevelyan", "Oleksandr Kubrakov"} <= set(people)
    assert "Kubrakov" in {m.text for m in people["Oleksandr Kubrakov"].mentions}
    assert not any(e.type is not EntityType.PERSON and "Kubrakov" in e.name
                   for e in res.entities)


def test_companies_named_like_people_stay_organizations(ex: SpacyExtractor) -> None:
    # both words given names, or a head noun: no person reading without more evidence
    res = _one(ex, "Analysts at Morgan Stanley and the Carnegie Endowment said the sanctions "
                   "would bite, and shares in Goldman Sachs fell.")
    for e in res.entities:
        assert e.type is not EntityType.PERSON, e



def test_full_names_are_learned_only_when_one_given_name_dominates() -> None:
    texts = [f"Talks went on. Marta Kovalchuk said on day {i} that the port was open."
             for i in range(4)]
    texts += ["Ihor Bondarenko and Petro Bondarenko both spoke.", "Petro Bondarenko left.",
              "Ihor Bondarenko stayed.", "The Office opened. On Monday it closed."] * 2
    names = learn(texts)
    assert names["Kovalchuk"] == "Marta Kovalchuk"
    assert "Bondarenko" not in names  # two given names: never guessed
    assert "Office" not in names and "Monday" not in names


def test_a_lone_surname_takes_the_learned_full_name(ex: SpacyExtractor,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.extract.known_names as kn

    monkeypatch.setattr(kn, "learned_names", lambda: {"Kovalchuk": "Marta Kovalchuk",
                                                      "Hrytsenko": "Taras Hrytsenko"})
    res = _one(ex, "Ms. Kovalchuk told reporters that the grain ships had left the port. "
                   "Ms. Hrytsenko, her deputy, said the same.")
    people = {e.name: e for e in res.entities if e.type is EntityType.PERSON}
    assert "Marta Kovalchuk" in people
    assert "Kovalchuk" in people["Marta Kovalchuk"].aliases
    # 'Ms.' before a man's name learned elsewhere: a different person, not renamed
    assert "Taras Hrytsenko" not in people


def test_a_firm_named_with_a_given_name_is_no_person(ex: SpacyExtractor) -> None:
    res = _one(ex, "Analysts at Konrad Consulting and at Marta Holdings expect the rouble to "
                   "fall, according to a note on Friday.")
    assert not any(e.type is EntityType.PERSON for e in res.entities), res.entities


def test_a_wire_credit_after_a_double_hyphen_is_the_agency(ex: SpacyExtractor) -> None:
    res = _one(ex, "Aid convoys reached the city on Sunday after a week of delays. --Reuters")
    outlet = [e for e in res.entities if e.type is EntityType.OUTLET]
    assert [o.name for o in outlet] == ["Reuters"]


def test_every_name_in_a_list_of_villages_is_a_place(ex: SpacyExtractor) -> None:
    res = _one(ex, "Residents of the towns of Binnish, Taftanaz and Saraqib in Syria fled, and "
                   "the villages of Kefr Hamra and Hayyan were hit.")
    for name in ("Taftanaz", "Saraqib", "Kefr Hamra", "Hayyan"):
        hit = [e for e in res.entities if e.name == name]
        assert hit and hit[0].type is EntityType.PLACE, (name, res.entities)


def test_lower_case_institutions_of_a_country_are_organizations(ex: SpacyExtractor) -> None:
    res = _one(ex, "Moldova’s central bank cut its main rate on Thursday. Analysts had expected "
                   "the move, and the central bank said prices were falling. The Turkish "
                   "foreign ministry welcomed it.")
    orgs = {e.id: e for e in res.entities if e.type is EntityType.ORGANIZATION}
    bank = orgs["org:inst:md:central-bank"]
    assert len(bank.mentions) == 2
    assert "org:inst:tr:foreign-ministry" in orgs


def test_an_unqualified_lower_case_institution_is_no_entity(ex: SpacyExtractor) -> None:
    res = _one(ex, "Rates rose again. The central bank said inflation would ease by winter.")
    assert not [e for e in res.entities if "bank" in e.name.lower()]


def test_a_role_title_after_a_country_is_not_an_institution(ex: SpacyExtractor) -> None:
    res = _one(ex, "Moldova’s prosecutor general said the case was closed. Moldova’s justice "
                   "ministry agreed.")
    names = {e.name for e in res.entities if e.type is EntityType.ORGANIZATION}
    assert not any("Prosecutor" in n for n in names)
    assert any(e.id == "org:inst:md:justice-ministry" for e in res.entities)


def test_a_publication_that_reports_is_no_person(ex: SpacyExtractor) -> None:
    res = _one(ex, "The army may receive four more launchers next month, Defensenews reports. "
                   "Officials in Kyiv did not comment. Oksana Melnyk reported from the front.")
    types = {e.name: e.type for e in res.entities}
    assert types.get("Defensenews") is EntityType.OUTLET, res.entities
    assert types.get("Oksana Melnyk") is EntityType.PERSON


def test_a_place_is_named_as_the_article_wrote_it_not_by_its_reference_form(
        ex: SpacyExtractor) -> None:
    # GeoNames' primary name is the local form 'Sevilla'; English news writes 'Seville'
    res = _one(ex, "The ministers met in Seville on Friday and again in Madrid a week later.")
    seville = next(e for e in res.entities if e.id == "place:geonames:2510911")
    assert seville.name == "Seville"
    assert "Sevilla" in seville.aliases


def test_a_short_form_of_a_place_name_does_not_replace_it() -> None:
    from graph.models import EntityRecord, Mention
    from ingest.extract.place_names import written_place_name

    rec = EntityRecord(id="place:geonames:1", type=EntityType.PLACE, name="Rostov-on-Don",
                       geonames_id=1, mentions=[Mention(start=0, end=6, text="Rostov",
                                                        sentence_start=0, sentence_end=9)])
    written_place_name(rec, "city")
    assert rec.name == "Rostov-on-Don"
    renamed = rec.model_copy(update={"name": "Samar", "mentions": [
        Mention(start=0, end=12, text="Novomoskovsk", sentence_start=0, sentence_end=20)]})
    written_place_name(renamed, "city")
    assert renamed.name == "Novomoskovsk" and "Samar" in renamed.aliases
    written_place_name(country := rec.model_copy(update={"name": "United Kingdom"}), "country")
    assert country.name == "United Kingdom"  # 'Britain' never renames the country


def test_a_renamed_ukrainian_town_keeps_the_national_form_of_the_name_written(
        ex: SpacyExtractor) -> None:
    text = ("Street fighting went on in Sievierodonetsk on Sunday, and the regional governor "
            "said Severodonetsk was nearly surrounded.")
    res = _one(ex, text)
    town = [e for e in res.entities if e.type is EntityType.PLACE]
    assert [e.name for e in town] == ["Sievierodonetsk"]
    assert "Severodonetsk" in town[0].aliases


@pytest.mark.parametrize(("dotted", "plain"), [
    ("W.N.B.A.", "WNBA"), ("U.S. Army", "US Army"), ("the U.N. Security Council",
                                                     "the UN Security Council"),
])
def test_an_initialism_with_full_stops_has_the_id_of_the_plain_one(dotted: str,
                                                                   plain: str) -> None:

    assert slug(dotted) == slug(plain)
    assert slug("Mr. Smith") == "mr-smith"  # one letter and a stop is no initialism


def test_two_articles_spelling_an_initialism_two_ways_name_one_organization() -> None:

    text = "The {} said on Monday that its season would start in May, officials confirmed."
    a, b = SpacyExtractor().iter_extract([("t-dots-1", text.format("W.N.B.A."), "2024-04-02"),
                                          ("t-dots-2", text.format("WNBA"), "2024-04-02")])
    ids_a = {e.id for e in a.entities if e.type.value == "Organization"}
    ids_b = {e.id for e in b.entities if e.type.value == "Organization"}
    assert ids_a and ids_a == ids_b
