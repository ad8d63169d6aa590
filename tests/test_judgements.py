"""Merges and splits as judgements: applied, listed, undone to exactly the previous graph,
kept through re-ingest, and for admin keys only. Against the real Neo4j and the real writer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from graph import judgements
from graph.driver import Graph
from graph.errors import InvalidInput
from graph.models import (
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    MentionRef,
    QuoteType,
    RelationRecord,
    SpeakerRef,
    StoredArticle,
    content_hash,
)
from graph.writer import Neo4jWriter
from tests.conftest import ADMIN_KEY, INGEST_KEY, READ_KEY
from tests.graph_fingerprint import fingerprint
from tests.test_aggregates import _recount, _stored

AT = "2025-05-01T12:00:00+00:00"
TEXT = ("Mayor Petro Hrytsenko of Ostriv said the bridge would reopen. "
        "P. Hrytsenko told reporters the repairs were paid for. "
        "The Ruthenian defence ministry said it had sent engineers. "
        "The Vardian defence ministry said the bridge was never damaged.")


def _at(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def _sentence(pos: int) -> tuple[int, int]:
    lo = TEXT.rfind(". ", 0, pos)
    lo = 0 if lo < 0 else lo + 2
    return lo, TEXT.index(".", pos) + 1


def _mention(sub: str, nth: int = 0) -> Mention:
    s, e = _at(sub, nth)
    ss, se = _sentence(s)
    return Mention(start=s, end=e, text=sub, sentence_start=ss, sentence_end=se)


def _claim(cid: str, speaker: EntityRecord, said_as: str, content: str,
           about: list[str]) -> ClaimRecord:
    sp = _at(said_as)
    return ClaimRecord(id=cid, speaker=SpeakerRef(id=speaker.id, name=speaker.name,
                                                  type=speaker.type.value),
                       speaker_span=sp, cue="said", content=content, content_span=_at(content),
                       sentence_span=_sentence(sp[0]), quote_type=QuoteType.INDIRECT,
                       about=about)


def _article(tag: str, n: str = "") -> tuple[StoredArticle, ExtractionResult]:
    """Article ``jdg-art-<tag><n>``; its entities' ids depend on ``tag`` only."""
    # Fixed times, so that writing the same extraction again is byte-for-byte the same.
    art = StoredArticle(id=f"jdg-art-{tag}{n}", text=TEXT,
                        content_hash=content_hash(TEXT + tag + n),
                        source="Judgement Test Wire", published="2025-05-01",
                        fetched_at=datetime(2025, 5, 1, 12, tzinfo=UTC))
    mayor = EntityRecord(id=f"person:hrytsenko-{tag}", type=EntityType.PERSON,
                         name="Petro Hrytsenko", aliases=["Hrytsenko"],
                         mentions=[_mention("Petro Hrytsenko")],
                         resolution={"method": "new", "score": 1.0,
                                     "matched": "Petro Hrytsenko", "at": AT})
    initial = EntityRecord(id=f"person:p-hrytsenko-{tag}", type=EntityType.PERSON,
                           name="P. Hrytsenko", mentions=[_mention("P. Hrytsenko")],
                           resolution={"method": "fuzzy", "score": 0.82,
                                       "matched": "P. Hrytsenko", "at": AT})
    town = EntityRecord(id=f"place:ostriv-{tag}", type=EntityType.PLACE, name="Ostriv",
                        mentions=[_mention("Ostriv")])
    ministry = EntityRecord(
        id=f"org:defence-ministry-{tag}", type=EntityType.ORGANIZATION, name="Defence Ministry",
        aliases=["Ruthenian defence ministry", "Vardian defence ministry"],
        mentions=[_mention("Ruthenian defence ministry"), _mention("Vardian defence ministry")],
        resolution={"method": "alias", "score": 1.0, "matched": "Vardian defence ministry",
                    "at": AT})
    claims = [
        _claim(f"c1-{tag}{n}", mayor, "Petro Hrytsenko", "the bridge would reopen", [town.id]),
        _claim(f"c2-{tag}{n}", initial, "P. Hrytsenko", "the repairs were paid for", []),
        _claim(f"c3-{tag}{n}", ministry, "Ruthenian defence ministry", "it had sent engineers", []),
        _claim(f"c4-{tag}{n}", ministry, "Vardian defence ministry",
               "the bridge was never damaged", []),
    ]
    role = RelationRecord(type="HAS_ROLE", source=mayor.id, target=town.id, title="Mayor",
                          span=(0, _at("Ostriv")[1]), sentence_span=_sentence(0))
    res = ExtractionResult(id=art.id, extractor_version="test-1",
                           entities=[mayor, initial, town, ministry], claims=claims,
                           relations=[role])
    return art, res


@pytest.fixture
def written(graph: Graph) -> Iterator[tuple[str, StoredArticle, ExtractionResult]]:
    tag = uuid.uuid4().hex[:8]
    art, res = _article(tag)
    Neo4jWriter(graph)([art], [res])
    yield tag, art, res


