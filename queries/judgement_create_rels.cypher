// Relationships from a state: one end is an entity of the state, the other is found by its key
// label and id (static labels, so each lookup uses its uniqueness constraint). Relationship
// types come from the RelType enum (checked in graph/judgements.py).
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity_id})
CALL (row) {
  WITH row WHERE row.other_label = 'Entity' MATCH (x:Entity {id: row.other_id}) RETURN x
  UNION
  WITH row WHERE row.other_label = 'Article' MATCH (x:Article {id: row.other_id}) RETURN x
  UNION
  WITH row WHERE row.other_label = 'Claim' MATCH (x:Claim {id: row.other_id}) RETURN x
  UNION
  WITH row WHERE row.other_label = 'ResolutionDecision'
  MATCH (x:ResolutionDecision {id: row.other_id}) RETURN x
  UNION
  WITH row WHERE row.other_label = 'AnonymousSource'
  MATCH (x:AnonymousSource {id: row.other_id}) RETURN x
  UNION
  WITH row WHERE row.other_label = 'Source' MATCH (x:Source {id: row.other_id}) RETURN x
}
CALL (e, x, row) {
  WITH e, x, row WHERE row.out
  CREATE (e)-[r:$(row.type)]->(x)
  SET r = row.props
}
CALL (e, x, row) {
  WITH e, x, row WHERE NOT row.out
  CREATE (x)-[r:$(row.type)]->(e)
  SET r = row.props
}
RETURN count(*) AS n
