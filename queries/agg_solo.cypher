// The one-kind-per-pair flag (graph/agg_pointers.py): a claim or role edge is `solo` when no
// CO_MENTIONED edge joins the same two entities. Run for the pairs whose co-mention or
// claim/role edge was just created or deleted ($pairs: {a, b}, a < b, sorted).
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair.a})
MATCH (y:Entity {id: pair.b})
WITH x, y, NOT EXISTS { (x)-[:CO_MENTIONED]-(y) } AS solo
MATCH (x)-[r:CLAIMED_ABOUT|HOLDS_ROLE]-(y)
WITH r, solo WHERE r.solo IS NULL OR r.solo <> solo
SET r.solo = solo
