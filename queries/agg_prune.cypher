// Before an article's extraction is written again, drop what the new extraction no longer has
// (mentions of other entities, claims with other ids) and the claim and role edges that are
// merged afresh, so the article's edges, and with them its aggregate contribution, are replaced.
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
CALL (a) {
  MATCH (a)-[:MENTIONS]->(:Entity)-[r:HAS_ROLE]->()
  WHERE r.article_id = a.id
  DELETE r
}
CALL (a, row) {
  MATCH (a)-[m:MENTIONS]->(e:Entity)
  WHERE NOT e.id IN row.entity_ids
  DELETE m
}
CALL (a, row) {
  MATCH (c:Claim)-[:REPORTED_IN]->(a)
  WHERE NOT c.id IN row.claim_ids
  OPTIONAL MATCH (s:AnonymousSource)-[:SAID]->(c)
  DETACH DELETE c, s
}
CALL (a) {
  MATCH (c:Claim)-[:REPORTED_IN]->(a)
  MATCH (c)-[r:ABOUT|TARGETS]->(:Entity)
  DELETE r
}
CALL (a) {
  MATCH (c:Claim)-[:REPORTED_IN]->(a)
  MATCH (:Entity)-[r:SAID]->(c)
  DELETE r
}
RETURN count(a) AS n
