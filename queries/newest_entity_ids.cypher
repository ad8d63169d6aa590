// A batch of entity ids after $after that have claims by or about them (newest-claims backfill).
MATCH (e:Entity)
WHERE e.id > $after
  AND (EXISTS { (e)-[:SAID]->(:Claim) } OR EXISTS { (e)<-[:ABOUT|TARGETS]-(:Claim) })
RETURN e.id AS id ORDER BY id LIMIT $n
