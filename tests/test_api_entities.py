"""GET /v1/entities and GET /v1/entities/{id} against the real Neo4j."""

from __future__ import annotations

from graph.driver import Graph
from tests.api_fixtures import AUREL, BRIGADE, MINISTRY, PETRENKO, VARGA, ApiGraph

pytest_plugins = ("tests.api_fixtures",)  # the api_graph fixture


def test_search_knows_aliases(client, seeded: Graph, api_graph: ApiGraph):
    resp = client.get("/v1/entities", params={"q": "Zelenskyy"})
    assert resp.status_code == 200, resp.text
    top = resp.json()["items"][0]
    assert top["name"] == "Volodymyr Zelensky" and top["type"] == "Person"
    assert top["mentions"] >= 1 and "Zelensky" in top["aliases"]
    # An exonym stored as an alias finds the place (as "Kiev" finds Kyiv when the resolver
    # stores the gazetteer's aliases on the entity).
    aurel = client.get("/v1/entities", params={"q": "Aurelport"}).json()["items"]
    assert aurel[0]["id"] == AUREL and aurel[0]["lat"] == 46.5
    varga = client.get("/v1/entities", params={"q": "vargova"}).json()["items"]
    assert varga[0]["id"] == VARGA


def test_type_filter_and_pagination(client, api_graph: ApiGraph):
    groups = client.get("/v1/entities", params={"q": "Northern Brigade", "type": "Group"}).json()
    assert [e["id"] for e in groups["items"]][:1] == [BRIGADE]
    assert all(e["type"] == "Group" for e in groups["items"])
    none = client.get("/v1/entities", params={"q": "Northern Brigade", "type": "Place"}).json()
    assert BRIGADE not in {e["id"] for e in none["items"]}
    # Without q: by name, keyset cursor, no entity twice.
    seen, cursor = [], None
    for _ in range(100):
        params = {"type": "Person", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/entities", params=params).json()
        seen += body["items"]
        cursor = body["next"]
        if not cursor:
            break
    names = [e["name"] for e in seen]
    assert names == sorted(names) and len({e["id"] for e in seen}) == len(seen)
    assert {VARGA, PETRENKO} <= {e["id"] for e in seen}
    assert all(e["type"] == "Person" for e in seen)
    resp = client.get("/v1/entities", params={"type": "Planet"})
    assert resp.status_code == 422


def test_profile_of_a_place(client, api_graph: ApiGraph):
    resp = client.get(f"/v1/entities/{AUREL}")
    assert resp.status_code == 200, resp.text
    p = resp.json()
    assert p["name"] == "Port Aurel" and p["type"] == "Place"
    assert (p["lat"], p["lon"], p["country"], p["admin1"]) == (46.5, 30.7, "ZZ", "Tide")
    assert "Aurelport" in p["aliases"]
    months = {m["period"]: m for m in p["mentions_by_month"]}
    assert months["2025-01"]["articles"] == 1 and months["2025-02"]["articles"] == 2
    assert months["2025-03"]["mentions"] == 6
    assert p["articles"] == 4
    co = {c["entity"]["id"]: c["articles"] for c in p["co_mentioned"]}
    assert co[VARGA] == 4 and co[PETRENKO] == 2 and co[BRIGADE] == 1
    about = p["claims_about"]
    assert len(about) >= 5 and all(AUREL in {a["id"] for a in c["about"]} for c in about)
    assert p["claims_by"] == []


def test_profile_of_a_person_by_name_with_roles(client, api_graph: ApiGraph):
    p = client.get("/v1/entities/Marko Petrenko").json()
    assert p["id"] == PETRENKO
    assert {c["cue"] for c in p["claims_by"]} == {"accuse", "deny"}
    assert [c["cue"] for c in p["claims_about"]] == []
    role = next(r for r in p["roles"] if r["organization"]["id"] == MINISTRY)
    assert role["title"] == "spokesperson" and role["person"]["id"] == PETRENKO
    ev = role["evidence"]
    text = api_graph.texts[ev["article_id"]]
    assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
    assert text[ev["start"]:ev["end"]] == "spokesperson"
    org = client.get(f"/v1/entities/{MINISTRY}").json()
    assert PETRENKO in {r["person"]["id"] for r in org["roles"]}
    resp = client.get("/v1/entities/t5:nobody-at-all-qqq")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
