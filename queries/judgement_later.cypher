// Judgements made after a given one that touch the same entities (an undo must go in order).
MATCH (j:Judgement)
WHERE j.undone_at IS NULL AND j.created_at > $after AND j.id <> $id
  AND (j.entity_id IN $ids OR j.other_id IN $ids OR j.new_entity_id IN $ids)
RETURN j.id AS id
ORDER BY j.created_at
