// The lists of an entity's profile in one read: its newest claims ($limit), the newest claims
// about or targeting it ($limit), each whole (speaker, entities, evidence: the shape of
// claims_by_ids), and its roles with their evidence (the shape of roles.cypher, $role_limit).
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[:SAID]->(c:Claim)
  WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c) AS by_claims
}
CALL (e) {
  MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim)
  WITH DISTINCT c
  ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c) AS about_claims
}
CALL (by_claims, about_claims) {
  UNWIND by_claims + [x IN about_claims WHERE NOT x IN by_claims] AS c
  MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
  OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  WITH s, c, a, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
       head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
  RETURN collect({
    claim: c {.*, ingested_at: null},
    speaker: {id: s.id, name: coalesce(s.name, s.description),
              type: coalesce(s.type, 'AnonymousSource'), anonymous: s:AnonymousSource,
              description: s.description, affiliation: s.affiliation},
    about: [x IN about WHERE x.id IS NOT NULL], target: target,
    article: a {.id, .title, .url, .source, .published}}) AS claims
}
CALL (e) {
  MATCH (e)-[r:HAS_ROLE]-(:Entity)
  WITH r, startNode(r) AS p, endNode(r) AS org
  LIMIT $role_limit
  OPTIONAL MATCH (a:Article {id: r.article_id})
  RETURN collect({
    person: p {.id, .name, .type}, organization: org {.id, .name, .type}, title: r.title,
    article: a {.id, .title, .url, .source, .published},
    sentence: CASE WHEN a IS NULL OR r.sentence_start IS NULL THEN null
                   ELSE substring(a.text, r.sentence_start, r.sentence_end - r.sentence_start)
              END,
    start: r.start, end: r.end, sentence_start: r.sentence_start,
    sentence_end: r.sentence_end}) AS roles
}
RETURN [c IN by_claims | c.id] AS by_ids, [c IN about_claims | c.id] AS about_ids, claims, roles
