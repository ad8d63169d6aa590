// Stores new top-K lists computed by graph/toplists.py (ids and weights, parallel lists) on
// TopNeighbours nodes this transaction has already locked (toplist_lock).
UNWIND $rows AS row
MATCH (s:TopNeighbours {entity_id: row.id})
SET s[row.key] = row.ids, s[row.key + '_w'] = row.weights
