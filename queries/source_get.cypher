// One outlet with its counts (relationship degrees: no property reads).
MATCH (s:Source {id: $id})
CALL (s) {
  MATCH (s)<-[:PUBLISHED_BY]-(a)
  RETURN count(a) AS articles, sum(COUNT { (a)<-[:REPORTED_IN]-() }) AS claims
}
RETURN s.id AS id, s.name AS name, articles, claims
