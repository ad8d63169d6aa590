MATCH (n:Entity {id: $id})
RETURN n.id AS id
