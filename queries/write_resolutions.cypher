// Each entity-resolution decision is data: method, score, time, the alias it matched.
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity_id})
MERGE (d:ResolutionDecision {id: row.id})
SET d.method = row.method, d.score = row.score, d.matched = row.matched, d.at = row.at,
    d.article_id = row.article_id, d.entity_id = row.entity_id, d.undone = false
MERGE (d)-[:RESOLVED]->(e)
RETURN count(d) AS n
