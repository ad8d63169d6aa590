"""The floors of the query benchmark: the same questions as the API's, asked in bare Cypher
against the write-time aggregates, and the exactness check of the API's top-25 neighbours
against a full recount at read time.

Two floors per endpoint: ``<endpoint>_full``, the faithful floor, answers the API's question
with everything the API returns (claims whole, each edge's evidence), without HTTP or models;
``<endpoint>``, the narrow (core) floor, only its core (the top-k lists, the counts) without
evidence. ``check_sizes`` checks that each faithful floor's answer is as big as the API's."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from bench import floor_faithful as faithful

AGG = "CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE"
KINDS = "['co', 'out', 'in', 'rp', 'ro']"  # graph/toplists.py KINDS


def _paths(graph: Any, params: dict[str, Any]) -> None:
    """The API's path search itself (graph/reads/path_search.py): its few queries in bare
    Cypher, driven the same way, without HTTP, evidence or response models."""
    from graph.reads import path_search

    path_search.search(graph, params["id"], params["other"], params["max_hops"], params["k"])


# Endpoint name (as in bench/queries.py) -> bare Cypher for the same question (or, for a
# question the API answers in several queries, a function asking them).
FLOOR: dict[str, str | Callable[[Any, dict[str, Any]], None]] = {
    "claims_by_speaker": """
        CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
        WITH node ORDER BY score DESC LIMIT 1
        MATCH (node)-[:SAID]->(c:Claim)
        WITH c ORDER BY coalesce(c.date, c.published) DESC LIMIT 20
        MATCH (c)-[:REPORTED_IN]->(a:Article)
        RETURN c.id, c.content, c.sentence, a.url""",
    # The profile and neighbourhoods as the API now asks them: from each entity's write-time
    # top-K lists (graph/toplists.py), nodes looked up by id.
    "entity_profile": """
        MATCH (e:Entity {id: $id})
        OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
        OPTIONAL MATCH (t:TopNeighbours {entity_id: e.id})
        CALL (t) { UNWIND range(0, size(coalesce(t.top_co, [])[..20]) - 1) AS i
                   MATCH (o:Entity {id: t.top_co[i]}) RETURN collect(o.id) AS co }
        RETURN e {.*}, properties(s), co""",
    "neighbors_d1": f"""
        MATCH (s:TopNeighbours {{entity_id: $id}})
        UNWIND {KINDS} AS kind
        WITH s, kind, coalesce(s['top_' + kind], [])[..50] AS ids
        UNWIND range(0, size(ids) - 1) AS i
        MATCH (o:Entity {{id: ids[i]}})
        RETURN o.id, o.name, s['top_' + kind + '_w'][i] AS w""",
    "neighbors_d2": f"""
        MATCH (s:TopNeighbours {{entity_id: $id}})
        UNWIND {KINDS} AS kind
        WITH s, kind, coalesce(s['top_' + kind], [])[..50] AS ids
        UNWIND range(0, size(ids) - 1) AS i
        WITH ids[i] AS oid, max(s['top_' + kind + '_w'][i]) AS w
        ORDER BY w DESC, oid LIMIT 50
        MATCH (t:TopNeighbours {{entity_id: oid}})
        UNWIND {KINDS} AS kind
        UNWIND coalesce(t['top_' + kind], [])[..3] AS pid
        MATCH (p:Entity {{id: pid}})
        RETURN oid, p.id""",
    # The same three questions weighed over every aggregate edge (before the lists).
    "entity_profile_scan": """
        MATCH (e:Entity {id: $id})
        OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
        CALL (e) { MATCH (e)-[r:CO_MENTIONED]-(o:Entity)
                   WITH o, r.weight AS w ORDER BY w DESC LIMIT 20 RETURN collect(o.id) AS co }
        RETURN e {.*}, properties(s), co""",
    "neighbors_d1_scan": f"""
        MATCH (e:Entity {{id: $id}})-[r:{AGG}]-(o:Entity)
        WITH o, r.weight AS w ORDER BY w DESC LIMIT 50
        RETURN o.id, o.name, w""",
    "neighbors_d2_scan": f"""
        MATCH (e:Entity {{id: $id}})-[r:{AGG}]-(o:Entity)
        WITH o, r.weight AS w ORDER BY w DESC LIMIT 50
        CALL (o) {{ MATCH (o)-[r2:{AGG}]-(p:Entity)
                   WITH p, r2.weight AS w2 ORDER BY w2 DESC LIMIT 3 RETURN p }}
        RETURN o.id, p.id""",
    "paths": _paths,
    # The search the API made before (a breadth-first SHORTEST over every aggregate edge),
    # kept for comparison.
    "paths_shortest": f"""
        MATCH (a:Entity {{id: $id}}), (b:Entity {{id: $other}})
        MATCH p = SHORTEST 3 (a)-[:{AGG}]-{{1,3}}(b)
        RETURN [n IN nodes(p) | n.id]""",
    "relationship": """
        MATCH (a:Entity {id: $id}), (b:Entity {id: $other})
        OPTIONAL MATCH (a)-[r:CO_MENTIONED]-(b)
        CALL (a, b) { MATCH (a)-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(b)
                      RETURN collect(c.id)[..20] AS ab }
        RETURN r.weight, ab""",
    "timeline": """
        MATCH (s:EntityStats {entity_id: $id}) RETURN properties(s)""",
}

# A claim whole, as the API lists it: speaker, about and target entities, the article.
_CLAIM_WHOLE = """
        MATCH (sp)-[:SAID]->(c)-[:REPORTED_IN]->(art:Article)
        OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
        OPTIONAL MATCH (c)-[:TARGETS]->(tg:Entity)
        WITH c, sp, art, collect(DISTINCT ab.id) AS about, head(collect(tg.id)) AS target
        RETURN collect({c: c {.*}, s: sp {.id, .name, .description}, about: about,
                        target: target, a: art {.id, .title, .url, .source}}) AS claims"""

# The profile's parts both of its faithful floors share: the entity, its stats and top
# co-mentions first; its roles with their sentences and the returned row last.
_PROFILE_HEAD = """
        MATCH (e:Entity {id: $id})
        OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
        OPTIONAL MATCH (t:TopNeighbours {entity_id: e.id})
        CALL (t) { UNWIND range(0, size(coalesce(t.top_co, [])[..20]) - 1) AS i
                   MATCH (o:Entity {id: t.top_co[i]}) RETURN collect(o {.*}) AS co }
