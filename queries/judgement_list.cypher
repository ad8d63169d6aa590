// Judgements that name an entity as survivor, merged-in entity or split-off entity.
MATCH (j:Judgement)
WHERE j.entity_id = $id OR j.other_id = $id OR j.new_entity_id = $id
RETURN properties(j) AS j
ORDER BY j.created_at DESC, j.id
