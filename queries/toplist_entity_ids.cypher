// The next batch of entity ids in id order (graph/toplists.py build: the migration's batches).
MATCH (e:Entity) WHERE e.id > $after
RETURN e.id AS id ORDER BY e.id LIMIT $n
