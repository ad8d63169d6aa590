"""A content ends where a second source's own attribution starts: 'X said A and the navy said
B' is two claims (sentences written for these tests)."""

from __future__ import annotations

import pytest

from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def claims(ex: SpacyExtractor, text: str) -> list[tuple[str, str]]:
    (res,) = ex.iter_extract([("t-content", text, "2024-04-02")])
    return [(c.speaker.name, c.content) for c in res.claims]


def test_a_second_unnamed_source_ends_the_first_content(ex: SpacyExtractor) -> None:
    got = claims(ex, "The governor said two bridges were destroyed and the navy said a "
                     "patrol boat was hit by a drone.")
    assert ("The governor", "two bridges were destroyed") in got
    assert all("navy" not in content for _, content in got)
    got = claims(ex, "The mayor of Kherson said four civilians had been killed there and "
                     "emergency services in Mykolaiv said a girl had been hurt.")
    assert ("The mayor of Kherson", "four civilians had been killed there") in got
    assert ("emergency services in Mykolaiv", "a girl had been hurt") in got


def test_a_nested_attribution_that_is_the_whole_content_stays(ex: SpacyExtractor) -> None:
    got = claims(ex, "Western officials said Moscow said it would withdraw its troops.")
    assert got and got[0] == ("Western officials", "Moscow said it would withdraw its troops")


def test_a_clause_that_is_not_an_attribution_stays_in_the_content(ex: SpacyExtractor) -> None:
    got = claims(ex, "The governor said two bridges were destroyed and the services said "
                     "nothing about repairs were suspended.")
    assert got and got[0][0] == "The governor"
    got = claims(ex, "The governor said two bridges were destroyed and the ferry was sunk.")
    assert got == [("The governor", "two bridges were destroyed and the ferry was sunk")]


def test_a_report_inside_a_quotation_is_the_quoted_speakers(ex: SpacyExtractor) -> None:
    # the mayor's quotation goes on in the next paragraph and reports what others promise:
    # the officials are not the speakers of a claim of their own
    got = claims(ex, "“The trams have stopped,” Mayor Ihor Terekhov said. “The depots are "
                     "dark.\n\n“But Ukrainian officials promise that the lines will be back "
                     "within a week.”\n\nThe governor said the city was calm.")
    assert ("Ihor Terekhov", "The trams have stopped") in [(s, c.strip("“”,")) for s, c in got]
    assert all(s != "Ukrainian officials" for s, _ in got)
    assert ("The governor", "the city was calm") in got


def test_a_report_outside_quotation_marks_stays(ex: SpacyExtractor) -> None:
    got = claims(ex, "Ukrainian officials promise that the lines will be back within a week.")
    assert got == [("Ukrainian officials", "that the lines will be back within a week")]


def test_an_object_judged_as_something_keeps_the_judgement(ex: SpacyExtractor) -> None:
    (res,) = ex.iter_extract([("t-as", "Kaja Kallas condemned the Russian strikes as "
                                       "“pure terror”.", "2024-04-02")])
    (c,) = res.claims
    assert c.content == "the Russian strikes as “pure terror”"
    assert c.statement == "The Russian strikes are “pure terror.”"


@pytest.mark.parametrize(("text", "statement"), [
    ("“I try to keep the shelters open every night,” said Marta Kovalenko.",
     "Marta Kovalenko tries to keep the shelters open every night."),
    ("“I watch the river crossings closely,” said Marta Kovalenko.",
     "Marta Kovalenko watches the river crossings closely."),
    ("“I know the convoy left on time,” said Marta Kovalenko.",
     "Marta Kovalenko knows the convoy left on time."),
])
def test_a_first_person_present_verb_agrees_with_the_speakers_name(
        ex: SpacyExtractor, text: str, statement: str) -> None:
    (res,) = ex.iter_extract([("t-agree", text, "2024-04-02")])
    (c,) = res.claims
    assert c.statement == statement
    # the content itself stays the article's words
    assert c.content.startswith("“I ")


@pytest.mark.parametrize(("text", "statement"), [
    ("Andriy Sybiha criticised Amnesty over the report published on Thursday.",
     "Andrii Sybiha criticised Amnesty over the report published on Thursday."),
    ("The Iranian supreme leader, Ali Khamenei, warned Erdogan against a further invasion of "
     "Syria.", "Ali Khamenei warned Erdogan against a further invasion of Syria."),
    ("Volodymyr Zelensky denied Russian claims of the fall of Lysychansk.",
     "Volodymyr Zelensky denied Russian claims of the fall of Lysychansk."),
])
def test_an_object_without_a_clause_is_the_speaker_doing_it(ex: SpacyExtractor, text: str,
                                                           statement: str) -> None:
    (res,) = ex.iter_extract([("t-object", text, "2024-04-02")])
    (c,) = res.claims
    assert c.statement == statement
    assert text[c.content_span[0]:c.content_span[1]] == c.content  # offsets still the article's


