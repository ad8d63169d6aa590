"""What journalists ask, against the real Neo4j: boolean text search, unnamed sources, the
speaker's side (affiliation, country), top speakers and targets, unknown names, capped lists."""

from __future__ import annotations

import pytest

import queries
from graph.driver import Graph
from graph.models import (
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    RelationRecord,
    SpeakerRef,
    StoredArticle,
    content_hash,
)
from graph.reads.boolean import to_lucene
from graph.writer import Neo4jWriter

pytest_plugins = ("tests.api_fixtures",)

SOREL, OTTEN = "jt:person:anya-sorel", "jt:person:bram-otten"
MINISTRY, KELM = "jt:org:velm-defence-ministry", "jt:place:kelm"
NAMES = {SOREL: ("Anya Sorel", EntityType.PERSON, None),
         OTTEN: ("Bram Otten", EntityType.PERSON, None),
         MINISTRY: ("Velm Defence Ministry", EntityType.ORGANIZATION, "VL"),
         KELM: ("Kelm", EntityType.PLACE, "VL")}
# (speaker id or None for an unnamed source, text before the subject, target, date)
SENTENCES = [
    (SOREL, "Anya Sorel, an envoy of the Velm Defence Ministry, said negotiations would resume "
            "in Kelm.", None, "2025-04-02"),
    (OTTEN, "Bram Otten said the talks had collapsed in Kelm.", None, "2025-04-20"),
    (None, "A ministry official said the ceasefire talks in Kelm were a ruse.", None,
     "2025-05-03"),
    (OTTEN, "Bram Otten accused Anya Sorel of stalling over Kelm.", SOREL, "2025-05-04"),
]


@pytest.fixture(scope="module")
def journalists(graph: Graph) -> Graph:
    text = " ".join(s for _, s, _, _ in SENTENCES)
    mentions: dict[str, list[Mention]] = {}
    for eid, (name, _, _) in NAMES.items():
        start = text.find(name)
        while start >= 0:
            mentions.setdefault(eid, []).append(Mention(start=start, end=start + len(name),
                                                        text=name))
            start = text.find(name, start + 1)
    claims, pos = [], 0
    for i, (speaker, sentence, target, day) in enumerate(SENTENCES):
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        content = sentence.split(" said ", 1)[-1].split(" accused ", 1)[-1].rstrip(".")
        cs = text.index(content, start)
        spk = (SpeakerRef(id=speaker, name=NAMES[speaker][0], type="Person") if speaker else
               SpeakerRef(id="jt:anon:1", name="a ministry official", type="AnonymousSource",
                          anonymous=True, description="a ministry official",
                          affiliation="Velm Defence Ministry"))
        claims.append(ClaimRecord(
            id=f"jt:claim:{i}", speaker=spk, cue="accuse" if target else "say",
            content=content, content_span=(cs, cs + len(content)), sentence_span=(start, pos),
            quote_type=QuoteType.INDIRECT, about=[KELM], target=target, date=day))
    role = text.index("an envoy")
    res = ExtractionResult(
        id="jt-art-1", extractor_version="jt",
        entities=[EntityRecord(id=eid, type=t, name=n, country=c, mentions=mentions[eid])
                  for eid, (n, t, c) in NAMES.items()],
        claims=claims,
        relations=[RelationRecord(type="HAS_ROLE", source=SOREL, target=MINISTRY, title="envoy",
                                  span=(role + 3, role + 8), sentence_span=(0, 100))])
    art = StoredArticle(id="jt-art-1", text=text, source="Journal T12", published="2025-05-05",
                        content_hash=content_hash(text))
    Neo4jWriter(graph)([art], [res])
    return graph


