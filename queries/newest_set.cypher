// Stores lists computed by graph/newest_claims.py on NewestClaims nodes this transaction has
// already locked (newest_lock): `props` maps a role to claim ids and role + "_k" to sort keys.
UNWIND $rows AS row
MATCH (l:NewestClaims {entity_id: row.id})
SET l += row.props
