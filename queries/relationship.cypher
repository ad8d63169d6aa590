// What connects two entities (or anonymous sources), given by id, in one read: both with their
// article counts (no entry for an unknown id: the caller then resolves names), the newest
// claims by each about (or targeting) the other, whole (the shape of claims_by_ids), the
// co-mention weight (write-time CO_MENTIONED) and the roles between them (as roles.cypher).
CALL () {
  CALL () {
    MATCH (e:Entity) WHERE e.id IN [$a, $b] RETURN e
    UNION
    MATCH (e:AnonymousSource) WHERE e.id IN [$a, $b] RETURN e
  }
  RETURN collect({entity: e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1,
                             .description},
                  mentions: COUNT { (e)<-[:MENTIONS]-() }}) AS entities
}
CALL () {
  CALL () {
    MATCH (:Entity {id: $a})-[:SAID]->(c:Claim) RETURN c
    UNION
    MATCH (:AnonymousSource {id: $a})-[:SAID]->(c:Claim) RETURN c
  }
  WITH c WHERE EXISTS { (c)-[:ABOUT|TARGETS]->(t:Entity) WHERE t.id = $b }
  WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id ASC LIMIT $limit
  RETURN collect(c) AS ab
}
CALL () {
  CALL () {
    MATCH (:Entity {id: $b})-[:SAID]->(c:Claim) RETURN c
    UNION
    MATCH (:AnonymousSource {id: $b})-[:SAID]->(c:Claim) RETURN c
  }
  WITH c WHERE EXISTS { (c)-[:ABOUT|TARGETS]->(t:Entity) WHERE t.id = $a }
  WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id ASC LIMIT $limit
  RETURN collect(c) AS ba
}
CALL (ab, ba) {
  UNWIND ab + [x IN ba WHERE NOT x IN ab] AS c
  MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
  OPTIONAL MATCH (c)-[:ABOUT]->(x:Entity)
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  WITH s, c, a, collect(DISTINCT {id: x.id, name: x.name, type: x.type}) AS about,
       head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
  RETURN collect({
    claim: c {.*, ingested_at: null},
    speaker: {id: s.id, name: coalesce(s.name, s.description),
              type: coalesce(s.type, 'AnonymousSource'), anonymous: s:AnonymousSource,
              description: s.description, affiliation: s.affiliation},
    about: [y IN about WHERE y.id IS NOT NULL], target: target,
    article: a {.id, .title, .url, .source, .published}}) AS claims
}
CALL () {
  OPTIONAL MATCH (:Entity {id: $a})-[w:CO_MENTIONED]-(:Entity {id: $b})
  RETURN coalesce(head(collect(w.weight)), 0) AS weight
}
CALL () {
  MATCH (:Entity {id: $a})-[r:HAS_ROLE]-(:Entity {id: $b})
  WITH r, startNode(r) AS p, endNode(r) AS org
  LIMIT $limit
  OPTIONAL MATCH (art:Article {id: r.article_id})
  RETURN collect({
    person: p {.id, .name, .type}, organization: org {.id, .name, .type}, title: r.title,
    article: art {.id, .title, .url, .source, .published},
    sentence: CASE WHEN art IS NULL OR r.sentence_start IS NULL THEN null
                   ELSE substring(art.text, r.sentence_start, r.sentence_end - r.sentence_start)
              END,
    start: r.start, end: r.end, sentence_start: r.sentence_start,
    sentence_end: r.sentence_end}) AS roles
}
RETURN entities, [c IN ab | c.id] AS ab_ids, [c IN ba | c.id] AS ba_ids, claims, weight, roles
