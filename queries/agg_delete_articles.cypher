// Deletes articles with everything that is evidence only for them: their claims (and the
// anonymous sources that made them), the HAS_ROLE edges they attest, their resolution decisions.
// Entities stay (other articles may mention them). Aggregates are adjusted by the caller.
UNWIND $ids AS aid
MATCH (a:Article {id: aid})
CALL (a) {
  MATCH (a)-[:MENTIONS]->(:Entity)-[r:HAS_ROLE]->()
  WHERE r.article_id = a.id
  DELETE r
}
CALL (a) {
  MATCH (a)-[:MENTIONS]->(:Entity)<-[:RESOLVED]-(d:ResolutionDecision)
  WHERE d.article_id = a.id
  DETACH DELETE d
}
CALL (a) {
  MATCH (c:Claim)-[:REPORTED_IN]->(a)
  OPTIONAL MATCH (s:AnonymousSource)-[:SAID]->(c)
  DETACH DELETE c, s
}
DETACH DELETE a
RETURN count(*) AS n
