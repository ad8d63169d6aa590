// Entities by full-text over names and aliases (the lucene string is built and escaped in
// graph/reads.py), optionally by type; keyset on (score, id) for the cursor.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $scan}) YIELD node, score
WITH node AS e, CASE WHEN toLower(node.name) = toLower($q)
                      OR any(x IN coalesce(node.aliases, []) WHERE toLower(x) = toLower($q))
                     THEN score + 100.0 ELSE score END AS score
WHERE ($types IS NULL OR e.type IN $types)
  AND ($after_score IS NULL OR score < $after_score
       OR (score = $after_score AND e.id > $after_id))
WITH e, score
ORDER BY score DESC, e.id ASC
LIMIT $limit
RETURN e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1} AS entity, score,
       COUNT { (e)<-[:MENTIONS]-() } AS mentions
ORDER BY score DESC, entity.id ASC
