// Evidence for role edges: per (person, organization) pair, a few HAS_ROLE edges with the
// sentence that attests them (only for the edges a read returns).
UNWIND $pairs AS pair
MATCH (p:Entity {id: pair.a})
MATCH (o:Entity {id: pair.b})
CALL (p, o) {
  MATCH (p)-[r:HAS_ROLE]->(o)
  RETURN r LIMIT $limit
}
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN pair.a AS a, pair.b AS b, p {.id, .name, .type} AS person,
       o {.id, .name, .type} AS organization, r.title AS title,
       a {.id, .title, .url, .source, .published} AS article,
       CASE WHEN a IS NULL OR r.sentence_start IS NULL THEN null
            ELSE substring(a.text, r.sentence_start, r.sentence_end - r.sentence_start) END
         AS sentence,
       r.start AS start, r.end AS end, r.sentence_start AS sentence_start,
       r.sentence_end AS sentence_end
