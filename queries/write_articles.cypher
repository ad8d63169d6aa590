// Articles with their raw text and metadata, whatever their status, plus their outlet.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props
WITH a, row
CALL (a, row) {
  WITH a, row WHERE row.source_id IS NOT NULL
  MERGE (s:Source {id: row.source_id})
  ON CREATE SET s.name = row.source_name
  MERGE (a)-[:PUBLISHED_BY]->(s)
}
WITH a, row
CALL (a, row) {
  WITH a, row WHERE row.duplicate_of IS NOT NULL
  MATCH (o:Article {id: row.duplicate_of})
  MERGE (a)-[d:DUPLICATE_OF]->(o)
  SET d.similarity = row.similarity
}
RETURN count(a) AS n
