// Export scope: does the start node of a neighbourhood exist (any exportable label)? Its
// label too, so /id/{kind}/{id} can tell a claim id asked for as an entity.
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (c:Claim {id: $id})
OPTIONAL MATCH (a:Article {id: $id})
OPTIONAL MATCH (s:AnonymousSource {id: $id})
OPTIONAL MATCH (o:Source {id: $id})
RETURN coalesce(e.id, c.id, a.id, s.id, o.id) AS id,
       CASE WHEN e IS NOT NULL THEN 'entity' WHEN c IS NOT NULL THEN 'claim'
            WHEN a IS NOT NULL THEN 'article' WHEN s IS NOT NULL THEN 'anonymous'
            WHEN o IS NOT NULL THEN 'source' END AS kind
