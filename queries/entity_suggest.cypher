// Suggestions for a name that matched nothing: the closest entity names (fuzzy, any word).
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $limit}) YIELD node, score
RETURN node.id AS id, node.name AS name, node.type AS type, score
ORDER BY score DESC, id
