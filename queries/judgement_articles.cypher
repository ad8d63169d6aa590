// The articles whose aggregate contribution a judgement on these entities can change: those
// that mention them, report claims said by, about or targeting them, or evidence their roles.
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})
CALL (e) {
  MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id AS aid
  UNION
  MATCH (e)--(:Claim)-[:REPORTED_IN]->(a:Article) RETURN a.id AS aid
  UNION
  MATCH (e)-[r:HAS_ROLE]-() RETURN r.article_id AS aid
}
WITH aid WHERE aid IS NOT NULL
RETURN collect(DISTINCT aid) AS ids
