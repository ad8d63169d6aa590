// The plain claim list (no filter): newest statement first, undated claims (sort_key '') last,
// keyset-paginated on (sort_key, id). sort_key is stored at write time (migration 5) so the
// page is read in index order instead of sorting every claim.
MATCH (c:Claim)
WHERE c.sort_key <= coalesce($after_key, '\uffff')
  AND ($after_key IS NULL OR c.sort_key < $after_key OR c.id > $after_id)
WITH c ORDER BY c.sort_key DESC, c.id ASC LIMIT $limit
WITH c, c.sort_key AS sort_key
MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
WITH s, c, a, sort_key, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
     head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
RETURN c {.*, ingested_at: null} AS claim, sort_key,
       {id: s.id, name: coalesce(s.name, s.description), type: coalesce(s.type, 'AnonymousSource'),
        anonymous: s:AnonymousSource, description: s.description, affiliation: s.affiliation}
         AS speaker,
       [x IN about WHERE x.id IS NOT NULL] AS about, target,
       a {.id, .title, .url, .source, .published} AS article
ORDER BY sort_key DESC, c.id ASC
