// Resolve a free-text name to entity ids: exact name/alias first, then full-text over aliases.
CALL () {
  MATCH (e:Entity)
  WHERE toLower(e.name) = toLower($name)
     OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) = toLower($name))
  RETURN e.id AS id, 100.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
  RETURN node.id AS id, score
  UNION
  MATCH (s:AnonymousSource)
  WHERE toLower(s.name) CONTAINS toLower($name)
  RETURN s.id AS id, 1.0 AS score
}
RETURN id, max(score) AS score
ORDER BY score DESC
LIMIT $limit
