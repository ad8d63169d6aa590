// Active (not undone) judgements in the order they were made: the writer maps entity ids
// through them so that a judgement survives re-ingest and re-extraction.
MATCH (j:Judgement)
WHERE j.undone_at IS NULL
RETURN j.id AS id, j.kind AS kind, j.entity_id AS entity_id, j.entity_name AS entity_name,
       j.other_id AS other_id,
       j.new_entity_id AS new_entity_id, j.new_name AS new_name, j.alias AS alias,
       j.article_id AS article_id, j.start AS start
ORDER BY j.created_at, j.id
