// Resolve a free-text name (or an id) to entity ids: an exact id first, then full-text over
// names and aliases where an exact (case-insensitive) name or alias scores highest, then
// anonymous sources by description. Ties (a name that is also another entity's alias, e.g. a
// company named after a country) go to the entity mentioned most (EntityStats, write time).
CALL () {
  MATCH (e:Entity {id: $name})
  RETURN e.id AS id, 1000.0 AS score
  UNION
  MATCH (s:AnonymousSource {id: $name})
  RETURN s.id AS id, 1000.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 50}) YIELD node, score
  RETURN node.id AS id,
         CASE WHEN toLower(node.name) = toLower($name)
                OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = toLower($name))
              THEN 100.0 ELSE score END AS score
  UNION
  // The lowercased name kept at write time, through its text index (a label scan before:
  // one anonymous source per article and span, so it grew with the corpus).
  MATCH (s:AnonymousSource)
  WHERE s.name_lower CONTAINS toLower($name)
  RETURN s.id AS id, 1.0 AS score
}
WITH id, max(score) AS score
OPTIONAL MATCH (st:EntityStats {entity_id: id})
RETURN id, score
ORDER BY score DESC, coalesce(st.mentions, 0) DESC, id
LIMIT $limit
