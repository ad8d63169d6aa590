// The lists of an entity's profile in one read: its newest claims ($limit), the newest claims
// about or targeting it ($limit), each whole (speaker, entities, evidence: the shape of
// claims_by_ids), and its roles with their evidence (the shape of roles.cypher, $role_limit).
MATCH (e:Entity {id: $id})
// The newest claims come from the writer's lists (graph/newest_claims.py: $stored per role,
// exact) when they can answer: the list exists and holds $limit entries or every claim. Else
// (no list yet, or $limit above what is stored) the entity's claims are walked.
OPTIONAL MATCH (l:NewestClaims {entity_id: $id})
WITH e, l,
     l.said IS NOT NULL AND ($limit <= $stored OR size(l.said) < $stored) AS said_listed,
     l.about IS NOT NULL AND ($limit <= $stored OR size(l.about) < $stored) AS about_listed
CALL (e, said_listed) {
  WITH e WHERE NOT said_listed
  MATCH (e)-[:SAID]->(c:Claim)
  WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c.id) AS walked_by
}
CALL (e, about_listed) {
  WITH e WHERE NOT about_listed
  MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim)
  WITH DISTINCT c
  ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c.id) AS walked_about
}
WITH e, CASE WHEN said_listed THEN l.said[..$limit] ELSE walked_by END AS by_ids,
     CASE WHEN about_listed THEN l.about[..$limit] ELSE walked_about END AS about_ids
CALL (by_ids, about_ids) {
  UNWIND by_ids + [x IN about_ids WHERE NOT x IN by_ids] AS cid
  MATCH (s)-[:SAID]->(c:Claim {id: cid})-[:REPORTED_IN]->(a:Article)
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
RETURN by_ids, about_ids, claims, roles
