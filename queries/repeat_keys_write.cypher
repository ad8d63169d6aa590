// A claim's repeat keys (ingest/extract/repeat_keys.py) as constraint-backed nodes. A key that
// no claim holds any more is dropped with the edge, so re-extraction leaves no orphans.
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
CALL (c, row) {
  MATCH (c)-[r:HAS_REPEAT_KEY]->(k:RepeatKey)
  WHERE NOT k.id IN row.keys
  DELETE r
  WITH k WHERE NOT EXISTS { (k)<-[:HAS_REPEAT_KEY]-() }
  DELETE k
}
CALL (c, row) {
  UNWIND row.keys AS key
  MERGE (k:RepeatKey {id: key})
  MERGE (c)-[:HAS_REPEAT_KEY]->(k)
}
RETURN count(c) AS n
