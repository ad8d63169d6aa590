// An outlet's profile in one read: its counts (relationship degrees), a page of its articles
// (newest first, keyset on (published, id), $page_limit rows), the newest claims it carries
// from its newest articles (ids in order, and whole: the shape of claims_by_ids), and the
// DUPLICATE_OF links touching its articles (the shape of duplicates.cypher). No row when no
// outlet has that id.
MATCH (s:Source {id: $id})
CALL (s) {
  MATCH (s)<-[:PUBLISHED_BY]-(a)
  RETURN count(a) AS articles, sum(COUNT { (a)<-[:REPORTED_IN]-() }) AS claims
}
CALL (s) {
  MATCH (s)<-[:PUBLISHED_BY]-(a:Article)
  WITH a, coalesce(a.published, '') AS key
  WHERE $after_key IS NULL OR key < $after_key OR (key = $after_key AND a.id > $after_id)
  WITH a, key ORDER BY key DESC, a.id ASC LIMIT $page_limit
  RETURN collect({article: a {.id, .title, .url, .published, .status, outlet: a.source},
                  key: key, claims: COUNT { (a)<-[:REPORTED_IN]-(:Claim) }}) AS page
}
CALL (s) {
  MATCH (s)<-[:PUBLISHED_BY]-(a:Article)
  WITH a ORDER BY a.published DESC LIMIT $limit * 5
  MATCH (a)<-[:REPORTED_IN]-(c:Claim)
  WITH c ORDER BY coalesce(c.date, c.published, '') DESC, c.id LIMIT $limit
  RETURN collect(c) AS newest
}
CALL (newest) {
  UNWIND newest AS c
  MATCH (sp)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
  OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  WITH sp, c, a, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
       head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
  RETURN collect({
    claim: c {.*, ingested_at: null},
    speaker: {id: sp.id, name: coalesce(sp.name, sp.description),
              type: coalesce(sp.type, 'AnonymousSource'), anonymous: sp:AnonymousSource,
              description: sp.description, affiliation: sp.affiliation},
    about: [x IN about WHERE x.id IS NOT NULL], target: target,
    article: a {.id, .title, .url, .source, .published}}) AS claim_rows
}
CALL (s) {
  MATCH (s)<-[:PUBLISHED_BY]-(:Article)-[d:DUPLICATE_OF]-(:Article)
  WITH DISTINCT startNode(d) AS x, endNode(d) AS y, d.similarity AS similarity
  LIMIT $limit
  RETURN collect({
    article: x {.id, .title, .url, .published, .status, outlet: x.source},
    duplicate_of: y {.id, .title, .url, .published, .status, outlet: y.source},
    similarity: similarity}) AS duplicates
}
RETURN s.id AS id, s.name AS name, articles, claims, page, [c IN newest | c.id] AS claim_ids,
       claim_rows, duplicates
