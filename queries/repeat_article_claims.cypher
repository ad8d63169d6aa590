// The claims of some articles (canonical or folded) with what their repeat keys and the fold
// need: the migration that builds repeat keys for an existing graph (graph/repeats.py).
UNWIND $ids AS aid
MATCH (c)-[:REPORTED_IN]->(:Article {id: aid})
WHERE c:Claim OR c:ClaimRepeat
RETURN c.id AS id, c.article_id AS article_id, c.content AS content,
       coalesce(c.anonymous, false) AS anonymous, c.published AS published,
       [(s:Entity)-[:SAID]->(c) | s.id][0] AS speaker_id
ORDER BY id
