"""Disputes that are real (graph/disputes.py), the claim detail's reasons, and the plain claim
list including claims of undated articles, against the real Neo4j."""

from __future__ import annotations

from graph.disputes import ClaimView, dispute_reason
from graph.driver import Graph
from graph.models import (
    ArticleStatus,
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    Quantity,
    QuoteType,
    SpeakerRef,
    Stance,
    StoredArticle,
    content_hash,
)
from graph.writer import Neo4jWriter


def view(cid: str, speaker: str, content: str, stance: str = "asserts", **kw: object
         ) -> ClaimView:
    return ClaimView(id=cid, speaker_id=speaker, stance=stance, content=content, **kw)


def test_explicit_denial_of_the_same_proposition_is_a_dispute() -> None:
    a = view("a", "org:army-a", "the dam at Nova Zora was blown up by the northern units",
             entities={"place:nz"}, date="2024-06-01")
    b = view("b", "org:army-b", "that the northern units blew up the dam at Nova Zora",
             stance="denies", entities={"place:nz"}, date="2024-06-02")
    assert dispute_reason(a, b) == "denial"
    assert dispute_reason(b, a) == "denial"


def test_no_dispute_without_overlap_time_or_sides() -> None:
    a = view("a", "org:army-a", "the dam at Nova Zora was blown up by the northern units",
             entities={"place:nz"}, date="2024-06-01")
    unrelated = view("b", "org:army-b", "that grain exports had stopped entirely",
                     stance="denies", entities={"place:nz"}, date="2024-06-02")
    assert dispute_reason(a, unrelated) is None  # same place, different proposition
    late = view("c", "org:army-b", "that the northern units blew up the dam at Nova Zora",
                stance="denies", entities={"place:nz"}, date="2024-09-30")
    assert dispute_reason(a, late) is None  # outside the time window
    same_side = view("d", "person:spokesman", "that the northern units blew up the dam",
                     stance="denies", entities={"place:nz"}, date="2024-06-02",
                     sides={"org:army-a"})
    assert dispute_reason(a, same_side) is None  # the army's own spokesman
    agree = view("e", "org:army-b", "the dam at Nova Zora was blown up by the northern units",
                 entities={"place:nz"}, date="2024-06-02")
    assert dispute_reason(a, agree) is None  # two assertions of the same thing


def test_denial_of_an_accusation_by_the_accused() -> None:
    acc = view("a", "person:kallas", "Moscow of shelling the grain terminal",
               stance="accuses", target="place:moscow", entities={"place:moscow"})
    deny = view("b", "person:peskov", "any shelling of the grain terminal", stance="denies",
                sides={"place:moscow"})
    assert dispute_reason(acc, deny) == "denial_of_accusation"


def test_figures_for_the_same_event_beyond_tolerance() -> None:
    kw = {"counted": "killed", "where": "place:x", "when": "2024-06-01"}
    a = view("a", "org:a", "12 civilians were killed", low=12, high=12, **kw)
    b = view("b", "org:b", "40 civilians were killed", low=40, high=40, **kw)
    close = view("c", "org:c", "13 civilians were killed", low=13, high=13, **kw)
    rng = view("d", "org:d", "between 10 and 15 people were killed", low=10, high=15, **kw)
    assert dispute_reason(a, b) == "figures_differ"
    assert dispute_reason(a, close) is None  # within the tolerance
    assert dispute_reason(a, rng) is None  # inside the other's range
    other_kind = view("e", "org:e", "40 were wounded", low=40, high=40,
                      **{**kw, "counted": "wounded"})
    assert dispute_reason(a, other_kind) is None
    other_day = view("f", "org:f", "40 were killed", low=40, high=40,
                     **{**kw, "when": "2024-06-05"})
    assert dispute_reason(a, other_day) is None


def _claim(art: str, i: int, spk: str, text: str, content: str, stance: Stance, **kw: object
           ) -> ClaimRecord:
    s = text.index(content)
    return ClaimRecord(id=f"tdisp-{art}-{i}", speaker=SpeakerRef(id=spk, name=spk, type="Person"),
                       cue="say", content=content, content_span=(s, s + len(content)),
                       sentence_span=(0, len(text)), quote_type=QuoteType.INDIRECT,
                       stance=stance, statement=content[0].upper() + content[1:] + ".", **kw)