def test_a_statement_opening_with_a_quotation_mark_is_capitalised(ex: SpacyExtractor) -> None:
    (res,) = ex.iter_extract([("t-cap", "The Iranian leader stated that “a military incursion "
                                        "into Syria will benefit terrorists”.", "2024-04-02")])
    (c,) = res.claims
    assert c.statement == "“A military incursion into Syria will benefit terrorists.”"


def test_a_quoted_conditional_keeps_its_if(ex: SpacyExtractor) -> None:
    (res,) = ex.iter_extract([("t-if", "“If this is another attempt at loud diplomacy, it is "
                                       "their business,” Sergei Lavrov said.", "2024-04-02")])
    (c,) = res.claims
    assert c.statement.startswith("If this is another attempt")
    (res,) = ex.iter_extract([("t-that", "Sergei Lavrov said that the talks were over.",
                               "2024-04-02")])
    (c,) = res.claims
    assert c.statement == "The talks were over."


@pytest.mark.parametrize(("text", "content", "statement"), [
    ("The talks, Dmitry Peskov told reporters on Monday, would resume in Istanbul.",
     "The talks, Dmitry Peskov told reporters on Monday, would resume in Istanbul",
     "The talks would resume in Istanbul."),
    ("Russian troops, the governor told the BBC, had withdrawn from the village.",
     "Russian troops, the governor told the BBC, had withdrawn from the village",
     "Russian troops had withdrawn from the village."),
    ("The plan, the minister said on Friday, was realistic.",
     "The plan, the minister said on Friday, was realistic", "The plan was realistic."),
])
def test_a_fronted_subject_before_an_inserted_cue_stays_in_the_claim(
        ex: SpacyExtractor, text: str, content: str, statement: str) -> None:
    (res,) = ex.iter_extract([("t-front", text, "2024-04-02")])
    (c,) = res.claims
    assert (c.content, c.statement) == (content, statement)


def test_a_contracted_we_takes_the_singular_of_the_name(ex: SpacyExtractor) -> None:
    (res,) = ex.iter_extract([("t-weve", "“We’ve seen them advance very slowly on the "
                                         "battlefield,” said Lloyd Austin.", "2024-04-02")])
    (c,) = res.claims
    assert c.statement == "Lloyd Austin has seen them advance very slowly on the battlefield."


@pytest.mark.parametrize(("text", "statement"), [
    ("The transport ministry believes it will take until 2030 for air traffic to recover.",
     "It will take until 2030 for air traffic to recover."),
    ("The ministry said it was clear that the bridge had been hit.",
     "It was clear that the bridge had been hit."),
    ("The ministry said it had shot down 12 drones overnight.",
     "The ministry had shot down 12 drones overnight."),
    # the cue after the content: 'it' is what the article spoke of before, not the speaker
    ("A fuel depot burned for hours. It is in the town of Marvik in the Pelsk region, "
     "according to the general staff of the Norland army.",
     "It is in the town of Marvik in the Pelsk region."),
])
def test_an_it_that_stands_for_a_clause_is_not_the_speaker(ex: SpacyExtractor, text: str,
                                                           statement: str) -> None:
    (res,) = ex.iter_extract([("t-it", text, "2024-04-02")])
    (c,) = res.claims
    assert c.statement == statement


def test_a_content_left_on_a_preposition_runs_to_its_sentence_end(ex: SpacyExtractor) -> None:
    # the parse hangs 'about NZ$95m.' outside the clause and misses the sentence end after it
    text = ("Mark Rutte visited Kyiv on Sunday. Rutte said the new package raises the Dutch "
            "total of military aid to about NZ$95m. Zelensky called the visit a “historic "
            "moment”.")
    (res,) = ex.iter_extract([("t-dangle", text, "2024-04-02")])
    got = [c.content for c in res.claims if c.speaker.name.endswith("Rutte")]
    assert got == ["the new package raises the Dutch total of military aid to about NZ$95m"]
    assert all(text.find(c) >= 0 for c in got)  # still the article's own words


def test_after_a_fronted_quotation_the_writers_next_clause_is_not_content(
        ex: SpacyExtractor) -> None:
    text = ("Ivan Dorn met Pavel Holt in Marvik. “The decision to close the plant has been "
            "made,” Dorn said, to which Holt responded: “Good.”")
    (res,) = ex.iter_extract([("t-next", text, "2024-04-02")])
    got = [(c.speaker.name, c.content) for c in res.claims]
    assert got == [("Ivan Dorn", "“The decision to close the plant has been made,”")]


def test_a_fronted_phrase_without_a_clause_is_not_what_was_said(ex: SpacyExtractor) -> None:
    # a pull-quote line without a full stop glues onto the next paragraph in the parse, which
    # leaves the fronted 'At the beginning of …' as the only thing before 'believed'
    text = ("The spare parts needed to run major systems in big cities come from countries "
            "robustly supporting the embargo regime\n\nAt the beginning of the war, many people "
            "believed the west would impose only weak sanctions and that Moscow would find "
            "allies to circumvent the most damaging ones.")
    (res,) = ex.iter_extract([("t-fronted", text, None)])
    assert not any(c.content.startswith("At the beginning") for c in res.claims), [
        c.content for c in res.claims]
