// One analyst judgement (merge or split), stored as data with the state it replaced.
CREATE (j:Judgement)
SET j = $props
RETURN j.id AS id
