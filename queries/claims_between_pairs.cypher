// Evidence for claim edges: per (speaker, entity) pair, the newest claims by the speaker about
// or targeting the entity (only for the edges a read returns).
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair.a})
CALL (x, pair) {
  MATCH (x)-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(:Entity {id: pair.b})
  WITH DISTINCT c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN pair.a AS a, pair.b AS b, ids
