// First and last day of an aggregate edge, recounted from the evidence: only run for the few
// edges whose boundary day was removed by a re-extraction or a deletion.
UNWIND $rows AS row
MATCH (x:Entity {id: row.a})-[r:$(row.type)]->(y:Entity {id: row.b})
CALL (x, y, row) {
  WITH x, y, row WHERE row.type = 'CO_MENTIONED'
  MATCH (x)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(y)
  RETURN substring(coalesce(a.published, ''), 0, 10) AS d
  UNION
  WITH x, y, row WHERE row.type = 'CLAIMED_ABOUT'
  MATCH (x)-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(y)
  RETURN substring(coalesce(c.date, c.published, ''), 0, 10) AS d
  UNION
  WITH x, y, row WHERE row.type = 'HOLDS_ROLE'
  MATCH (x)-[h:HAS_ROLE]->(y)
  MATCH (a:Article {id: h.article_id})
  RETURN substring(coalesce(a.published, ''), 0, 10) AS d
}
WITH r, CASE WHEN d <> '' THEN d END AS d
WITH r, min(d) AS first, max(d) AS last
SET r.first = first, r.last = last
RETURN count(r) AS n
