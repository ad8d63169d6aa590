// Sets the `solo` flag (no CO_MENTIONED between the same two entities) on every claim and role
// aggregate edge, in batches (migration 7, graph/agg_pointers.py backfill).
MATCH (x:Entity)-[r:CLAIMED_ABOUT|HOLDS_ROLE]->(y:Entity)
CALL (x, y, r) {
  SET r.solo = NOT EXISTS { (x)-[:CO_MENTIONED]-(y) }
} IN TRANSACTIONS OF 10000 ROWS
