// The newest claims by an entity and about (or targeting) it: ids only, fetched afterwards.
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[:SAID]->(c:Claim)
  WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c.id) AS by_ids
}
CALL (e) {
  MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim)
  WITH DISTINCT c
  ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c.id) AS about_ids
}
RETURN by_ids, about_ids
