// Recomputes the listed roles of locked NewestClaims nodes from the entity's claims: its $n
// newest by coalesce(date, published, '') descending, then id (graph/newest_claims.py). An
// entity that no longer exists, or has no claims left, loses its node.
UNWIND $rows AS row
MATCH (l:NewestClaims {entity_id: row.id})
OPTIONAL MATCH (e:Entity {id: row.id})
CALL (e, row) {
  OPTIONAL MATCH (e)-[:SAID]->(c:Claim)
  WHERE 'said' IN row.roles
  WITH c, coalesce(c.date, c.published, '') AS k ORDER BY k DESC, c.id LIMIT $n
  WITH collect(CASE WHEN c IS NOT NULL THEN [c.id, k] END) AS got
  RETURN [x IN got | x[0]] AS said, [x IN got | x[1]] AS said_k
}
CALL (e, row) {
  OPTIONAL MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim)
  WHERE 'about' IN row.roles
  WITH DISTINCT c
  WITH c, coalesce(c.date, c.published, '') AS k ORDER BY k DESC, c.id LIMIT $n
  WITH collect(CASE WHEN c IS NOT NULL THEN [c.id, k] END) AS got
  RETURN [x IN got | x[0]] AS about, [x IN got | x[1]] AS about_k
}
SET l.said = CASE WHEN 'said' IN row.roles THEN said ELSE l.said END,
    l.said_k = CASE WHEN 'said' IN row.roles THEN said_k ELSE l.said_k END,
    l.about = CASE WHEN 'about' IN row.roles THEN about ELSE l.about END,
    l.about_k = CASE WHEN 'about' IN row.roles THEN about_k ELSE l.about_k END
WITH l WHERE size(coalesce(l.said, [])) = 0 AND size(coalesce(l.about, [])) = 0
DELETE l
