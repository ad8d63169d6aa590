"""Sources, their articles, claims and duplicates; stored articles — against the real Neo4j."""

from __future__ import annotations

from graph.writer import source_id
from tests.api_fixtures import COASTAL, HARBOR, ApiGraph

pytest_plugins = ("tests.api_fixtures",)  # the api_graph fixture


def test_sources_list_is_paginated_with_counts(client, api_graph: ApiGraph):
    seen, cursor = [], None
    for _ in range(100):
        body = client.get("/v1/sources",
                          params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        assert len(body["items"]) <= 1
        seen += body["items"]
        cursor = body["next"]
        if not cursor:
            break
    by_name = {s["name"]: s for s in seen}
    assert len(by_name) == len(seen)
    assert by_name[HARBOR]["articles"] == 3 and by_name[COASTAL]["articles"] == 2
    names = [s["name"] for s in seen]
    assert names == sorted(names)


def test_source_profile_articles_claims_and_duplicates(client, api_graph: ApiGraph):
    sid = source_id(COASTAL)
    resp = client.get(f"/v1/sources/{sid}", params={"limit": 1})
    assert resp.status_code == 200, resp.text
    p = resp.json()
    assert p["source"] == {"id": sid, "name": COASTAL, "articles": 2, "claims": 5}
    assert [a["id"] for a in p["articles"]["items"]] == ["t5-art-3"]  # newest first
    nxt = client.get(f"/v1/sources/{sid}",
                     params={"limit": 1, "cursor": p["articles"]["next"]}).json()
    assert [a["id"] for a in nxt["articles"]["items"]] == ["t5-art-2"]
    assert nxt["articles"]["next"] is None
    assert {c["evidence"]["outlet"] for c in p["claims"]} == {COASTAL}
    dup = p["duplicates"][0]
    assert dup["article"]["id"] == "t5-art-3" and dup["duplicate_of"]["id"] == "t5-art-1"
    assert dup["duplicate_of"]["outlet"] == HARBOR and dup["similarity"] == 0.93
    resp = client.get("/v1/sources/source:no-such-outlet-qqq")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"


def test_article_text_lets_a_client_highlight_claim_offsets(client, api_graph: ApiGraph):
    claims = client.get("/v1/claims", params={"q": "Northern Brigade"}).json()["items"]
    claim = next(c for c in claims if c["evidence"]["article_id"] == "t5-art-2")
    resp = client.get("/v1/articles/t5-art-2")
    assert resp.status_code == 200, resp.text
    art = resp.json()
    assert art["text"] == api_graph.texts["t5-art-2"]
    ev = claim["evidence"]
    assert art["text"][ev["start"]:ev["end"]] == claim["content"]
    assert art["outlet"] == COASTAL and art["status"] == "ok" and art["claims"] == 2
    assert art["source_id"] == source_id(COASTAL) and art["published"] == "2025-02-03"
    dup = client.get("/v1/articles/t5-art-3").json()
    assert dup["status"] == "near_duplicate"
    assert dup["duplicates"][0]["duplicate_of"]["id"] == "t5-art-1"
    resp = client.get("/v1/articles/t5-no-such-article")
    assert resp.status_code == 404
