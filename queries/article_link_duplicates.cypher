// Duplicate and near-duplicate links. The original may still be in flight in another worker's
// transaction, so it is MERGEd: its own write later fills in its properties.
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
MERGE (o:Article {id: row.original})
MERGE (a)-[d:DUPLICATE_OF]->(o)
SET d.similarity = row.similarity, a.duplicate_of = row.original, a.similarity = row.similarity
RETURN count(d) AS n
