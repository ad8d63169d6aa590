// Takes the write lock on each entity's NewestClaims node (graph/newest_claims.py), creating it
// for an entity that has none, then reads its lists. Neo4j reads at read-committed isolation:
// without the lock two writers could read the same list and the later write would drop the
// earlier one's claims. SET takes the lock (held until the transaction ends) before the lists
// are read; $ids come sorted so concurrent writers queue in one order. `created`: no node
// before, so its lists are unknown (recomputed from the claims).
UNWIND $ids AS id
OPTIONAL MATCH (old:NewestClaims {entity_id: id})
WITH id, old
WHERE old IS NOT NULL OR EXISTS { MATCH (:Entity {id: id}) }
MERGE (l:NewestClaims {entity_id: id})
SET l._lock = true
REMOVE l._lock
RETURN id, old IS NULL AS created, l.said AS said, l.said_k AS said_k, l.about AS about,
       l.about_k AS about_k
