// Stores lists computed by graph/newest_claims.py on NewestClaims nodes this transaction has
// already locked (newest_lock): `props` maps a role to claim ids and role + "_k" to sort keys.
// A node left with no claims in either list is deleted: a node exists exactly for the entities
// with claims (an undone split leaves none behind).
UNWIND $rows AS row
MATCH (l:NewestClaims {entity_id: row.id})
SET l += row.props
WITH l WHERE size(coalesce(l.said, [])) = 0 AND size(coalesce(l.about, [])) = 0
DELETE l
