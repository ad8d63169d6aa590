// Adds a delta to per-entity counts on its EntityStats node: totals plus one dynamic property
// per day and kind ("m<day>" mentions, "a<day>" articles, "c<day>" claims by or about it),
// removed at zero, so timelines and profiles read a handful of properties, not every edge.
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
MERGE (s:EntityStats {entity_id: row.id})
ON CREATE SET s.mentions = 0, s.articles = 0, s.claims = 0
SET s.mentions = s.mentions + row.mentions, s.articles = s.articles + row.articles,
    s.claims = s.claims + row.claims
WITH s, row
CALL (s, row) {
  UNWIND range(0, size(row.keys) - 1) AS i
  WITH s, row.keys[i] AS k, coalesce(s[row.keys[i]], 0) + row.deltas[i] AS v
  SET s[k] = CASE WHEN v = 0 THEN null ELSE v END
}
// An entity that no article counts any more (merged away, deleted) keeps no stats node.
WITH s WHERE s.mentions = 0 AND s.articles = 0 AND s.claims = 0
DELETE s