"""
_PROFILE_ROLES = """
        CALL (e) { MATCH (e)-[r:HAS_ROLE]-(:Entity) WITH r LIMIT 50
                   OPTIONAL MATCH (a:Article {id: r.article_id})
                   RETURN collect([r.title, a.id, substring(a.text, r.sentence_start,
                                   r.sentence_end - r.sentence_start)]) AS roles }
        RETURN e {.*}, properties(s), co, by, about, roles"""


# Faithful floors (``<endpoint>_full``): the question the API answers, evidence included, in
# one bare query each. The entries above leave out what the API returns with every answer:
# the claims whole, an edge's evidence, the name resolution's fuzzy and anonymous matches.
FLOOR.update({
    "claims_by_speaker_full": """
        CALL () {
          CALL db.index.fulltext.queryNodes('entity_names', $fuzzy, {limit: 50})
            YIELD node, score
          RETURN node.id AS id, CASE WHEN toLower(node.name) = toLower($name) THEN 100.0
                                     ELSE score END AS score
          UNION
          MATCH (s:AnonymousSource) WHERE s.name_lower CONTAINS toLower($name)
          RETURN s.id AS id, 1.0 AS score
        }
        WITH id, max(score) AS score ORDER BY score DESC LIMIT 100
        WITH collect({id: id, score: score}) AS hits
        UNWIND [h IN hits WHERE h.score >= 100.0 OR h.score >= hits[0].score * 0.8] AS h
        MATCH (speaker {id: h.id}) WHERE speaker:Entity OR speaker:AnonymousSource
        MATCH (speaker)-[:SAID]->(c:Claim)
        WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT 21
        CALL (c) {""" + _CLAIM_WHOLE + """ }
        RETURN collect(claims) AS claims""",
    # The newest claims through the writer's lists (graph/newest_claims.py), as the API reads
    # them; ``_full_scan``: ordering all of the entity's claims, as it read them before.
    "entity_profile_full": _PROFILE_HEAD + """
        OPTIONAL MATCH (l:NewestClaims {entity_id: e.id})
        CALL (l) { UNWIND coalesce(l.said, [])[..20] AS cid MATCH (c:Claim {id: cid})
                   CALL (c) {""" + _CLAIM_WHOLE + """ }
                   RETURN collect(claims) AS by }
        CALL (l) { UNWIND coalesce(l.about, [])[..20] AS cid MATCH (c:Claim {id: cid})
                   CALL (c) {""" + _CLAIM_WHOLE + """ }
                   RETURN collect(claims) AS about }
