// Rebuilds entities' top-K neighbour lists of the given kinds from their aggregate edges
// (graph/toplists.py): after a listed weight fell or went away, and for the migration. Order as
// in neighbors_agg: weight descending, then the other entity's id. An entity with neither a
// TopNeighbours node nor aggregate edges gets no node.
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
OPTIONAL MATCH (old:TopNeighbours {entity_id: row.id})
WITH e, row, old
WHERE old IS NOT NULL OR EXISTS { (e)-[:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-() }
MERGE (s:TopNeighbours {entity_id: row.id})
WITH e, s, row
CALL (e, row) {
  WITH e WHERE 'co' IN row.kinds
  MATCH (e)-[r:CO_MENTIONED]-(o:Entity) WHERE r.weight > 0
  WITH o.id AS o, r.weight AS w ORDER BY w DESC, o LIMIT $k
  RETURN collect(o) AS co, collect(w) AS co_w
}
CALL (e, row) {
  WITH e WHERE 'out' IN row.kinds
  MATCH (e)-[r:CLAIMED_ABOUT]->(o:Entity) WHERE r.weight > 0
  WITH o.id AS o, r.weight AS w ORDER BY w DESC, o LIMIT $k
  RETURN collect(o) AS out, collect(w) AS out_w
}
CALL (e, row) {
  WITH e WHERE 'in' IN row.kinds
  MATCH (e)<-[r:CLAIMED_ABOUT]-(o:Entity) WHERE r.weight > 0
  WITH o.id AS o, r.weight AS w ORDER BY w DESC, o LIMIT $k
  RETURN collect(o) AS inc, collect(w) AS inc_w
}
CALL (e, row) {
  WITH e WHERE 'rp' IN row.kinds
  MATCH (e)-[r:HOLDS_ROLE]->(o:Entity) WHERE r.weight > 0
  WITH o.id AS o, r.weight AS w ORDER BY w DESC, o LIMIT $k
  RETURN collect(o) AS rp, collect(w) AS rp_w
}
CALL (e, row) {
  WITH e WHERE 'ro' IN row.kinds
  MATCH (e)<-[r:HOLDS_ROLE]-(o:Entity) WHERE r.weight > 0
  WITH o.id AS o, r.weight AS w ORDER BY w DESC, o LIMIT $k
  RETURN collect(o) AS ro, collect(w) AS ro_w
}
SET s.top_co = CASE WHEN 'co' IN row.kinds THEN co ELSE s.top_co END,
    s.top_co_w = CASE WHEN 'co' IN row.kinds THEN co_w ELSE s.top_co_w END,
    s.top_out = CASE WHEN 'out' IN row.kinds THEN out ELSE s.top_out END,
    s.top_out_w = CASE WHEN 'out' IN row.kinds THEN out_w ELSE s.top_out_w END,
    s.top_in = CASE WHEN 'in' IN row.kinds THEN inc ELSE s.top_in END,
    s.top_in_w = CASE WHEN 'in' IN row.kinds THEN inc_w ELSE s.top_in_w END,
    s.top_rp = CASE WHEN 'rp' IN row.kinds THEN rp ELSE s.top_rp END,
    s.top_rp_w = CASE WHEN 'rp' IN row.kinds THEN rp_w ELSE s.top_rp_w END,
    s.top_ro = CASE WHEN 'ro' IN row.kinds THEN ro ELSE s.top_ro END,
    s.top_ro_w = CASE WHEN 'ro' IN row.kinds THEN ro_w ELSE s.top_ro_w END
// No edge left of any kind: no node (see toplist_set).
WITH s WHERE all(k IN $kinds WHERE size(coalesce(s['top_' + k], [])) = 0)
DELETE s
