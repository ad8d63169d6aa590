// Entities from a state; labels come from the NodeLabel enum (checked in graph/judgements.py).
UNWIND $rows AS row
CREATE (n:Entity {id: row.id})
SET n:$(row.labels)
SET n += row.props
RETURN count(n) AS n