""" + _PROFILE_ROLES,
    "entity_profile_full_scan": _PROFILE_HEAD + """
        CALL (e) { MATCH (e)-[:SAID]->(c:Claim)
                   WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT 20
                   CALL (c) {""" + _CLAIM_WHOLE + """ }
                   RETURN collect(claims) AS by }
        CALL (e) { MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) WITH DISTINCT c
                   ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT 20
                   CALL (c) {""" + _CLAIM_WHOLE + """ }
                   RETURN collect(claims) AS about }
""" + _PROFILE_ROLES,
    # The top lists, then each listed edge's evidence through the write-time pointers: the
    # co-mention's article and sentence, a claim edge's newest claim whole, a role's sentence.
    # Every listed edge (up to 50 per kind), not the API's node-limited neighbourhood: a
    # bigger question than the API's, kept for comparison (the faithful floor is below).
    "neighbors_d1_full_onequery": f"""
        MATCH (e:Entity {{id: $id}})
        MATCH (s:TopNeighbours {{entity_id: e.id}})
        UNWIND {KINDS} AS kind
        WITH e, s, kind, coalesce(s['top_' + kind], [])[..50] AS ids
        UNWIND range(0, size(ids) - 1) AS i
        MATCH (o:Entity {{id: ids[i]}})
        WITH e, kind, o, s['top_' + kind + '_w'][i] AS w
        CALL (e, kind, o) {{
          WITH e, kind, o WHERE kind = 'co'
          WITH e, o, CASE WHEN e.id < o.id THEN e.id + '\\u001f' + o.id
                          ELSE o.id + '\\u001f' + e.id END AS key
          MATCH ()-[r:CO_MENTIONED {{pair: key}}]->()
          MATCH (a:Article {{id: r.ev_article}})
          MATCH (a)-[m:MENTIONS]->(e)
          RETURN a.id AS ev, substring(a.text, m.sentence_starts[0],
                                       m.sentence_ends[0] - m.sentence_starts[0]) AS text
          UNION
          WITH e, kind, o WHERE kind IN ['out', 'in']
          WITH e, o, CASE kind WHEN 'out' THEN e.id + '\\u001f' + o.id
                               ELSE o.id + '\\u001f' + e.id END AS key
          MATCH ()-[r:CLAIMED_ABOUT {{pair: key}}]->()
          MATCH (c:Claim {{id: r.ev_claims[0]}})-[:REPORTED_IN]->(a:Article)
          MATCH (sp)-[:SAID]->(c)
          RETURN c.id AS ev, c.sentence + a.url + sp.id AS text
          UNION
          WITH e, kind, o WHERE kind IN ['rp', 'ro']
          MATCH (e)-[r:HAS_ROLE]-(o) WITH r LIMIT 1
          MATCH (a:Article {{id: r.article_id}})
          RETURN a.id AS ev, substring(a.text, r.sentence_start,
                                       r.sentence_end - r.sentence_start) AS text
        }}
        RETURN o.id, o.name, w, ev, text""",
    # The per-day counts, then the 100 newest claims by or about the entity, whole, walking
    # them all (the API lists the newest claims of its newest buckets, from the lists and the
    # listed days: another question; the faithful floor is below).
    "timeline_full_onequery": """
        MATCH (e:Entity {id: $id})
        OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
        CALL (e) {
          CALL (e) { MATCH (e)-[:SAID]->(c:Claim) RETURN c
                     UNION MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c }
          WITH c ORDER BY c.sort_key DESC, c.id LIMIT 100
          CALL (c) {""" + _CLAIM_WHOLE + """ }
          RETURN collect(claims) AS listed
        }
        RETURN properties(s), listed""",
})

# Faithful floors of the endpoints the API answers in several reads: its own queries, driven
# without models or HTTP (bench/floor_faithful.py). ``<endpoint>_full`` is each endpoint's
# faithful floor (bench/queries.py reports it as ``floor``; ``<endpoint>`` is the narrow
# ``core_floor``).
FLOOR.update({
    "neighbors_d1_full": faithful.neighbors_d1,
    "neighbors_d2_full": faithful.neighbors_d2,
    "timeline_full": faithful.timeline_claims,
    "relationship_full": faithful.relationship,
    "paths_full": faithful.paths,
})


def floor_size(graph: Any, name: str, params: dict[str, Any]) -> int:
    """The size of a faithful floor's answer, in the unit of ``faithful.api_size``."""
    floor = FLOOR[name]
    if callable(floor):
        return int(floor(graph, params))
    row = graph.read(floor, **params)[0]
    if name == "claims_by_speaker_full":
        return min(len(row["claims"]), 20)  # 21 read: the page and whether there is more
    if name == "entity_profile_full":
        return sum(len(row[k]) for k in ("co", "by", "about", "roles"))
    raise KeyError(name)


