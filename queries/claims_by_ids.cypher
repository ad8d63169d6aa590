// Claims by id, in the order given, with speaker, about/target entities and evidence
// (ingested_at left out: no read shows it, and a temporal value costs the driver a decode).
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Claim {id: $ids[i]})
MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
WITH i, s, c, a, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
     head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
RETURN c {.*, ingested_at: null} AS claim,
       {id: s.id, name: coalesce(s.name, s.description), type: coalesce(s.type, 'AnonymousSource'),
        anonymous: s:AnonymousSource, description: s.description, affiliation: s.affiliation}
         AS speaker,
       [x IN about WHERE x.id IS NOT NULL] AS about, target,
       a {.id, .title, .url, .source, .published} AS article
ORDER BY i
