"""Disputes that are real (graph/disputes.py), the claim detail's reasons, and the plain claim
list including claims of undated articles, against the real Neo4j."""

from __future__ import annotations

from graph.dispute_sides import side_keys
from graph.disputes import ClaimView, article_disputes, claimant, dispute_reason
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
    one_word = view("f", "org:army-b", "that Nova Zora had been evacuated", stance="denies",
                    entities={"place:nz"}, date="2024-06-02")
    assert dispute_reason(a, one_word) is None  # only the place's name in common


def test_denial_of_an_accusation_by_its_target() -> None:
    # 'Mira Kallas accused Veldoria of shelling the grain terminal in Port Ostra.'
    # 'A spokesman for Veldoria's foreign ministry denied any shelling of the terminal.'
    acc = view("a", "person:kallas", "Veldoria of shelling the grain terminal in Port Ostra",
               stance="accuses", target="place:veldoria", entities={"place:veldoria"},
               target_sides=side_keys(["place:veldoria"], countries=["VD"]))
    deny = view("b", "anon:1", "any shelling of the terminal", stance="denies",
                sides=side_keys(["anon:1", "org:inst:vd:foreign-ministry"]))
    assert dispute_reason(acc, deny) == "denial_of_accusation"
    assert dispute_reason(deny, acc) == "denial_of_accusation"
    # the accused denying something else is no answer to the accusation
    other = view("c", "anon:1", "plans to close the border crossings", stance="denies",
                 sides=side_keys(["anon:1", "org:inst:vd:foreign-ministry"]))
    assert dispute_reason(acc, other) is None


def test_two_officials_of_the_same_government_saying_the_same_thing() -> None:
    # 'Russia's defence ministry said Ukraine shelled the plant.' and 'Kremlin spokesman Dmitry
    # Peskov, a Russian official, denied that Russian troops had shelled the plant.' are one side:
    # a country institution (org:inst:ru:…), a place in Russia, a 'Russian' affiliation.
    ministry = view("a", "org:inst:ru:defence-ministry", "that Ukrainian troops shelled the plant",
                    stance="accuses", target="place:ukraine", entities={"place:plant"},
                    sides=side_keys(["org:inst:ru:defence-ministry"]))
    moscow = view("b", "place:moscow", "that Russian troops shelled the plant", stance="denies",
                  entities={"place:plant"}, sides=side_keys(["place:moscow"], countries=["RU"]))
    official = view("c", "anon:7", "that Russian troops shelled the plant", stance="denies",
                    entities={"place:plant"}, sides=side_keys(["anon:7"], ["Russian"]))
    assert dispute_reason(ministry, moscow) is None
    assert dispute_reason(ministry, official) is None
    assert dispute_reason(moscow, official) is None
    # the same words from the other side are a denial
    kyiv = view("d", "place:kyiv", "that Ukrainian troops shelled the plant", stance="denies",
                entities={"place:plant"}, sides=side_keys(["place:kyiv"], countries=["UA"]))
    assert dispute_reason(ministry, kyiv) == "denial"
    assert side_keys((), ["the Kremlin's"]) == {"kremlin"}
    # 'Kremlin spokesman Dmitry Peskov said the strike hit only military targets in the city.'
    # 'A Kremlin official denied that the strike hit civilian targets in the city.': one side
    # (Peskov's role organization is the official's affiliation), whatever the stances say.
    peskov = view("e", "person:peskov", "the strike hit only military targets in the city",
                  entities={"place:city"}, sides=side_keys(
                      ["person:peskov", "org:kremlin"], ["Dmitry Peskov", "Kremlin"]))
    kremlin = view("f", "anon:8", "that the strike hit civilian targets in the city",
                   stance="denies", entities={"place:city"}, sides=side_keys(["anon:8"],
                                                                            ["Kremlin"]))
    assert dispute_reason(peskov, kremlin) is None
    kremlin.sides = side_keys(["anon:8"], ["Kyiv city council"])
    assert dispute_reason(peskov, kremlin) == "denial"
    assert "cc:UA" in side_keys((), ["Ukrainian"]) and "cc:GB" in side_keys((), ["British"])


