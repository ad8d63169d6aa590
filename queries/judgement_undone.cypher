MATCH (j:Judgement {id: $id})
SET j.undone_at = $at, j.undone_by = $by
RETURN j.id AS id
