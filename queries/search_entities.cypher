// Type-ahead over entities: full-text over names and aliases, exact names first.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $limit * 2}) YIELD node, score
WITH node AS e, CASE WHEN toLower(node.name) = toLower($q)
                      OR any(x IN coalesce(node.aliases, []) WHERE toLower(x) = toLower($q))
                     THEN score + 100.0 ELSE score END AS score
ORDER BY score DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1} AS entity, score,
       COUNT { (e)<-[:MENTIONS]-() } AS mentions