def test_figures_for_the_same_event_beyond_tolerance() -> None:
    kw = {"counted": "killed", "where": "place:x", "when": "2024-06-01", "unit": "civilians"}
    a = view("a", "org:a", "100 civilians were killed", low=100, high=100, **kw)
    b = view("b", "org:b", "150 civilians were killed", low=150, high=150, **kw)
    close = view("c", "org:c", "105 civilians were killed", low=105, high=105, **kw)
    assert dispute_reason(a, b) == "figures_differ"  # 50 % apart
    assert dispute_reason(a, close) is None  # 5 % apart: within the tolerance
    rng = view("d", "org:d", "between 90 and 120 people were killed", low=90, high=120,
               **{**kw, "unit": "people"})
    assert dispute_reason(a, rng) is None  # inside the other's range
    other_kind = view("e", "org:e", "150 were wounded", low=150, high=150,
                      **{**kw, "counted": "wounded"})
    assert dispute_reason(a, other_kind) is None
    other_day = view("f", "org:f", "150 were killed", low=150, high=150,
                     **{**kw, "when": "2024-06-05"})
    assert dispute_reason(a, other_day) is None
    other_place = view("g", "org:g", "150 were killed", low=150, high=150,
                       **{**kw, "where": "place:y"})
    assert dispute_reason(a, other_place) is None
    soldiers = view("h", "org:h", "150 soldiers were killed", low=150, high=150,
                    **{**kw, "unit": "soldiers"})
    assert dispute_reason(a, soldiers) is None  # a count of other people
    total = view("i", "org:i", "150 civilians have been killed there since February",
                 low=150, high=150, **kw)
    assert dispute_reason(a, total) is None  # a running total is not the day's count
    far = view("j", "org:j", "4,000 civilians were killed", low=4000, high=4000, **kw)
    assert dispute_reason(a, far) is None  # 40 times more: not a count of the same thing
    same_side = view("k", "org:a-press", "150 civilians were killed", low=150, high=150,
                     sides={"org:a"}, **kw)
    assert dispute_reason(a, same_side) is None


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


def test_a_denial_that_points_back_denies_the_one_claim_just_before_it() -> None:
    # 'Ana Petrov said the convoy was hit by drones near the river crossing. Rodan's ministry
    # denied the allegations.'
    acc = view("a", "person:ana", "the convoy was hit by drones near the river crossing",
               article_id="art-1", start=100, end=150)
    deny = view("b", "org:ministry", "the allegations", stance="denies", article_id="art-1",
                start=190, end=205)
    assert article_disputes([acc, deny]) == [(0, 1, "denial")]
    far = view("c", "org:ministry", "these claims", stance="denies", article_id="art-1",
               start=2000, end=2012)
    assert article_disputes([acc, far]) == []  # too far back to be what it points at
    other_article = view("d", "org:ministry", "the allegations", stance="denies",
                         article_id="art-2", start=190, end=205)
    assert article_disputes([acc, other_article]) == []
    before = view("e", "org:ministry", "the allegations", stance="denies", article_id="art-1",
                  start=10, end=25)
    assert article_disputes([acc, before]) == []  # a denial cannot point forward
    worded = view("f", "org:ministry", "that the convoy near the river crossing was shelled",
                  stance="denies",
                  article_id="art-1", start=190, end=230)
    assert article_disputes([acc, worded]) == [(0, 1, "denial")]  # its words, no entity
    # 'Both sides said 40 prisoners died. Kyiv said Moscow's troops shelled the camp. Moscow
    # rejected the claim.': one antecedent, the one about the denier, not the agreed figure
    agreed = view("g", "anon:both", "40 prisoners died", article_id="art-3", start=0, end=17)
    about = view("h", "place:kyiv", "Moscow's troops shelled the camp", stance="accuses",
                 entities={"place:moscow"}, article_id="art-3", start=30, end=62)
    rejects = view("i", "place:moscow", "the claim", stance="denies", article_id="art-3",
                   start=80, end=89)
    assert article_disputes([agreed, about, rejects]) == [(1, 2, "denial")]
    assert rejects.refers_to == "h"


