// The current weight of aggregate edges this transaction just changed (graph/toplists.py);
// an edge that fell to zero was deleted and returns no row. One static type per branch, as in
// agg_apply_pairs: both ends are index lookups and the edge is found between them.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.type = 'CO_MENTIONED'
  MATCH (:Entity {id: row.a})-[r:CO_MENTIONED]->(:Entity {id: row.b})
  RETURN r.weight AS weight
  UNION
  WITH row WHERE row.type = 'CLAIMED_ABOUT'
  MATCH (:Entity {id: row.a})-[r:CLAIMED_ABOUT]->(:Entity {id: row.b})
  RETURN r.weight AS weight
  UNION
  WITH row WHERE row.type = 'HOLDS_ROLE'
  MATCH (:Entity {id: row.a})-[r:HOLDS_ROLE]->(:Entity {id: row.b})
  RETURN r.weight AS weight
}
RETURN row.type AS type, row.a AS a, row.b AS b, weight
