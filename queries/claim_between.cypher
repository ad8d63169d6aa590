// The newest claims by one entity about (or targeting) another: evidence for a path hop.
MATCH (x:Entity {id: $a})-[:SAID]->(c:Claim)-[:ABOUT|TARGETS]->(y:Entity {id: $b})
WITH DISTINCT c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
RETURN collect(c.id) AS ids