def test_cross_article_disputes_follow_the_same_rules_within_the_window(
        client, graph: Graph) -> None:
    """Claims of different articles: the accused's denial (two days later) is linked, a
    denial by another institution of the same country is linked to the accusation but never to
    its own side, and the same denial three months later is out of the time window."""
    place, port = "place:tdisp-veldoria", "place:tdisp-port-ostra"
    rows = [  # article id, date, speaker id, speaker name, text, content, stance, target
        ("a", "2024-06-01", "person:tdisp-kallas", "Mira Kallas",
         "Mira Kallas accused Veldoria of shelling the grain terminal in Port Ostra.",
         "Veldoria of shelling the grain terminal in Port Ostra", Stance.ACCUSES, place),
        ("b", "2024-06-03", "org:inst:vd:tdisp-foreign-ministry", "Foreign Ministry",
         "The Foreign Ministry of Veldoria denied shelling the grain terminal in Port Ostra.",
         "shelling the grain terminal in Port Ostra", Stance.DENIES, None),
        ("c", "2024-06-02", "org:inst:vd:tdisp-defence-ministry", "Defence Ministry",
         "The Defence Ministry of Veldoria denied shelling the grain terminal in Port Ostra.",
         "shelling the grain terminal in Port Ostra", Stance.DENIES, None),
        ("d", "2024-09-30", "person:tdisp-rusk", "Ben Rusk",
         "Ben Rusk denied shelling the grain terminal in Port Ostra.",
         "shelling the grain terminal in Port Ostra", Stance.DENIES, None)]
    arts, results = [], []
    for art, day, spk, name, text, content, stance, target in rows:
        ents = []
        for eid, ename, etype, country in ((spk, name, EntityType.PERSON if spk.startswith(
                "person") else EntityType.ORGANIZATION, None),
                (place, "Veldoria", EntityType.PLACE, "VD"),
                (port, "Port Ostra", EntityType.PLACE, "VD")):
            if ename in text:
                s = text.index(ename)
                ents.append(EntityRecord(id=eid, type=etype, name=ename, country=country,
                                         mentions=[Mention(start=s, end=s + len(ename),
                                                           text=ename, sentence_start=0,
                                                           sentence_end=len(text))]))
        claim = _claim(art, 0, spk, text, content, stance, about=[port], target=target)
        claim.speaker.type = ents[0].type.value
        arts.append(StoredArticle(id=f"tdisp-{art}", text=text, content_hash=content_hash(text),
                                  status=ArticleStatus.OK, published=day))
        results.append(ExtractionResult(id=f"tdisp-{art}", extractor_version="t",
                                        entities=ents, claims=[claim]))
    try:
        Neo4jWriter(graph)(arts, results)

        def disputes(art: str) -> set[tuple[str, str]]:
            body = client.get(f"/v1/claims/tdisp-{art}-0").json()
            return {(r["reason"], r["claim"]["id"]) for r in body["disputes"]}

        assert disputes("a") == {("denial_of_accusation", "tdisp-b-0"),
                                 ("denial_of_accusation", "tdisp-c-0")}
        assert disputes("b") == {("denial_of_accusation", "tdisp-a-0")}  # never its own side
        assert disputes("d") == set()  # three months later: outside the window
    finally:
        graph.write("MATCH (n) WHERE n.id STARTS WITH 'tdisp-' OR n.id STARTS WITH "
                    "'person:tdisp-' OR n.id STARTS WITH 'place:tdisp-' OR n.id STARTS WITH "
                    "'org:inst:vd:tdisp-' DETACH DELETE n")


def test_a_denial_that_points_back_with_several_parties_before_it() -> None:
    # 'A monitor said 30 people died. Washington accused the Rodan government of the attack.
    # Rodan denied the charges.': the charges are the accusation, not the monitor's count.
    count = view("a", "anon:monitor", "30 people died", article_id="art-4", start=0, end=14)
    acc = view("b", "place:washington", "the Rodan government of the attack", stance="accuses",
               target="org:rodan-government", entities={"org:rodan-government"},
               article_id="art-4", start=40, end=74)
    deny = view("c", "place:rodan", "the charges", stance="denies", article_id="art-4",
                start=90, end=101)
    assert article_disputes([count, acc, deny]) == [(1, 2, "denial")]
    # 'A monitor said 30 people died. Washington denied that its aircraft were involved. Rodan
    # disputes the claim.': what it points back at is a denial, which these rules do not
    # oppose to another denial, and the monitor's count is not what it answers: no link.
    washington = view("d", "place:washington", "that its aircraft were involved",
                      stance="denies", article_id="art-4", start=40, end=70)
    claim = view("e", "place:rodan", "the claim", stance="denies", article_id="art-4",
                 start=80, end=89)
    assert article_disputes([count, washington, claim]) == []
    # 'The Times said the leader wants a new treaty. [Two sentences on other matters, whose
    # claims were not found.] Europe disputes the claim.': the claim before it is sentences
    # away, so not what it points at: no link.
    times = view("f", "org:times", "the leader wants a new treaty", article_id="art-6",
                 start=15, end=44, sentence_start=0, sentence_end=45)
    europe = view("g", "place:europe", "the claim", stance="denies", article_id="art-6",
                  start=330, end=339, sentence_start=300, sentence_end=340)
    assert article_disputes([times, europe]) == []
    europe.sentence_start, europe.start, europe.end = 46, 76, 85  # the next sentence
    assert article_disputes([times, europe]) == [(0, 1, "denial")]


