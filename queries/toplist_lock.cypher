// Takes the write lock on each entity's TopNeighbours node, then reads its top-K lists
// (graph/toplists.py). Neo4j reads at read-committed isolation: without the lock, two writers
// could read the same list and the later write would drop the earlier one's entries (a lost
// update). SET takes the lock (held until the transaction ends) before the lists are read;
// rows come sorted by id so concurrent writers queue in one order. A node is created only for
// an entity that gains weight. A node exists exactly while its entity has aggregate edges, so a
// new one's edges are all this transaction's: `held` (the sum of its edges' weights) lets the
// caller check that before it builds the lists from those edges alone.
UNWIND $rows AS row
OPTIONAL MATCH (old:TopNeighbours {entity_id: row.id})
WITH row, old
WHERE old IS NOT NULL OR (row.grow AND EXISTS { MATCH (:Entity {id: row.id}) })
MERGE (s:TopNeighbours {entity_id: row.id})
SET s._toplock = true
REMOVE s._toplock
WITH row, old, s
CALL (row, old) {
  WITH row WHERE old IS NULL
  MATCH (:Entity {id: row.id})-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-()
  RETURN sum(r.weight) AS held
}
RETURN row.id AS id, old IS NULL AS created, held,
       [k IN row.keys | s[k]] AS ids, [k IN row.keys | s[k + '_w']] AS weights
