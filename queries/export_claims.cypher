// Export: claims with their speaker, article, about and target ids, keyset-paginated on id.
MATCH (c:Claim)
WHERE c.id > $after
  AND ($ids IS NULL OR c.id IN $ids)
  AND ($date_from IS NULL OR left(coalesce(c.date, c.published, ''), 10) >= $date_from)
  AND ($date_to IS NULL OR left(coalesce(c.date, c.published, ''), 10) <= $date_to)
WITH c ORDER BY c.id LIMIT $limit
CALL (c) {
  OPTIONAL MATCH (s)-[:SAID]->(c)
  RETURN head(collect(s.id)) AS speaker_id
}
CALL (c) {
  OPTIONAL MATCH (c)-[:REPORTED_IN]->(a:Article)
  RETURN head(collect(a.id)) AS article_id
}
CALL (c) {
  OPTIONAL MATCH (c)-[:ABOUT]->(e:Entity)
  RETURN collect(e.id) AS about
}
CALL (c) {
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  RETURN collect(t.id) AS targets
}
CALL (c) {
  OPTIONAL MATCH (r:ClaimReview)-[:REVIEWS]->(c)
  RETURN collect(r {.*}) AS reviews
}
RETURN c.id AS id, c {.*, ingested_at: toString(c.ingested_at)} AS props,
       speaker_id, article_id, about, targets, reviews
ORDER BY id