def test_a_denial_that_names_the_claimant_answers_that_sides_claim() -> None:
    # 'Russia's Defence Ministry said its strikes destroyed tanks at the depot in Vell. A
    # governor said a bridge was closed. The depot's director, Ivo Sarn, said the Russian claims
    # were false.' The claimant is named (a demonym), so its claim is found past the others.
    mod = view("a", "org:tdisp-defence-ministry", "its strikes destroyed tanks at the depot",
               entities={"place:vell"}, article_id="art-5", start=0, end=45,
               sides=side_keys(["org:tdisp-defence-ministry"], ["Russian Defence Ministry"]))
    bridge = view("b", "person:governor", "a bridge was closed", article_id="art-5", start=60,
                  end=80)
    sarn = view("c", "person:ivo-sarn", "the Russian claims were false", stance="denies",
                article_id="art-5", start=130, end=160)
    assert claimant(sarn) == {"russian", "cc:RU"}
    assert article_disputes([mod, bridge, sarn]) == [(0, 2, "denial")]
    # the claimant it names did not make the claim before it: no link
    other = view("d", "person:ivo-sarn", "the Turkish claims were false", stance="denies",
                 article_id="art-5", start=130, end=160)
    assert article_disputes([mod, bridge, other]) == []


def test_graph_links_a_point_back_denial_to_the_one_claim_it_answers(
        client, graph: Graph) -> None:
    text = ("A monitor said 40 prisoners died in the camp. Ana Orlova said Rodan's troops "
            "shelled the camp. Rodan rejected the claim.")
    spans = [("person:tdisp-monitor", "40 prisoners died in the camp", Stance.ASSERTS),
             ("person:tdisp-orlova", "Rodan's troops shelled the camp", Stance.ACCUSES),
             ("place:tdisp-rodan", "the claim", Stance.DENIES)]
    sentences = [(0, 45), (46, 95), (96, len(text))]
    ents, claims = [], []
    for i, (spk, content, stance) in enumerate(spans):
        name = {"person:tdisp-monitor": "monitor", "person:tdisp-orlova": "Ana Orlova",
                "place:tdisp-rodan": "Rodan"}[spk]
        s = text.index(name)
        ents.append(EntityRecord(id=spk, type=EntityType.PLACE if spk.startswith("place")
                                 else EntityType.PERSON, name=name, country=None,
                                 mentions=[Mention(start=s, end=s + len(name), text=name,
                                                   sentence_start=0, sentence_end=len(text))]))
        c = _claim("p", i, spk, text, content, stance,
                   about=["place:tdisp-rodan"] if "Rodan's" in content else [])
        c.sentence_span = sentences[i]
        c.speaker.type = ents[-1].type.value
        claims.append(c)
    art = StoredArticle(id="tdisp-p", text=text, content_hash=content_hash(text),
                        status=ArticleStatus.OK, published="2024-06-01")
    try:
        Neo4jWriter(graph)([art], [ExtractionResult(id=art.id, extractor_version="t",
                                                    entities=ents, claims=claims)])

        def disputes(i: int) -> list[tuple[str, str]]:
            body = client.get(f"/v1/claims/tdisp-p-{i}").json()
            return [(r["reason"], r["claim"]["id"]) for r in body["disputes"]]

        assert disputes(2) == [("denial", "tdisp-p-1")]  # the accusation, not the count
        assert disputes(1) == [("denial", "tdisp-p-2")]
        assert disputes(0) == []
    finally:
        graph.write("MATCH (n) WHERE n.id STARTS WITH 'tdisp-' OR n.id STARTS WITH "
                    "'person:tdisp-' OR n.id STARTS WITH 'place:tdisp-' DETACH DELETE n")
