// Evidence for claim edges: per (speaker, entity) pair, a few claims by the speaker about or
// targeting the entity (only for the edges a read returns). The walk starts from the side with
// fewer claims (relationship degrees: no scan) and stops at $limit, so a pair of hubs costs no
// more than a pair of tail entities; the caller orders the few claims by date.
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair.a})
MATCH (y:Entity {id: pair.b})
CALL (x, y) {
  WITH x, y WHERE COUNT { (x)-[:SAID]->() } <= COUNT { (y)<-[:ABOUT|TARGETS]-() }
  MATCH (x)-[:SAID]->(c:Claim)
  WHERE EXISTS { (c)-[:ABOUT|TARGETS]->(y) }
  RETURN c LIMIT $limit
  UNION
  WITH x, y WHERE COUNT { (x)-[:SAID]->() } > COUNT { (y)<-[:ABOUT|TARGETS]-() }
  MATCH (y)<-[:ABOUT|TARGETS]-(c:Claim)
  WHERE EXISTS { (x)-[:SAID]->(c) }
  RETURN DISTINCT c LIMIT $limit
}
WITH pair, c ORDER BY coalesce(c.date, c.published, '') DESC, c.id
RETURN pair.a AS a, pair.b AS b, collect(c.id)[..$limit] AS ids