def test_claim_detail_lists_figures_and_reasons_and_undated_claims_are_listed(
        client, graph: Graph) -> None:
    text = ("Ana Orlova said 12 civilians were killed in Nova Zora. "
            "Ben Rusk said 40 civilians were killed in Nova Zora.")
    place = "place:tdisp-nova-zora"
    people = {"person:tdisp-orlova": "Ana Orlova", "person:tdisp-rusk": "Ben Rusk"}
    ents = [EntityRecord(id=pid, type=EntityType.PERSON, name=name, mentions=[Mention(
        start=text.index(name), end=text.index(name) + len(name), text=name,
        sentence_start=0, sentence_end=len(text))]) for pid, name in people.items()]
    s = text.index("Nova Zora")
    ents.append(EntityRecord(id=place, type=EntityType.PLACE, name="Nova Zora", mentions=[
        Mention(start=s, end=s + 9, text="Nova Zora", sentence_start=0, sentence_end=len(text))]))
    claims = [
        _claim("x", i, pid, text, f"{n} civilians were killed in Nova Zora", Stance.ASSERTS,
               about=[place], quantity=Quantity(text=f"{n} civilians", value=n,
                                                unit="civilians", counted="killed",
                                                where=place, when=None))
        for i, (pid, n) in enumerate(zip(people, (12, 40), strict=True))]
    claims[0].appearances.append((0, 10))  # a folded repeat keeps its offsets
    art = StoredArticle(id="tdisp-art", text=text, content_hash=content_hash(text),
                        status=ArticleStatus.OK, published=None)  # no publication date
    try:
        Neo4jWriter(graph)([art], [ExtractionResult(id=art.id, extractor_version="t",
                                                    entities=ents, claims=claims)])
        body = client.get(f"/v1/claims/{claims[0].id}").json()
        assert body["claim"]["quantity"]["value"] == 12
        assert body["claim"]["quantity"]["counted"] == "killed"
        assert body["claim"]["appearances"] == [[0, 10]]
        ld = client.get(f"/v1/claims/{claims[0].id}", params={"format": "jsonld"}).json()
        props = {p["name"]: p for p in ld["additionalProperty"]}
        assert props["stance"]["value"] == "asserts"
        assert props["statement"]["value"] == "12 civilians were killed in Nova Zora."
        assert props["quantity"]["value"] == 12 and "killed" in props["quantity"]["description"]
        # same place, no date on either: figures compare only for the same day, so no link
        assert body["disputes"] == []
        graph.write("MATCH (c:Claim) WHERE c.id STARTS WITH 'tdisp-' "
                    "SET c.quantity_when = '2024-06-01'")
        body = client.get(f"/v1/claims/{claims[0].id}").json()
        assert [(r["reason"], r["claim"]["id"]) for r in body["disputes"]] == [
            ("figures_differ", claims[1].id)]
        # the plain list reaches claims of articles without a publication date (last)
        items, cursor = [], None
        for _ in range(200):
            page = client.get("/v1/claims", params={"limit": 100,
                                                    **({"cursor": cursor} if cursor else {})})
            items += page.json()["items"]
            cursor = page.json()["next"]
            if not cursor:
                break
        ids = [c["id"] for c in items]
        assert len(ids) == len(set(ids)) and {c.id for c in claims} <= set(ids)
        dated = [i for i, c in enumerate(items) if c["date"] or c["evidence"]["published"]]
        undated = [i for i, c in enumerate(items) if i not in set(dated)]
        assert not dated or not undated or max(dated) < min(undated)  # undated come last
        assert [ids[i] for i in undated] == sorted(ids[i] for i in undated)  # in id order
    finally:
        graph.write("MATCH (n) WHERE n.id STARTS WITH 'tdisp-' OR n.id STARTS WITH "
                    "'person:tdisp-' OR n.id STARTS WITH 'place:tdisp-' DETACH DELETE n")


def test_a_denial_that_points_back_denies_the_claim_just_before_it() -> None:
    acc = view("a", "person:ana", "the convoy was hit by drones near the river crossing",
               article_id="art-1", start=100, end=150)
    deny = view("b", "org:ministry", "the allegations", stance="denies", article_id="art-1",
                start=190, end=205)
    assert dispute_reason(acc, deny) == "denial"
    far = view("c", "org:ministry", "these claims", stance="denies", article_id="art-1",
               start=2000, end=2012)
    assert dispute_reason(acc, far) is None  # too far back to be what it points at
    other_article = view("d", "org:ministry", "the allegations", stance="denies",
                         article_id="art-2", start=190, end=205)
    assert dispute_reason(acc, other_article) is None
    before = view("e", "org:ministry", "the allegations", stance="denies", article_id="art-1",
                  start=10, end=25)
    assert dispute_reason(acc, before) is None  # a denial cannot point forward
    worded = view("f", "org:ministry", "that the convoy was hit by artillery", stance="denies",
                  article_id="art-1", start=190, end=230)
    assert dispute_reason(acc, worded) == "denial"  # shares words, but no shared entity
