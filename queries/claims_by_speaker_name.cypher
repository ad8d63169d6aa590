// Who said what by a speaker's name (or id) and nothing else, in one read: the name resolved as
// entity_ids_by_name.cypher resolves it (an exact id; else full-text over names and aliases,
// an exact name or alias scoring highest, and anonymous sources by description; ties to the
// entity mentioned most), the ids kept as graph/reads entity_ids_by_name keeps them (an id
// alone, else the exact hits and those within 0.8 of the best score; $cap at most), then their
// claims as claims_list.cypher lists them for $speaker_ids (newest first, keyset-paginated on
// (sort_key, id), $limit). `matched`: how many ids the name stands for (0: an unknown name).
CALL () {
  MATCH (e:Entity {id: $name})
  RETURN e.id AS id, 1000.0 AS score
  UNION
  MATCH (s:AnonymousSource {id: $name})
  RETURN s.id AS id, 1000.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 50}) YIELD node, score
  RETURN node.id AS id,
         CASE WHEN toLower(node.name) = toLower($name)
                OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = toLower($name))
              THEN 100.0 ELSE score END AS score
  UNION
  MATCH (s:AnonymousSource)
  WHERE s.name_lower CONTAINS toLower($name)
  RETURN s.id AS id, 1.0 AS score
}
WITH id, max(score) AS score
OPTIONAL MATCH (st:EntityStats {entity_id: id})
WITH id, score ORDER BY score DESC, coalesce(st.mentions, 0) DESC, id LIMIT $cap
WITH collect({id: id, score: score}) AS hits
WITH CASE WHEN size(hits) = 0 THEN []
          WHEN hits[0].score >= 1000.0 THEN [hits[0].id]
          ELSE [h IN hits WHERE h.score >= 100.0 OR h.score >= hits[0].score * 0.8 | h.id]
     END AS speaker_ids
CALL (speaker_ids) {
  CALL (speaker_ids) {
    UNWIND speaker_ids AS sid
    MATCH (:Entity {id: sid})-[:SAID]->(c:Claim)
    RETURN c
    UNION
    UNWIND speaker_ids AS sid
    MATCH (:AnonymousSource {id: sid})-[:SAID]->(c:Claim)
    RETURN c
  }
  WITH c, coalesce(c.date, c.published, '') AS sort_key
  WHERE $after_key IS NULL OR sort_key < $after_key OR (sort_key = $after_key AND c.id > $after_id)
  ORDER BY sort_key DESC, c.id ASC
  LIMIT $limit
  MATCH (s)-[:SAID]->(c)-[:REPORTED_IN]->(a:Article)
  OPTIONAL MATCH (c)-[:ABOUT]->(ab:Entity)
  OPTIONAL MATCH (c)-[:TARGETS]->(t:Entity)
  WITH s, c, a, sort_key, collect(DISTINCT {id: ab.id, name: ab.name, type: ab.type}) AS about,
       head(collect(DISTINCT {id: t.id, name: t.name, type: t.type})) AS target
  WITH c, sort_key, s, a, about, target ORDER BY sort_key DESC, c.id ASC
  RETURN collect({
    claim: c {.*, ingested_at: null}, sort_key: sort_key,
    speaker: {id: s.id, name: coalesce(s.name, s.description),
              type: coalesce(s.type, 'AnonymousSource'), anonymous: s:AnonymousSource,
              description: s.description, affiliation: s.affiliation},
    about: [x IN about WHERE x.id IS NOT NULL], target: target,
    article: a {.id, .title, .url, .source, .published}}) AS rows
}
RETURN size(speaker_ids) AS matched, rows
