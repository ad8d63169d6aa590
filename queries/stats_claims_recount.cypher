// Top speakers or top targets counted at read time (exact to the day): claims about some
// entities ($about_ids) and/or by some speakers ($speaker_ids), dated by statement date, else
// publication date. $by = 'speaker' counts named speakers, 'target' the entities targeted.
CALL () {
  WITH 1 AS one WHERE $about_ids IS NOT NULL
  UNWIND $about_ids AS aid
  MATCH (:Entity {id: aid})<-[:ABOUT|TARGETS]-(c:Claim)
  RETURN DISTINCT c
  UNION
  WITH 1 AS one WHERE $about_ids IS NULL AND $speaker_ids IS NOT NULL
  UNWIND $speaker_ids AS sid
  MATCH (:Entity {id: sid})-[:SAID]->(c:Claim)
  RETURN c
  UNION
  WITH 1 AS one WHERE $about_ids IS NULL AND $speaker_ids IS NULL
  MATCH (c:Claim)
  RETURN c
}
WITH c, substring(coalesce(c.date, c.published, ''), 0, 10) AS day
WHERE ($date_from IS NULL OR day >= $date_from)
  AND ($date_to IS NULL OR (day <> '' AND substring(day, 0, size($date_to)) <= $date_to))
  AND ($speaker_ids IS NULL OR EXISTS { (s:Entity)-[:SAID]->(c) WHERE s.id IN $speaker_ids })
CALL (c) {
  WITH c WHERE $by = 'speaker'
  MATCH (e:Entity)-[:SAID]->(c)
  WHERE NOT e.id IN coalesce($about_ids, [])  // as the aggregates: no one is about oneself
  RETURN e
  UNION
  WITH c WHERE $by = 'target'
  MATCH (c)-[:TARGETS]->(e:Entity)
  RETURN e
}
WITH e, count(DISTINCT c) AS claims
RETURN e {.id, .name, .type} AS entity, claims
ORDER BY claims DESC, entity.id
LIMIT $limit