def check_sizes(graph: Any, base: str, key: str, plan: dict[str, list[dict[str, Any]]],
                only: list[str] | None, n: int = 20) -> dict[str, float]:
    """Per endpoint with a faithful floor: the share of its first ``n`` requests whose floor
    answer is as big as the API's (edges, listed claims, evidence items: ``api_size``)."""
    out: dict[str, float] = {}
    with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120) as client:
        for name in FLOOR:
            base_name = endpoint(name)
            if not name.endswith("_full") or base_name not in plan or (
                    only and base_name not in only):
                continue
            same = 0
            for req in plan[base_name][:n]:
                body = client.get(req["path"], params=req["params"]).json()
                same += floor_size(graph, name, floor_params(name, req)) == faithful.api_size(
                    base_name, body)
            out[base_name] = same / min(n, len(plan[base_name]))
    return out


_driver: Any = None
_graph: Any = None


def init_worker() -> None:
    global _driver, _graph
    from graph.driver import Graph, connect
    from graph.settings import Settings

    settings = Settings()
    _driver = connect(settings)
    _graph = Graph(_driver, settings.neo4j_database)


def hit(job: tuple[str, dict[str, Any]]) -> float:
    name, params = job
    floor = FLOOR[name]
    t = time.perf_counter()
    if callable(floor):
        floor(_graph, params)
    else:
        _driver.execute_query(floor, params)
    return (time.perf_counter() - t) * 1000


def endpoint(name: str) -> str:
    """The endpoint a floor entry answers (``*_scan``, ``*_shortest``, ``*_onequery``: the
    same or a bigger question, asked another way; ``*_full``: the same question with
    everything the API returns)."""
    return (name.removesuffix("_onequery").removesuffix("_scan").removesuffix("_shortest")
            .removesuffix("_full"))


def floor_params(name: str, req: dict[str, Any]) -> dict[str, Any]:
    """The floor's parameters for one API request of the plan."""
    name = endpoint(name)
    path, params = req["path"], req.get("params", {})
    if name == "claims_by_speaker":
        from graph.reads import lucene_phrase

        return {"lucene": '"' + params["speaker"].replace('"', "") + '"',
                "fuzzy": lucene_phrase(params["speaker"]), "name": params["speaker"]}
    if name == "paths":
        return {"id": params["from"], "other": params["to"], "max_hops": params["max_hops"],
                "k": params["k"]}
    if name == "timeline":
        return {"id": params["entity"], "bucket": params["bucket"]}
    if name == "relationship":
        parts = path.split("/")
        return {"id": parts[3], "other": parts[5]}
    return {"id": path.split("/")[3]}


def exact_top25(graph: Any, base: str, key: str, k: int = 25) -> float:
    """Share of 20 hubs and 20 tail entities (with at least k co-mentions when possible) whose
    top-k API neighbours (co-mentions) equal the exact top-k from a read-time recount."""
    hubs = [r["id"] for r in graph.read(
        "MATCH (e:Entity) WITH e, COUNT { (e)<-[:MENTIONS]-() } AS d ORDER BY d DESC LIMIT 20 "
        "RETURN e.id AS id")]
    tail = [r["id"] for r in graph.read(
        "MATCH (e:Entity) WITH e, COUNT { (e)<-[:MENTIONS]-() } AS d WHERE d >= 2 "
        "WITH e ORDER BY e.id LIMIT 5000 WITH e ORDER BY rand() LIMIT 20 RETURN e.id AS id")]
    ok = 0
    with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120) as client:
        for eid in hubs + tail:
            want = [r["id"] for r in graph.read(
                "MATCH (e:Entity {id: $id})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(o:Entity) "
                "WHERE o <> e WITH o, count(DISTINCT a) AS shared "
                "RETURN o.id AS id ORDER BY shared DESC, id LIMIT $k", id=eid, k=k)]
            got = client.get(f"/v1/entities/{eid}/neighbors",
                             params={"rel_types": "CO_MENTIONED", "limit": k + 1}).json()
            ok += [e["target"] for e in got["edges"]] == want
    return ok / len(hubs + tail)
