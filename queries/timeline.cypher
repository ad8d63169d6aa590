// An entity over time, per day (bucketed further in Python): mentions by publication date, and
// claims by or about it by statement date (else publication date) — every claim counted, a few
// ids kept per day ($per_day) so the claims themselves are fetched for the newest days only.
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-()
  WHERE ($date_from IS NULL OR m.published >= $date_from)
    AND ($date_to IS NULL OR substring(m.published, 0, size($date_to)) <= $date_to)
  WITH substring(coalesce(m.published, ''), 0, 10) AS day, sum(m.count) AS n, count(*) AS arts
  RETURN collect({day: day, mentions: n, articles: arts}) AS days
}
CALL (e) {
  CALL (e) {
    MATCH (e)-[:SAID]->(c:Claim) RETURN c
    UNION
    MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c
  }
  WITH c, substring(coalesce(c.date, c.published, ''), 0, 10) AS day
  WHERE ($date_from IS NULL OR day >= $date_from)
    AND ($date_to IS NULL OR substring(day, 0, size($date_to)) <= $date_to)
  WITH day, count(c) AS n, collect(c.id)[..$per_day] AS ids
  RETURN collect({day: day, n: n, ids: ids}) AS claim_days
}
RETURN e {.id, .name, .type} AS entity, days, claim_days
