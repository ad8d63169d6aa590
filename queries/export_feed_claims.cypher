// Feed: claims in ingestion order (ingested_at, then id) after a cursor, with the same row
// shape as claims_list. Speaker and article are optional so that every row advances the cursor.
MATCH (c:Claim)
WHERE c.ingested_at >= datetime($after_ts)
  AND (c.ingested_at > datetime($after_ts) OR c.id > $after_id)
WITH c ORDER BY c.ingested_at, c.id LIMIT $limit
OPTIONAL MATCH (s)-[:SAID]->(c)
OPTIONAL MATCH (c)-[:REPORTED_IN]->(a:Article)
CALL (c) {
  OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
  RETURN collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about
}
CALL (c) {
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  RETURN head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
}
WITH c, head(collect(s)) AS s, head(collect(a)) AS a, about, target
RETURN c {.*, ingested_at: toString(c.ingested_at)} AS claim,
       toString(c.ingested_at) AS ingested_at,
       CASE WHEN s IS NULL THEN NULL ELSE
         {id: s.id, name: coalesce(s.name, s.description),
          type: coalesce(s.type, 'AnonymousSource'), anonymous: s:AnonymousSource,
          description: s.description, affiliation: s.affiliation} END AS speaker,
       [x IN about WHERE x.id IS NOT NULL] AS about, target,
       CASE WHEN a IS NULL THEN NULL ELSE a {.id, .title, .url, .source, .published} END
         AS article
ORDER BY c.ingested_at, c.id
