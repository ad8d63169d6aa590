// Roles from appositions and titles, with the title and their evidence on the relationship.
UNWIND $rows AS row
MATCH (p:Entity {id: row.source})
MATCH (t:Entity {id: row.target})
MERGE (p)-[r:$(row.type) {article_id: row.article_id, start: row.start}]->(t)
SET r.title = row.title, r.end = row.end, r.sentence_start = row.sentence_start,
    r.sentence_end = row.sentence_end, r.extractor_version = row.extractor_version
RETURN count(r) AS n
