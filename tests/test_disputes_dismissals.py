"""Denials that only say what they call the other side's claim ('dismissed the report as
propaganda', 'called the claim a lie'), name it an explanation, or are a lone pointer
('rejected that', 'denied it'); group speakers (critics, opposition parties); sides of
organizations named after their country. Sentences written for these tests; the last test
runs the extractor's claims through the writer and the claim detail of the real Neo4j."""

from __future__ import annotations

import pytest

from bench.quality import system_disputes
from graph.dispute_sides import side_keys
from graph.disputes import ClaimView, points_back
from graph.driver import Graph
from graph.models import ArticleStatus, StoredArticle, content_hash
from graph.writer import Neo4jWriter
from ingest.extract import SpacyExtractor

CLAIM = "The Russian defence ministry said its missiles had destroyed a fuel depot near Dnipro. "


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def run(ex: SpacyExtractor, text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(speaker, stance, content) per claim, and the links as 'i-j reason'."""
    (res,) = ex.iter_extract([("t-dismissals", text, "2024-05-08")])
    claims = [(c.speaker.name, c.stance.value, c.content) for c in res.claims]
    return claims, [f"{i}-{j} {why}" for i, j, why in system_disputes(res)]


@pytest.mark.parametrize("denial", [
    "Ukraine's air force dismissed the report as propaganda.",
    "Ukraine's air force dismissed the Russian claims as fabrications.",
    "Yuriy Ihnat, a spokesman for Ukraine's air force, called the claim a lie.",
    "Ukraine's air force called it fake news.",
    "The Ukrainian general staff rejected that.",
    "Ukraine's authorities rejected Russia's explanation.",
])
def test_a_dismissal_of_the_claim_just_before_it_links(ex: SpacyExtractor, denial: str) -> None:
    claims, links = run(ex, CLAIM + denial)
    assert claims[1][1] == "denies"
    assert links == ["0-1 denial"]


def test_rejecting_the_claims_answers_a_claim_not_a_threat(ex: SpacyExtractor) -> None:
    # what was claimed (the gas attack) was no claim of its own: the threat is not it
    assert run(ex, "The United States threatened to bomb several Syrian air bases. Rebels "
                   "posted videos of an alleged gas attack near Douma. The Syrian government "
                   "rejected the claims as baseless.")[1] == []
    assert run(ex, "Rebel commanders said the Syrian army had used poison gas near Douma. "
                   "The Syrian government rejected the claims as baseless.")[1] == [
        "0-1 denial"]


def test_a_lone_pointer_skips_a_claim_of_the_deniers_own_side(ex: SpacyExtractor) -> None:
    # the Russian ministry's own claim stands between: Moscow denies the Ukrainian one
    claims, links = run(ex, "Ukraine's general staff said Russian forces had shelled Kharkiv "
                            "overnight. The Russian defence ministry said talks had stalled. "
                            "Moscow denied it.")
    assert claims[2][1:] == ("denies", "it")
    assert links == ["0-2 denial"]


@pytest.mark.parametrize("text", [
    # the same government: a ministry rejecting its general staff is no dispute here
    "Ukraine's general staff said Russian forces had shelled Kharkiv overnight. Ukraine's "
    "defence ministry rejected that.",
    # the same side dismisses its own ministry's claim
    CLAIM + "The Kremlin called it fake news.",
    # nothing before it to dismiss
    "The Kremlin called the reports a fabrication. Dmitry Peskov said talks would resume.",
    # a claim sentences away, with an unrelated sentence in between: no pointer reaches it
    CLAIM + "The grain corridor through the Black Sea carried more than two million tonnes "
    "of wheat and maize in May, and shipping insurers lowered their premiums for the third "
    "month in a row after the navy cleared the approaches to the ports of the region. "
    "Ukraine's air force dismissed the report as propaganda.",
])
def test_no_link_for_same_side_or_nothing_to_answer(ex: SpacyExtractor, text: str) -> None:
    assert run(ex, text)[1] == []


def test_naming_what_is_no_dismissal_gives_no_denial(ex: SpacyExtractor) -> None:
    claims, links = run(ex, CLAIM + "Volodymyr Zelensky called the strike a tragedy.")
    assert all(stance != "denies" for _, stance, _ in claims) and links == []
    claims, links = run(ex, CLAIM + "Ukraine's air force called for an end to the shelling.")
    assert all(stance != "denies" for _, stance, _ in claims) and links == []
    # a one-word content with a cue that is no denial is still no claim
    claims, _ = run(ex, CLAIM + "Ukraine's air force confirmed it.")
    assert [c for c in claims if c[2] == "it"] == []


def test_denying_responsibility_answers_the_blame_laid_on_the_denier(
        ex: SpacyExtractor) -> None:
    claims, links = run(ex, "Volodymyr Zelensky accused Russia of shelling the prison in "
                            "Olenivka. Russia denied responsibility and said Ukrainian forces "
                            "had struck the prison with rockets.")
    assert claims[1][1:] == ("denies", "responsibility")
    assert links == ["0-1 denial_of_accusation"]
    _, links = run(ex, "Kyiv said Russian troops had shelled the prison in Olenivka "
                       "overnight. Moscow denied any involvement.")
    assert links == ["0-1 denial"]  # a claim about the denier's side
    # the denial in a relative clause inside the accusation's content
    claims, links = run(ex, "Russia accused Ukraine of a drone attack on an oil depot in "
                            "Kursk, for which Kyiv denied responsibility.")
    assert ("Kyiv", "denies", "responsibility") in claims
    assert links == ["0-1 denial_of_accusation"]
    # blame laid on the other side, or no blame at all: nothing to answer
    assert run(ex, "The Russian defence ministry said Ukrainian forces had shelled a school "
                   "in Donetsk. Moscow denied responsibility.")[1] == []
    assert run(ex, "Volodymyr Zelensky said the grain corridor was working well. Russia "
                   "denied responsibility.")[1] == []


def test_what_a_dismissal_calls_the_claim() -> None:
    def back(content: str) -> bool:
        return points_back(ClaimView(id="x", speaker_id="s", stance="denies", content=content))

    assert back("the report as propaganda") and back("the claims as baseless")
    assert back("the claim a lie") and back("it fake news") and back("that")
    # a judgement of its own, or a subject of its own, is not a pointer back
    assert not back("the report as a sign of weakness")
    assert not back("the report on grain exports as false and misleading")


def test_group_speakers_make_claims_a_denial_answers(ex: SpacyExtractor) -> None:
    claims, links = run(ex, "Opposition parties say the new tax will hurt small farmers in "
                            "the north. The finance minister said that will not happen.")
    assert claims[0][0] == "Opposition parties" and links == ["0-1 denial"]
    claims, links = run(ex, "Critics have accused the ministry of hiding the true cost of the "
                            "new border fence. The ministry denied hiding the cost of the "
                            "fence.")
    assert claims[0][:2] == ("Critics", "accuses") and links == ["0-1 denial"]
    # two groups saying opposite things with no denial: no link (a forecast each)
    assert run(ex, "Some critics said the plan would fail. Supporters said it would "
                   "work.")[1] == []


def test_an_organization_named_after_its_country_is_on_its_side() -> None:
    assert "cc:UA" in side_keys(["org:ukrainian-defence-ministry"])
    assert "cc:RU" in side_keys(["org:russian-foreign-ministry"])
    assert "cc:GB" in side_keys(["org:united-kingdom-border-force"])
    # a person's first name is not a country, nor is a word further in
    assert not any(k.startswith("cc:") for k in side_keys(["person:jordan-peterson"]))
    assert not any(k.startswith("cc:") for k in side_keys(["org:free-russia-foundation"]))
    # a known state institution speaks for its country; a party or armed group need not
    assert "cc:RU" in side_keys(["org:kremlin"]) and "cc:US" in side_keys(["org:pentagon"])
    assert not any(k.startswith("cc:") for k in side_keys(["org:wagner-group"]))


def test_the_graph_links_a_lone_pointer_denial(ex: SpacyExtractor, client,
                                               graph: Graph) -> None:
    text = ("The Russian defence ministry said its jets had hit a command post in Kramatorsk. "
            "The Ukrainian general staff rejected that.")
    (res,) = ex.iter_extract([("tdism-a", text, "2024-05-08")])
    art = StoredArticle(id="tdism-a", text=text, content_hash=content_hash(text),
                        status=ArticleStatus.OK, published="2024-05-08")
    ids = [c.id for c in res.claims]
    assert [c.content for c in res.claims] == ["its jets had hit a command post in Kramatorsk",
                                               "that"]
    try:
        Neo4jWriter(graph)([art], [res])
        body = client.get(f"/v1/claims/{ids[1]}").json()
        assert [(r["reason"], r["claim"]["id"]) for r in body["disputes"]] == [
            ("denial", ids[0])]
        body = client.get(f"/v1/claims/{ids[0]}").json()
        assert [(r["reason"], r["claim"]["id"]) for r in body["disputes"]] == [
            ("denial", ids[1])]
    finally:
        graph.write("MATCH (c:Claim) WHERE c.id IN $ids DETACH DELETE c", ids=ids)
        graph.write("MATCH (a:Article {id: 'tdism-a'}) DETACH DELETE a")
