// One expansion step over the write-time aggregates (graph/aggregates.py): for each frontier
// entity, its heaviest edges of each kind — co-mentions (CO_MENTIONED), claims it made about
// others and claims others made about it (CLAIMED_ABOUT, shown as CLAIM_ABOUT), roles
// (HOLDS_ROLE, shown as HAS_ROLE). Exact: every aggregate edge of the entity is weighed, none
// sampled. With a date range the weight is the sum of the monthly counts "m<YYYY-MM>" inside
// [$m_from, $m_to] (month granularity); "mnone" (undated) sorts after every month.
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})
CALL (e) {
  WITH e WHERE 'CO_MENTIONED' IN $rel_types
  MATCH (e)-[r:CO_MENTIONED]-(o:Entity)
  WHERE $types IS NULL OR o.type IN $types
  WITH e, o, CASE WHEN $dated THEN reduce(s = 0, k IN keys(r) |
              s + CASE WHEN k >= $m_from AND k <= $m_to THEN r[k] ELSE 0 END)
            ELSE r.weight END AS w
  WHERE w > 0
  WITH e, o, w ORDER BY w DESC, o.id LIMIT $per_node
  RETURN e.id AS source, o.id AS target, 'CO_MENTIONED' AS type, w AS weight, o
  UNION
  WITH e WHERE 'CLAIM_ABOUT' IN $rel_types
  MATCH (e)-[r:CLAIMED_ABOUT]->(o:Entity)
  WHERE $types IS NULL OR o.type IN $types
  WITH e, o, CASE WHEN $dated THEN reduce(s = 0, k IN keys(r) |
              s + CASE WHEN k >= $m_from AND k <= $m_to THEN r[k] ELSE 0 END)
            ELSE r.weight END AS w
  WHERE w > 0
  WITH e, o, w ORDER BY w DESC, o.id LIMIT $per_node
  RETURN e.id AS source, o.id AS target, 'CLAIM_ABOUT' AS type, w AS weight, o
  UNION
  WITH e WHERE 'CLAIM_ABOUT' IN $rel_types
  MATCH (e)<-[r:CLAIMED_ABOUT]-(o:Entity)
  WHERE $types IS NULL OR o.type IN $types
  WITH e, o, CASE WHEN $dated THEN reduce(s = 0, k IN keys(r) |
              s + CASE WHEN k >= $m_from AND k <= $m_to THEN r[k] ELSE 0 END)
            ELSE r.weight END AS w
  WHERE w > 0
  WITH e, o, w ORDER BY w DESC, o.id LIMIT $per_node
  RETURN o.id AS source, e.id AS target, 'CLAIM_ABOUT' AS type, w AS weight, o
  UNION
  WITH e WHERE 'HAS_ROLE' IN $rel_types
  MATCH (e)-[r:HOLDS_ROLE]-(o:Entity)
  WHERE $types IS NULL OR o.type IN $types
  WITH e, o, r, CASE WHEN $dated THEN reduce(s = 0, k IN keys(r) |
              s + CASE WHEN k >= $m_from AND k <= $m_to THEN r[k] ELSE 0 END)
            ELSE r.weight END AS w
  WHERE w > 0
  WITH e, o, r, w ORDER BY w DESC, o.id LIMIT $per_node
  RETURN startNode(r).id AS source, endNode(r).id AS target, 'HAS_ROLE' AS type, w AS weight, o
}
RETURN source, target, type, weight, o {.id, .name, .type, .lat, .lon, .country} AS other,
       COUNT { (o)<-[:MENTIONS]-() } AS other_mentions
