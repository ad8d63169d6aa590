// Stores new top-K lists computed by graph/toplists.py on TopNeighbours nodes this transaction
// has already locked (toplist_lock): `props` maps "top_<kind>" to ids and "top_<kind>_w" to
// weights. A node whose lists are all empty (the entity has no aggregate edge left) is deleted,
// so that a node exists exactly for the entities with edges (an undone judgement leaves none).
UNWIND $rows AS row
MATCH (s:TopNeighbours {entity_id: row.id})
SET s += row.props
WITH s WHERE all(k IN $kinds WHERE size(coalesce(s['top_' + k], [])) = 0)
DELETE s
