// Is this string an entity id? (The common case of a read: one index lookup, no full-text.)
MATCH (e:Entity {id: $id})
RETURN e.id AS id
