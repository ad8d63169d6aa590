// Who said what: claims with their speaker and evidence, newest statement first,
// keyset-paginated on (sort_key, id). The start set comes from the most selective filter given
// (speaker, then about-entity, then full-text ids) so filtered queries never scan every claim.
CALL () {
  WITH 1 AS one WHERE $speaker_ids IS NOT NULL
  UNWIND $speaker_ids AS sid
  MATCH (:Entity {id: sid})-[:SAID]->(c:Claim)
  RETURN c
  UNION
  WITH 1 AS one WHERE $speaker_ids IS NOT NULL
  UNWIND $speaker_ids AS sid
  MATCH (:AnonymousSource {id: sid})-[:SAID]->(c:Claim)
  RETURN c
  UNION
  WITH 1 AS one WHERE $speaker_ids IS NULL AND $about_ids IS NOT NULL
  UNWIND $about_ids AS eid
  MATCH (:Entity {id: eid})<-[:ABOUT|TARGETS]-(c:Claim)
  RETURN c
  UNION
  WITH 1 AS one WHERE $speaker_ids IS NULL AND $about_ids IS NULL AND $claim_ids IS NOT NULL
  UNWIND $claim_ids AS cid
  MATCH (c:Claim {id: cid})
  RETURN c
  UNION
  WITH 1 AS one WHERE $speaker_ids IS NULL AND $about_ids IS NULL AND $claim_ids IS NULL
  MATCH (c:Claim)
  RETURN c
}
WITH c
WHERE ($claim_ids IS NULL OR c.id IN $claim_ids)
  AND ($about_ids IS NULL OR EXISTS { (c)-[:ABOUT|TARGETS]->(e:Entity) WHERE e.id IN $about_ids })
  AND ($cue IS NULL OR toLower(c.cue) = toLower($cue))
  AND ($quote_type IS NULL OR c.quote_type = $quote_type)
  AND ($outlet IS NULL OR toLower(coalesce(c.outlet, '')) = toLower($outlet))
  AND ($date_from IS NULL OR coalesce(c.date, c.published) >= $date_from)
  AND ($date_to IS NULL OR substring(coalesce(c.date, c.published), 0, size($date_to)) <= $date_to)
  AND ($published_from IS NULL OR c.published >= $published_from)
  AND ($published_to IS NULL OR substring(c.published, 0, size($published_to)) <= $published_to)
  AND ($anonymous IS NULL OR coalesce(c.anonymous, false) = $anonymous)
  // The speaker's side: a named speaker's role (HOLDS_ROLE aggregate) in the affiliation, or an
  // anonymous source whose stated affiliation is that entity's name; the country likewise, or
  // the named speaker's own country.
  AND ($affiliation_ids IS NULL
       OR EXISTS { MATCH (s:Entity)-[:SAID]->(c)
                   WHERE EXISTS { (s)-[:HOLDS_ROLE]->(o:Entity) WHERE o.id IN $affiliation_ids } }
       OR EXISTS { MATCH (s:AnonymousSource)-[:SAID]->(c)
                   MATCH (o:Entity {name: s.affiliation}) WHERE o.id IN $affiliation_ids })
  AND ($speaker_country IS NULL
       OR EXISTS { MATCH (s:Entity)-[:SAID]->(c)
                   WHERE s.country = $speaker_country
                      OR EXISTS { (s)-[:HOLDS_ROLE]->(o:Entity)
                                  WHERE o.country = $speaker_country } }
       OR EXISTS { MATCH (s:AnonymousSource)-[:SAID]->(c)
                   MATCH (o:Entity {name: s.affiliation}) WHERE o.country = $speaker_country })
WITH c, coalesce(c.date, c.published, '') AS sort_key
WHERE $after_key IS NULL OR sort_key < $after_key OR (sort_key = $after_key AND c.id > $after_id)
ORDER BY sort_key DESC, c.id ASC
LIMIT $limit
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
