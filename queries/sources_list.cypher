// Outlets, by name; keyset on (name, id). Counts come from relationship degrees (no property
// reads): articles published, and claims reported in them.
MATCH (s:Source)
WHERE $after_name IS NULL OR coalesce(s.name, '') > $after_name
   OR (coalesce(s.name, '') = $after_name AND s.id > $after_id)
WITH s ORDER BY coalesce(s.name, '') ASC, s.id ASC LIMIT $limit
CALL (s) {
  MATCH (s)<-[:PUBLISHED_BY]-(a)
  RETURN count(a) AS articles, sum(COUNT { (a)<-[:REPORTED_IN]-() }) AS claims
}
RETURN s.id AS id, s.name AS name, articles, claims
ORDER BY coalesce(name, '') ASC, id ASC
