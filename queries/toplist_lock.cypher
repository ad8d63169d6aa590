// Takes the write lock on each entity's TopNeighbours node, then reads its top-K lists
// (graph/toplists.py). Neo4j reads at read-committed isolation: without the lock, two writers
// could read the same list and the later write would drop the earlier one's entries (a lost
// update). SET takes the lock (held until the transaction ends) before the lists are read;
// rows come sorted by id so concurrent writers queue in one order. A node is created only for
// an entity that gains weight; its lists are null, which the caller builds from the edges.
UNWIND $rows AS row
OPTIONAL MATCH (old:TopNeighbours {entity_id: row.id})
WITH row, old
WHERE old IS NOT NULL OR (row.grow AND EXISTS { MATCH (:Entity {id: row.id}) })
MERGE (s:TopNeighbours {entity_id: row.id})
SET s._toplock = true
REMOVE s._toplock
RETURN row.id AS id, [k IN row.keys | s[k]] AS ids, [k IN row.keys | s[k + '_w']] AS weights
