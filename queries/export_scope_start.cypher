// Export scope: does the start node of a neighbourhood exist (any exportable label)?
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (c:Claim {id: $id})
OPTIONAL MATCH (a:Article {id: $id})
OPTIONAL MATCH (s:AnonymousSource {id: $id})
RETURN coalesce(e.id, c.id, a.id, s.id) AS id
