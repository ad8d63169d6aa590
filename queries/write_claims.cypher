// Claims are first-class: speaker -SAID-> claim -REPORTED_IN-> article, -ABOUT-> entities.
// Anonymous sources get their own node per article and span, so they never merge with anyone.
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (c:Claim {id: row.id})
ON CREATE SET c.ingested_at = datetime()
SET c += row.props
// The article as stored after its own write in this transaction: a re-ingest that leaves out
// the date or outlet keeps the article's known values, and its claims must carry the same ones
// (the claim list, profiles and newest-claims lists order by them).
SET c.published = a.published, c.outlet = coalesce(a.source, row.props.outlet)
// The plain claim list's order, kept at write time so a page is an index scan. Computed from
// the stored values, not the row: a value missing from a re-ingest keeps the stored one.
SET c.sort_key = coalesce(c.date, c.published, '')
MERGE (c)-[:REPORTED_IN]->(a)
WITH c, row
CALL (c, row) {
  WITH c, row WHERE row.anonymous
  MERGE (s:AnonymousSource {id: row.speaker_id})
  // name_lower: the name lookup's substring match through a text index (entity_ids_by_name).
  SET s.name = row.speaker_name, s.name_lower = toLower(row.speaker_name),
      s.description = row.speaker_description,
      s.affiliation = row.speaker_affiliation, s.article_id = row.article_id,
      s.type = row.speaker_type
  MERGE (s)-[:SAID]->(c)
}
CALL (c, row) {
  WITH c, row WHERE NOT row.anonymous
  MATCH (s:Entity {id: row.speaker_id})
  MERGE (s)-[:SAID]->(c)
}
CALL (c, row) {
  UNWIND row.about AS about_id
  MATCH (e:Entity {id: about_id})
  MERGE (c)-[:ABOUT]->(e)
}
CALL (c, row) {
  WITH c, row WHERE row.target IS NOT NULL
  MATCH (t:Entity {id: row.target})
  MERGE (c)-[:TARGETS]->(t)
}
RETURN count(c) AS n
