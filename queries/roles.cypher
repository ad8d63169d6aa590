// Roles (HAS_ROLE) of a person, or held in an organization/place/group, with their evidence;
// with $other set, only the roles between the two entities.
MATCH (e:Entity {id: $id})
MATCH (e)-[r:HAS_ROLE]-(o:Entity)
WHERE $other IS NULL OR o.id = $other
WITH r, startNode(r) AS p, endNode(r) AS org
LIMIT $limit
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN p {.id, .name, .type} AS person, org {.id, .name, .type} AS organization, r.title AS title,
       a {.id, .title, .url, .source, .published} AS article,
       CASE WHEN a IS NULL OR r.sentence_start IS NULL THEN null
            ELSE substring(a.text, r.sentence_start, r.sentence_end - r.sentence_start) END
         AS sentence,
       r.start AS start, r.end AS end, r.sentence_start AS sentence_start,
       r.sentence_end AS sentence_end
