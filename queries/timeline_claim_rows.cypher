// The claims a timeline lists, whole, in one read (graph/reads/timeline.py), from two sources:
// - $listed (claim id -> bucket): the claims of buckets the entity's NewestClaims lists answer
//   exactly, already chosen (newest $per_bucket each);
// - $scan_of (day -> bucket): the days of the other listed buckets that hold their newest
//   claims (from the write-time counts): claims by or about the entity whose day (statement
//   date, else publication date) is one of them, newest first, $per_bucket per bucket.
//   $from_days (an entity with many claims): start from those days' claims (the stored sort
//   key's index) instead of walking every claim by or about the entity.
// Each with speaker, entities and evidence (the shape of claims_by_ids).
MATCH (e:Entity {id: $id})
CALL (e) {
  CALL (e) {
    WITH e WHERE NOT $from_days AND size(keys($scan_of)) > 0
    MATCH (e)-[:SAID]->(c:Claim) RETURN c
    UNION
    WITH e WHERE NOT $from_days AND size(keys($scan_of)) > 0
    MATCH (e)<-[:ABOUT|TARGETS]-(c:Claim) RETURN c
    UNION
    WITH e WHERE $from_days
    UNWIND keys($scan_of) AS day
    MATCH (c:Claim) WHERE c.sort_key STARTS WITH day
    WITH e, c WHERE EXISTS { (e)-[:SAID]->(c) } OR EXISTS { (c)-[:ABOUT|TARGETS]->(e) }
    RETURN c
  }
  WITH c, coalesce(c.date, c.published, '') AS sort_key
  WITH c, sort_key, $scan_of[substring(sort_key, 0, 10)] AS period
  WHERE period IS NOT NULL
  WITH period, c, sort_key ORDER BY sort_key DESC, c.id ASC
  WITH period, collect(c)[..$per_bucket] AS listed
  UNWIND listed AS c
  RETURN period, c
  UNION
  UNWIND keys($listed) AS cid
  MATCH (c:Claim {id: cid})
  RETURN $listed[cid] AS period, c
}
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
