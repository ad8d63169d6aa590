// Migration 7 (graph/agg_pointers.py backfill), in batches over every aggregate edge: the
// `solo` flag of claim and role edges (no CO_MENTIONED between the same two entities) and the
// `pair` key (start id, U+001F, end id) of co-mention and claim edges.
MATCH (x:Entity)-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]->(y:Entity)
CALL (x, y, r) {
  SET r.solo = CASE WHEN r:CO_MENTIONED THEN null
                    ELSE NOT EXISTS { (x)-[:CO_MENTIONED]-(y) } END,
      r.pair = CASE WHEN r:HOLDS_ROLE THEN null ELSE x.id + '\u001f' + y.id END
} IN TRANSACTIONS OF 10000 ROWS
