// Who said what: claims with their speaker and evidence, newest statement first,
// keyset-paginated on (sort_key, id).
MATCH (s)-[:SAID]->(c:Claim)-[:REPORTED_IN]->(a:Article)
WHERE ($speaker_ids IS NULL OR s.id IN $speaker_ids)
  AND ($about_ids IS NULL OR EXISTS { (c)-[:ABOUT|TARGETS]->(e:Entity) WHERE e.id IN $about_ids })
  AND ($claim_ids IS NULL OR c.id IN $claim_ids)
  AND ($cue IS NULL OR c.cue = $cue)
  AND ($quote_type IS NULL OR c.quote_type = $quote_type)
  AND ($outlet IS NULL OR toLower(coalesce(a.source, '')) = toLower($outlet))
  AND ($date_from IS NULL OR coalesce(c.date, a.published) >= $date_from)
  AND ($date_to IS NULL OR coalesce(c.date, a.published) <= $date_to)
  AND ($published_from IS NULL OR a.published >= $published_from)
  AND ($published_to IS NULL OR a.published <= $published_to)
WITH s, c, a, coalesce(c.date, a.published, '') AS sort_key
WHERE $after_key IS NULL OR sort_key < $after_key OR (sort_key = $after_key AND c.id > $after_id)
ORDER BY sort_key DESC, c.id ASC
LIMIT $limit
OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
WITH s, c, a, sort_key, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
     head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
RETURN c {.*} AS claim, sort_key,
       {id: s.id, name: coalesce(s.name, s.description), type: coalesce(s.type, 'AnonymousSource'),
        anonymous: s:AnonymousSource, description: s.description, affiliation: s.affiliation}
         AS speaker,
       [x IN about WHERE x.id IS NOT NULL] AS about, target,
       a {.id, .title, .url, .source, .published} AS article
ORDER BY sort_key DESC, c.id ASC
