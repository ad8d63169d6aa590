// Claim ids by or about an entity per day (statement date, else publication date) inside
// [$day_from, $day_to], a few per day ($per_day): the timeline lists claims for its newest
// buckets only; every claim is counted from the write-time counts, not here.
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[:SAID]->(c:Claim) RETURN c
  UNION
  MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c
}
WITH c, substring(coalesce(c.date, c.published, ''), 0, 10) AS day
WHERE day >= $day_from AND day <= $day_to
WITH day, collect(c.id)[..$per_day] AS ids
RETURN day, ids
