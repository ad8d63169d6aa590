// Articles mentioning both entities, from the write-time CO_MENTIONED edge.
MATCH (x:Entity {id: $a})-[r:CO_MENTIONED]-(y:Entity {id: $b})
RETURN r.weight AS n
