// Takes the write lock on each entity's EntityStats node, then reads its top-K lists
// (graph/toplists.py). Neo4j reads at read-committed isolation: without the lock, two writers
// could read the same list and the later write would drop the earlier one's entries (a lost
// update). SET takes the lock (held until the transaction ends) before the lists are read;
// rows come sorted by id so concurrent writers queue in one order. A node is created only for
// an entity that gains weight (a role's organization may have no counts yet), with zero counts
// as agg_apply_entities expects; its lists are null, which the caller rebuilds from the edges.
UNWIND $rows AS row
OPTIONAL MATCH (old:EntityStats {entity_id: row.id})
WITH row, old
WHERE old IS NOT NULL OR (row.grow AND EXISTS { MATCH (:Entity {id: row.id}) })
MERGE (s:EntityStats {entity_id: row.id})
ON CREATE SET s.mentions = 0, s.articles = 0, s.claims = 0
SET s._toplock = true
REMOVE s._toplock
RETURN row.id AS id, [k IN row.keys | s[k]] AS ids, [k IN row.keys | s[k + '_w']] AS weights
