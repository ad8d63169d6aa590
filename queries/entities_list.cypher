// Entities by name (index-ordered), optionally by type; keyset on (name, id).
MATCH (e:Entity)
WHERE e.name IS NOT NULL
  AND ($types IS NULL OR e.type IN $types)
  AND ($after_name IS NULL OR e.name > $after_name
       OR (e.name = $after_name AND e.id > $after_id))
WITH e
ORDER BY e.name ASC, e.id ASC
LIMIT $limit
RETURN e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1} AS entity, null AS score,
       COUNT { (e)<-[:MENTIONS]-() } AS mentions
ORDER BY entity.name ASC, entity.id ASC
