// The claims a timeline lists, whole, in one read: claims by or about an entity whose day
// (statement date, else publication date) is a key of $period_of (the days of the listed
// buckets that hold their newest claims, from the write-time counts: day -> bucket), newest
// first, $per_bucket per bucket, each with speaker, entities and evidence (the shape of
// claims_by_ids). $from_days (an entity with many claims): start from those days' claims
// (the stored sort key's index) instead of walking every claim by or about the entity.
MATCH (e:Entity {id: $id})
CALL (e) {
  WITH e WHERE NOT $from_days
  MATCH (e)-[:SAID]->(c:Claim) RETURN c
  UNION
  WITH e WHERE NOT $from_days
  MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c
  UNION
  WITH e WHERE $from_days
  UNWIND keys($period_of) AS day
  MATCH (c:Claim) WHERE c.sort_key STARTS WITH day
  WITH e, c WHERE EXISTS { (e)-[:SAID]->(c) } OR EXISTS { (c)-[:ABOUT|TARGETS]->(e) }
  RETURN c
}
WITH c, coalesce(c.date, c.published, '') AS sort_key
WITH c, sort_key, $period_of[substring(sort_key, 0, 10)] AS period
WHERE period IS NOT NULL
WITH period, c, sort_key ORDER BY sort_key DESC, c.id ASC
WITH period, collect(c)[..$per_bucket] AS listed
UNWIND listed AS c
MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
WITH period, s, c, a, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
     head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
RETURN period, c {.*, ingested_at: null} AS claim,
       {id: s.id, name: coalesce(s.name, s.description), type: coalesce(s.type, 'AnonymousSource'),
        anonymous: s:AnonymousSource, description: s.description, affiliation: s.affiliation}
         AS speaker,
       [x IN about WHERE x.id IS NOT NULL] AS about, target,
       a {.id, .title, .url, .source, .published} AS article
