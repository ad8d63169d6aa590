// A timeline's first read: the entity, its write-time per-day counts (EntityStats, as
// entity_stats.cypher returns them) and its NewestClaims lists (graph/newest_claims.py: per
// role the $stored newest claim ids and their sort keys, exact). When neither list is full,
// the two hold every claim by or about the entity, and those claims come back whole (the shape
// of claims_by_ids) so that a timeline of an entity with few claims needs no second read.
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (s:EntityStats {entity_id: e.id})
OPTIONAL MATCH (l:NewestClaims {entity_id: e.id})
WITH e, s, l,
     l.said IS NOT NULL AND l.about IS NOT NULL
       AND size(l.said) < $stored AND size(l.about) < $stored AS complete
CALL (l, complete) {
  WITH l WHERE complete
  UNWIND l.said + [x IN l.about WHERE NOT x IN l.said] AS cid
  MATCH (sp)-[:SAID]->(c:Claim {id: cid})-[:REPORTED_IN]->(a:Article)
  OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  WITH sp, c, a, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
       head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
  RETURN collect({
    claim: c {.*, ingested_at: null},
    speaker: {id: sp.id, name: coalesce(sp.name, sp.description),
              type: coalesce(sp.type, 'AnonymousSource'), anonymous: sp:AnonymousSource,
              description: sp.description, affiliation: sp.affiliation},
    about: [x IN about WHERE x.id IS NOT NULL], target: target,
    article: a {.id, .title, .url, .source, .published}}) AS claims
}
RETURN e {.*} AS entity, CASE WHEN s IS NULL THEN {} ELSE properties(s) END AS counts,
       CASE WHEN l.said IS NULL OR l.about IS NULL THEN null
            ELSE {said: l.said, said_k: l.said_k, about: l.about, about_k: l.about_k} END
         AS lists,
       complete, claims
