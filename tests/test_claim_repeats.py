"""Repeats folded across articles (issue 11 item 7): the same named speaker with near-identical
content in two articles is one claim with several appearances; keys, not scans, find them
(graph/repeat_keys.py, graph/repeats.py). Against the real Neo4j, with sentences of our own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.aggregates import delete_articles
from graph.driver import Graph
from graph.models import (
    ArticleStatus,
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    SpeakerRef,
    StoredArticle,
    content_hash,
)
from graph.repeat_keys import repeat_keys, same_words, words
from graph.repeats import Member, assign
from graph.writer import Neo4jWriter

SPEAKER = "person:trep-halden"
NAME = "Mira Halden"
QUOTE = ("the ferry line across the northern lake will reopen on Friday once the last mines "
         "are cleared from the harbour")
# the same words with a few more (a wire copy that adds a clause): still a repeat
LONGER = QUOTE + " by navy divers"
# the same topic in other words: below the 75 % rule, two claims
PARAPHRASE = ("ferries should be running again across the lake at the end of the week, after "
              "divers finish their work in the port")


def test_keys_collide_for_repeats_and_not_for_other_content() -> None:
    exact, longer = set(repeat_keys(SPEAKER, QUOTE)), set(repeat_keys(SPEAKER, LONGER))
    assert len(exact) == 11 and exact & longer  # an exact key and ten band keys
    assert not exact & set(repeat_keys(SPEAKER, PARAPHRASE))
    assert not exact & set(repeat_keys("person:trep-other", QUOTE))  # keys carry the speaker
    assert repeat_keys("anon:trep-1", QUOTE, anonymous=True) == []
    assert repeat_keys(SPEAKER, "we will win") == []  # a slogan is not one reported claim
    assert same_words(words(QUOTE), words(LONGER))
    assert not same_words(words(QUOTE), words(PARAPHRASE))


def test_the_earliest_appearance_is_canonical_whatever_the_order() -> None:
    def m(cid: str, art: str, pub: str | None, text: str = QUOTE, anon: bool = False) -> Member:
        return Member(cid, art, SPEAKER, anon, tuple(words(text)), pub)

    late, early, undated = m("c1", "a1", "2024-05-02"), m("c2", "a2", "2024-05-01"), \
        m("c3", "a3", None)
    assert assign([late, undated, early]) == {"c1": "c2", "c3": "c2"}
    same_article = m("c4", "a2", "2024-05-01")  # the extractor folds within an article
    assert assign([early, same_article]) == {}
    assert assign([m("c5", "a5", "2024-05-01", anon=True),
                   m("c6", "a6", "2024-05-02", anon=True)]) == {}


def _article(aid: str, text: str, published: str | None) -> StoredArticle:
    return StoredArticle(id=aid, text=text, content_hash=content_hash(text),
                         status=ArticleStatus.OK, published=published,
                         url=f"https://example.org/{aid}", title=f"Story {aid}")


def _result(art: StoredArticle, content: str, *, anonymous: bool = False
            ) -> ExtractionResult:
    text = art.text
    s = text.index(content)
    if anonymous:
        speaker = SpeakerRef(id=f"anon:{art.id}-0", name="a port official",
                             type="AnonymousSource", anonymous=True,
                             description="a port official")
        ents = []
    else:
        speaker = SpeakerRef(id=SPEAKER, name=NAME, type="Person")
        n = text.index(NAME)
        ents = [EntityRecord(id=SPEAKER, type=EntityType.PERSON, name=NAME, mentions=[
            Mention(start=n, end=n + len(NAME), text=NAME, sentence_start=0,
                    sentence_end=len(text))])]
    claim = ClaimRecord(id=f"{art.id}-c0", speaker=speaker, cue="say", content=content,
                        content_span=(s, s + len(content)), sentence_span=(0, len(text)),
                        quote_type=QuoteType.INDIRECT)
    return ExtractionResult(id=art.id, extractor_version="t", entities=ents, claims=[claim])


def _write(graph: Graph, aid: str, content: str, published: str | None, *,
           anonymous: bool = False) -> StoredArticle:
    who = "A port official" if anonymous else NAME
    art = _article(aid, f"{who} said {content}.", published)
    Neo4jWriter(graph)([art], [_result(art, content, anonymous=anonymous)])
    return art


@pytest.fixture
def clean(graph: Graph) -> Iterator[None]:
    yield
    ids = [r["id"] for r in graph.read(
        "MATCH (a:Article) WHERE a.id STARTS WITH 'trep-' RETURN a.id AS id")]
    delete_articles(graph, ids)
    graph.write("MATCH (n) WHERE n.id STARTS WITH 'person:trep-' OR n.entity_id STARTS WITH "
                "'person:trep-' DETACH DELETE n")
    graph.write("MATCH (k:RepeatKey) WHERE NOT EXISTS { (k)<-[:HAS_REPEAT_KEY]-() } "
                "DETACH DELETE k")


def _listed(client, speaker: str = SPEAKER) -> list[dict]:
    return client.get("/v1/claims", params={"speaker": speaker, "limit": 50}).json()["items"]


def _claims_count(graph: Graph) -> int:
    rows = graph.read("MATCH (s:EntityStats {entity_id: $id}) RETURN s.claims AS n", id=SPEAKER)
    return int(rows[0]["n"]) if rows else 0


def test_a_wire_copy_is_one_claim_with_two_appearances(client, graph: Graph, clean) -> None:
    _write(graph, "trep-late", LONGER, "2024-05-02T09:00:00")
    _write(graph, "trep-early", QUOTE, "2024-05-01T08:00:00")  # ingested second, earlier
    items = _listed(client)
    assert [c["id"] for c in items] == ["trep-early-c0"]
    [claim] = items
    assert [r["article_id"] for r in claim["repeats"]] == ["trep-late"]
    assert claim["repeats"][0]["url"] == "https://example.org/trep-late"
    assert claim["repeats"][0]["sentence"].startswith(NAME)
    assert _claims_count(graph) == 1  # the speaker's aggregate counts it once
    body = client.get("/v1/claims/trep-late-c0").json()  # a repeat's id opens the claim
    assert body["claim"]["id"] == "trep-early-c0"
    assert [r["article_id"] for r in body["claim"]["repeats"]] == ["trep-late"]
    ld = client.get("/v1/claims/trep-early-c0", params={"format": "jsonld"}).json()
    assert [a["identifier"] for a in ld["appearance"]] == ["trep-early", "trep-late"]
    # the plain list, too, holds it once
    plain = client.get("/v1/claims", params={"limit": 100}).json()["items"]
    assert [c["id"] for c in plain if c["id"].startswith("trep-")] == ["trep-early-c0"]

    # re-ingesting either article changes nothing
    _write(graph, "trep-late", LONGER, "2024-05-02T09:00:00")
    _write(graph, "trep-early", QUOTE, "2024-05-01T08:00:00")
    assert [c["id"] for c in _listed(client)] == ["trep-early-c0"]
    assert _claims_count(graph) == 1

    # deleting the canonical claim's article: the next appearance becomes the claim
    delete_articles(graph, ["trep-early"])
    [claim] = _listed(client)
    assert claim["id"] == "trep-late-c0" and claim["repeats"] == []
    assert _claims_count(graph) == 1


def test_a_re_extraction_that_changes_the_words_unfolds(client, graph: Graph, clean) -> None:
    _write(graph, "trep-one", QUOTE, "2024-05-01")
    _write(graph, "trep-two", QUOTE, "2024-05-02")
    assert len(_listed(client)) == 1
    _write(graph, "trep-two", PARAPHRASE, "2024-05-02")  # the same article extracted anew
    assert sorted(c["id"] for c in _listed(client)) == ["trep-one-c0", "trep-two-c0"]
    assert _claims_count(graph) == 2
    assert graph.read("MATCH (c:ClaimRepeat) WHERE c.id STARTS WITH 'trep-' "
                      "RETURN count(c) AS n")[0]["n"] == 0


def test_a_paraphrase_and_anonymous_speakers_stay_apart(client, graph: Graph, clean) -> None:
    _write(graph, "trep-p1", QUOTE, "2024-05-01")
    _write(graph, "trep-p2", PARAPHRASE, "2024-05-02")
    assert sorted(c["id"] for c in _listed(client)) == ["trep-p1-c0", "trep-p2-c0"]
    _write(graph, "trep-a1", QUOTE, "2024-05-01", anonymous=True)
    _write(graph, "trep-a2", QUOTE, "2024-05-02", anonymous=True)
    anon = graph.read("MATCH (c:Claim) WHERE c.id IN ['trep-a1-c0', 'trep-a2-c0'] "
                      "RETURN count(c) AS n")
    assert anon[0]["n"] == 2  # 'a port official' in two articles: not known to be one person


def test_two_copies_in_one_batch_fold(graph: Graph, clean) -> None:
    a = _article("trep-b1", f"{NAME} said {QUOTE}.", "2024-05-03")
    b = _article("trep-b2", f"{NAME} said {LONGER}.", None)  # undated: after the dated one
    Neo4jWriter(graph)([a, b], [_result(a, QUOTE), _result(b, LONGER)])
    rows = graph.read("MATCH (r:ClaimRepeat)-[:REPEAT_OF]->(c:Claim) WHERE r.id STARTS WITH "
                      "'trep-' RETURN r.id AS r, c.id AS c")
    assert rows == [{"r": "trep-b2-c0", "c": "trep-b1-c0"}]