def _assert_aggregates_exact(graph: Graph, ids: set[str]) -> None:
    """The write-time aggregates of the judged entities equal a full recount."""
    want_pairs, want_ents = _recount(graph)
    got_pairs, got_ents = _stored(graph)

    def mine(pairs: dict) -> dict:
        return {k: v for k, v in pairs.items() if k[1] in ids or k[2] in ids}

    assert mine(got_pairs) == mine(want_pairs)
    assert {k: got_ents.get(k) for k in ids} == {k: want_ents.get(k) for k in ids}


def _entity(graph: Graph, eid: str) -> dict | None:
    rows = graph.read("MATCH (e:Entity {id: $id}) RETURN properties(e) AS p", id=eid)
    return rows[0]["p"] if rows else None


def _speaker(graph: Graph, cid: str) -> str:
    return graph.read("MATCH (s)-[:SAID]->(:Claim {id: $id}) RETURN s.id AS s", id=cid)[0]["s"]


def test_merge_then_undo_restores_exactly_the_previous_graph(graph: Graph, written) -> None:
    tag, _, _ = written
    s, o = f"person:hrytsenko-{tag}", f"person:p-hrytsenko-{tag}"
    before = fingerprint(graph)
    j = judgements.merge(graph, s, o, reason="same mayor", role="admin")
    assert (j.kind, j.entity_id, j.other_id, j.method, j.score) == ("merge", s, o, "fuzzy", 0.82)
    assert _entity(graph, o) is None
    assert "P. Hrytsenko" in _entity(graph, s)["aliases"]
    assert _speaker(graph, f"c2-{tag}") == s  # the claim said under the other name moved
    m = graph.read("MATCH (:Article {id: $a})-[m:MENTIONS]->(:Entity {id: $e}) "
                   "RETURN m.count AS n, m.texts AS t", a=f"jdg-art-{tag}", e=s)[0]
    assert m == {"n": 2, "t": ["Petro Hrytsenko", "P. Hrytsenko"]}
    assert fingerprint(graph) != before
    _assert_aggregates_exact(graph, {s, o})

    listed = judgements.list_for(graph, s)
    assert [x.id for x in listed] == [j.id] and listed[0].undone_at is None
    undone = judgements.undo(graph, j.id, role="admin")
    assert undone.undone_at is not None
    assert fingerprint(graph) == before
    _assert_aggregates_exact(graph, {s, o})
    with pytest.raises(InvalidInput, match="already undone"):
        judgements.undo(graph, j.id, role="admin")


def test_split_alias_then_undo_restores_exactly_the_previous_graph(graph: Graph,
                                                                  written) -> None:
    tag, _, _ = written
    e = f"org:defence-ministry-{tag}"
    before = fingerprint(graph)
    j = judgements.split(graph, e, alias="Vardian defence ministry", mention=None,
                         reason="two countries' ministries", role="admin")
    new = j.new_entity_id
    assert new and _entity(graph, new)["name"] == "Vardian defence ministry"
    assert "Vardian defence ministry" not in _entity(graph, e)["aliases"]
    assert (_speaker(graph, f"c4-{tag}"), _speaker(graph, f"c3-{tag}")) == (new, e)
    assert (j.method, j.score) == ("alias", 1.0)  # the resolver decision it overrules
    _assert_aggregates_exact(graph, {e, new})
    judgements.undo(graph, j.id, role="admin")
    assert fingerprint(graph) == before
    _assert_aggregates_exact(graph, {e, new})
    assert _entity(graph, new) is None


def test_split_one_mention_and_bad_requests(graph: Graph, written) -> None:
    tag, _, _ = written
    e = f"org:defence-ministry-{tag}"
    start = _at("Ruthenian defence ministry")[0]
    j = judgements.split(graph, e, alias=None,
                         mention=MentionRef(article_id=f"jdg-art-{tag}", start=start),
                         reason=None, role="admin")
    assert _speaker(graph, f"c3-{tag}") == j.new_entity_id
    with pytest.raises(InvalidInput, match="own name"):
        judgements.split(graph, e, alias="defence ministry", mention=None, reason=None,
                         role="admin")
    with pytest.raises(InvalidInput, match="no mention"):
        judgements.split(graph, e, alias="Atlantean defence ministry", mention=None,
                         reason=None, role="admin")
    with pytest.raises(InvalidInput, match="into itself"):
        judgements.merge(graph, e, e, reason=None, role="admin")


def test_judgements_survive_rewriting_the_article(graph: Graph, written) -> None:
    tag, art, res = written
    s, o = f"person:hrytsenko-{tag}", f"person:p-hrytsenko-{tag}"
    e = f"org:defence-ministry-{tag}"
    judgements.merge(graph, s, o, reason=None, role="admin")
    split = judgements.split(graph, e, alias="Vardian defence ministry", mention=None,
                             reason=None, role="admin")
    after = fingerprint(graph)
    Neo4jWriter(graph)([art], [res])  # re-ingest / re-extraction writes the same extraction
    assert _entity(graph, o) is None
    assert _speaker(graph, f"c4-{tag}") == split.new_entity_id
    assert fingerprint(graph) == after  # nothing came back, nothing moved

    # Undo goes newest first; an older judgement waits for the newer ones on its entities.
    merge_j = next(x for x in judgements.list_for(graph, s) if x.kind == "merge")
    judgements.undo(graph, split.id, role="admin")
    judgements.undo(graph, merge_j.id, role="admin")
    Neo4jWriter(graph)([art], [res])  # with both undone the extraction writes as it is
    assert _entity(graph, o) is not None and _speaker(graph, f"c4-{tag}") == e


