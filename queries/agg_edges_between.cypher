// The aggregate edges joining consecutive entities of a path (its hop kinds and weights).
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair.a})-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]-(y:Entity {id: pair.b})
RETURN pair.a AS a, pair.b AS b, type(r) AS type, startNode(r) = x AS forward, r.weight AS weight
