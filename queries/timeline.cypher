// An entity over time: mentions per day (bucketed further in Python) and the newest claims by
// or about it, each with its bucket date (statement date, else publication date).
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-()
  WHERE ($date_from IS NULL OR m.published >= $date_from)
    AND ($date_to IS NULL OR substring(m.published, 0, size($date_to)) <= $date_to)
  WITH substring(coalesce(m.published, ''), 0, 10) AS day, sum(m.count) AS n, count(*) AS arts
  ORDER BY day
  RETURN collect({day: day, mentions: n, articles: arts}) AS days
}
CALL (e) {
  CALL (e) {
    MATCH (e)-[:SAID]->(c:Claim) RETURN c
    UNION
    MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c
  }
  WITH c, coalesce(c.date, c.published, '') AS day
  WHERE ($date_from IS NULL OR day >= $date_from)
    AND ($date_to IS NULL OR substring(day, 0, size($date_to)) <= $date_to)
  WITH c, day ORDER BY day DESC, c.id LIMIT $claim_cap
  RETURN collect({id: c.id, day: substring(day, 0, 10)}) AS claims
}
RETURN e {.id, .name, .type} AS entity, days, claims