def _ids(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {c["id"] for c in resp.json()["items"]}


def test_boolean_search_or_not_and_phrases(client, journalists):
    get = lambda **p: client.get("/v1/claims", params={"about": KELM, **p})  # noqa: E731
    assert _ids(get(q="negotiations OR talks")) == {"jt:claim:0", "jt:claim:1", "jt:claim:2"}
    assert _ids(get(q="negotiations talks")) == set()  # side by side: both words
    assert _ids(get(q="talks NOT ceasefire")) == {"jt:claim:1"}
    assert _ids(get(q="talks -ceasefire")) == {"jt:claim:1"}
    assert _ids(get(q='"talks had collapsed"')) == {"jt:claim:1"}
    assert _ids(get(q='"collapsed talks"')) == set()  # a phrase keeps its order
    assert _ids(get(q="(negotiations OR ruse) AND Kelm")) == {"jt:claim:0", "jt:claim:2"}
    assert _ids(get(q="talks:[* TO *]")) == set()  # Lucene syntax is escaped, not run
    for bad in ("talks OR", '"talks had', "(talks", "talks)", "NOT talks", "OR"):
        resp = get(q=bad)
        assert resp.status_code == 422, (bad, resp.text)
        assert resp.json()["error"]["code"] == "query_syntax"


def test_boolean_translation_escapes_everything_else():
    assert to_lucene("a+b") == r"a\+b*"
    assert to_lucene('x OR "y z"') == '(x* OR "y z")'
    assert "NOT" in to_lucene("peace NOT war")


def test_a_short_word_is_never_read_as_another_word():
    # one typo is allowed only in long words: 'ports' must not find 'sports'
    assert to_lucene("ports") == "ports*"
    assert to_lucene("Zelensky") == "(zelensky* OR zelensky~1)"


def test_anonymous_and_the_speakers_side(client, journalists):
    get = lambda **p: client.get("/v1/claims", params={"about": KELM, **p})  # noqa: E731
    assert _ids(get(anonymous="true")) == {"jt:claim:2"}
    assert _ids(get(anonymous="false")) == {"jt:claim:0", "jt:claim:1", "jt:claim:3"}
    side = {"jt:claim:0", "jt:claim:2"}  # the envoy and the ministry's unnamed official
    assert _ids(get(speaker_affiliation="Velm Defence Ministry")) == side
    assert _ids(get(speaker_affiliation=MINISTRY, anonymous="false")) == {"jt:claim:0"}
    assert _ids(get(speaker_country="VL")) == side
    assert _ids(get(speaker_country="vl")) == side
    assert _ids(get(speaker_country="QQ")) == set()


def test_unknown_names_are_404_with_suggestions(client, journalists):
    resp = client.get("/v1/claims", params={"speaker": "Sorrelq Anyx"})
    assert resp.status_code == 404
    detail = resp.json()["error"]["detail"]
    assert detail["param"] == "speaker"
    assert SOREL in [s["id"] for s in detail["suggestions"]]
    resp = client.get("/v1/stats/speakers", params={"about": "Kelmqqx Zzyzx"})
    assert resp.status_code == 404


def test_top_speakers_and_targets(client, journalists):
    resp = client.get("/v1/stats/speakers", params={"about": "Kelm"})
    body = resp.json()
    assert resp.status_code == 200, body
    assert body["counted_from"] == "aggregates"
    assert [(i["entity"]["id"], i["claims"]) for i in body["items"]] == [(OTTEN, 2), (SOREL, 1)]
    may = client.get("/v1/stats/speakers", params={"about": KELM, "from": "2025-05",
                                                   "to": "2025-05"}).json()
    assert [(i["entity"]["id"], i["claims"]) for i in may["items"]] == [(OTTEN, 1)]
    exact = client.get("/v1/stats/speakers", params={"about": KELM, "from": "2025-04-10",
                                                     "to": "2025-05-31"}).json()
    assert exact["counted_from"] == "recount"
    assert [(i["entity"]["id"], i["claims"]) for i in exact["items"]] == [(OTTEN, 2)]
    targets = client.get("/v1/stats/targets", params={"about": KELM}).json()
    assert [(i["entity"]["id"], i["claims"]) for i in targets["items"]] == [(SOREL, 1)]
    capped = client.get("/v1/stats/speakers", params={"about": KELM, "limit": 1}).json()
    assert capped["capped"] is True and len(capped["items"]) == 1


def test_capped_lists_say_so_and_page_on(client, journalists):
    first = client.get("/v1/claims", params={"about": KELM, "limit": 2}).json()
    assert first["capped"] is True and first["next"]
    rest = client.get("/v1/claims", params={"about": KELM, "limit": 2,
                                            "cursor": first["next"]}).json()
    assert rest["capped"] is False and rest["next"] is None
    assert len(first["items"]) + len(rest["items"]) == 4


def test_an_unnamed_source_is_found_by_any_part_of_its_description(client, graph, journalists):
    # Matched case-insensitively through the lowercased name kept at write time and its text
    # index (migration 8); the migration fills it in for sources written before it.
    def speaker(name: str) -> set[str]:
        return _ids(client.get("/v1/claims", params={"speaker": name, "about": KELM}))

    assert speaker("Ministry OFFICIAL") == {"jt:claim:2"}
    assert speaker("istry offic") == {"jt:claim:2"}
    graph.write("MATCH (s:AnonymousSource {id: 'jt:anon:1'}) REMOVE s.name_lower")
    # Later migrations too: migrate() only applies versions above the newest applied one.
    graph.write("MATCH (m:SchemaMigration) WHERE m.version >= 8 DELETE m")
    from graph.schema import migrate

    assert 8 in migrate(graph)
    stored = graph.read("MATCH (s:AnonymousSource {id: 'jt:anon:1'}) RETURN s.name_lower AS n")
    assert stored == [{"n": "a ministry official"}]
    assert speaker("a Ministry Official") == {"jt:claim:2"}
    _, plan = graph.explain(queries.load("entity_ids_by_name"),
                            {"name": "official", "lucene": "official*", "limit": 10},
                            timeout_s=10)
    ops: list[str] = []
    todo = [plan]
    while todo:
        node = todo.pop()
        ops.append(node.get("operatorType", "").split("@")[0])
        todo += node.get("children", [])
    assert "NodeByLabelScan" not in ops, ops  # the anonymous sources through the text index
