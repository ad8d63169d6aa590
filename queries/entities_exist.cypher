// Which of these entity ids are in the graph.
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})
RETURN e.id AS id