def test_undo_keeps_what_later_articles_added(graph: Graph, written) -> None:
    tag, art, _ = written
    s, o = f"person:hrytsenko-{tag}", f"person:p-hrytsenko-{tag}"
    e = f"org:defence-ministry-{tag}"
    merge_j = judgements.merge(graph, s, o, reason=None, role="admin")
    split_j = judgements.split(graph, e, alias="Vardian defence ministry", mention=None,
                               reason=None, role="admin")
    later_art, later_res = _article(tag, "-later")
    Neo4jWriter(graph)([later_art], [later_res])  # written while both judgements stand
    judgements.undo(graph, split_j.id, role="admin")
    judgements.undo(graph, merge_j.id, role="admin")

    def mentioned(article_id: str) -> set[str]:
        return {r["id"] for r in graph.read(
            "MATCH (:Article {id: $a})-[:MENTIONS]->(x:Entity) RETURN x.id AS id", a=article_id)}

    # The first article is back as it was; the later one keeps its mentions, on the entities
    # the judgements had sent them to (the survivor, the entity the split was taken from).
    assert {s, o, e} <= mentioned(art.id)
    assert s in mentioned(later_art.id) and e in mentioned(later_art.id)
    assert o not in mentioned(later_art.id)
    both = graph.read("MATCH (:Article {id: $a})-[m:MENTIONS]->(:Entity {id: $e}) "
                      "RETURN m.count AS n, m.texts AS t", a=later_art.id, e=e)
    assert both == [{"n": 2, "t": ["Ruthenian defence ministry", "Vardian defence ministry"]}]
    assert _speaker(graph, f"c2-{tag}-later") == s and _speaker(graph, f"c4-{tag}-later") == e
    row = graph.read("MATCH (c:Claim {id: $id}) RETURN c.speaker_id AS i", id=f"c4-{tag}-later")
    assert row[0]["i"] == e


def test_undo_refuses_while_a_later_judgement_stands(graph: Graph, written) -> None:
    tag, _, _ = written
    s, o = f"person:hrytsenko-{tag}", f"person:p-hrytsenko-{tag}"
    first = judgements.merge(graph, s, o, reason=None, role="admin")
    second = judgements.merge(graph, s, f"place:ostriv-{tag}", reason=None, role="admin")
    with pytest.raises(InvalidInput, match="later judgements"):
        judgements.undo(graph, first.id, role="admin")
    judgements.undo(graph, second.id, role="admin")
    judgements.undo(graph, first.id, role="admin")


def test_api_merge_split_list_undo_admin_only(client, graph: Graph, written) -> None:
    tag, _, _ = written
    s, o = f"person:hrytsenko-{tag}", f"person:p-hrytsenko-{tag}"
    for key in (READ_KEY, INGEST_KEY):
        r = client.post(f"/v1/entities/{s}/merge", json={"other": o},
                        headers={"X-API-Key": key})
        assert r.status_code == 403
        assert client.get(f"/v1/entities/{s}/judgements",
                          headers={"X-API-Key": key}).status_code == 403
    assert client.get("/v1/me", headers={"X-API-Key": READ_KEY}).json() == {"role": "read"}
    admin = {"X-API-Key": ADMIN_KEY}
    assert client.get("/v1/me", headers=admin).json() == {"role": "admin"}
    before = fingerprint(graph)
    r = client.post(f"/v1/entities/{s}/merge", json={"other": o, "reason": "same"},
                    headers=admin)
    assert r.status_code == 200, r.text
    j = r.json()["judgement"]
    assert (j["kind"], j["other_id"], j["created_by"], j["reason"]) == ("merge", o, "admin",
                                                                        "same")
    assert client.get(f"/v1/entities/{o}").status_code == 404
    r = client.post(f"/v1/entities/{f'org:defence-ministry-{tag}'}/split",
                    json={"alias": "Vardian defence ministry"}, headers=admin)
    assert r.status_code == 200 and r.json()["new_entity_id"]
    split_id = r.json()["judgement"]["id"]
    listed = client.get(f"/v1/entities/{s}/judgements", headers=admin).json()
    assert [x["id"] for x in listed] == [j["id"]]
    assert client.post(f"/v1/judgements/{split_id}/undo", headers=admin).status_code == 200
    r = client.post(f"/v1/judgements/{j['id']}/undo", headers=admin)
    assert r.status_code == 200 and r.json()["judgement"]["undone_at"]
    assert fingerprint(graph) == before
    assert client.post("/v1/judgements/jdg-nope/undo", headers=admin).status_code == 404
    r = client.post(f"/v1/entities/{s}/split", json={}, headers=admin)
    assert r.status_code == 400
