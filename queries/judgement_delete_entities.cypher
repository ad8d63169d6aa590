// Entities about to be rewritten from a computed state (a merge, a split, an undo).
UNWIND $ids AS eid
MATCH (n:Entity {id: eid})
DETACH DELETE n
RETURN count(*) AS n
